using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Features.Melding.CaseParticipants;
using C = PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>Route A – niet confronterend: A.1 thema in de klas, A.2 ouders achteraf informeren, A.3 blijven volgen.</summary>
public sealed class RouteADialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.routeA";

    private static readonly CaseCommand[] SubSteps = [CaseCommand.A1ThemeInClass, CaseCommand.A2InformParents, CaseCommand.A3FollowUp];

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken)
    {
        var (c, code) = (loaded.Case, loaded.Code);
        CaseScreen? screen = SubSteps.FirstOrDefault(c.IsAllowed, CaseCommand.Close) switch
        {
            CaseCommand.A1ThemeInClass => new(nameof(CaseCommand.A1ThemeInClass), RouteACards.A1(code, c), C.Rules()),
            CaseCommand.A2InformParents => new(nameof(CaseCommand.A2InformParents), RouteACards.A2(code, c, Steps.Today), [.. ParentsFields.Rules(), .. C.Rules()]),
            CaseCommand.A3FollowUp => new(nameof(CaseCommand.A3FollowUp), RouteACards.A3(code, c, Steps.Today), C.Rules()),
            _ => null,
        };
        return Task.FromResult(screen);
    }

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) => screen switch
    {
        nameof(CaseCommand.A1ThemeInClass) => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.A1ThemeInClass(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty, IsOn(submit, C.DigitalTips)), cancellationToken),
        nameof(CaseCommand.A2InformParents) => ApplyAsync(stepContext, caseId, (c, now) =>
        {
            var parents = ParentsFields.Read(submit, c.Actor.StaffId, now, null, out var byOther);
            c.Case.A2InformParents(c.Actor, now, parents, Join(Optional(submit, C.StepText), byOther));
        }, cancellationToken),
        _ => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.A3FollowUp(c.Actor, now, FollowUp(submit, C.FollowUpDate) ?? now, Optional(submit, C.StepText)), cancellationToken),
    };
}
