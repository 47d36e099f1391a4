using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>Stap 3 – route A, B or C, chosen together with the student (the card and the domain both insist).</summary>
public sealed class Step3RouteChoiceDialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.stap3";

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken) =>
        Task.FromResult<CaseScreen?>(new CaseScreen("stap3", RouteChoiceCard.Step3(loaded.Code, loaded.Case), [MeldingCardParts.Rule(RouteChoiceCard.Note, "Toelichting", maxLength: 2000)]));

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken)
    {
        var route = Enum.TryParse<Route>(submit.GetString(MeldingCardParts.ChoiceKey), out var r) ? r : Route.A;
        var together = string.Equals(submit.GetString(RouteChoiceCard.ChosenWithStudent), "true", StringComparison.OrdinalIgnoreCase);
        var note = submit.GetString(RouteChoiceCard.Note);
        return ApplyAsync(stepContext, caseId, (c, now) => c.Case.ChooseRoute(route, together, c.Actor, now, string.IsNullOrWhiteSpace(note) ? null : note), cancellationToken);
    }
}
