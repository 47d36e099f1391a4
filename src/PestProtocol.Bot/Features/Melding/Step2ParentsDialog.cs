using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>Stap 2 – Ouders informeren: by whom, when, how, and who takes which steps. No route before this.</summary>
public sealed class Step2ParentsDialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.stap2";

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken) =>
        Task.FromResult<CaseScreen?>(new CaseScreen("stap2", Step2ParentsCard.Create(loaded.Code, loaded.Case, Steps.Today), Step2ParentsCard.Rules()));

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) =>
        ApplyAsync(stepContext, caseId, (c, now) =>
        {
            var steps = submit.GetString(Step2ParentsCard.WhoTakesWhichSteps)?.Trim();
            var parents = ParentsFields.Read(submit, c.Actor.StaffId, now, steps, out var byOther);
            c.Case.InformParents(c.Actor, now, parents, byOther is null ? null : $"{steps}\n\n{byOther}");
        }, cancellationToken);
}
