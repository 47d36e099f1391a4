using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Features.Melding.CaseParticipants;
using C = PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>Route C – geen idee wie de dader is: C.1 gesprek (bijlage 4, + 5 bij digitaal), C.2 ouders, C.3 notitie, C.4 blijven volgen.</summary>
public sealed class RouteCDialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.routeC";

    private static readonly CaseCommand[] SubSteps =
        [CaseCommand.C1ConversationWithStudent, CaseCommand.C2InformParents, CaseCommand.C3DossierNote, CaseCommand.C4FollowUp];

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken)
    {
        var (c, code) = (loaded.Case, loaded.Code);
        CaseScreen? screen = SubSteps.FirstOrDefault(c.IsAllowed, CaseCommand.Close) switch
        {
            CaseCommand.C1ConversationWithStudent => new(nameof(CaseCommand.C1ConversationWithStudent), RouteCCards.C1(code, c), C.Rules()),
            CaseCommand.C2InformParents => new(nameof(CaseCommand.C2InformParents), RouteCCards.C2(code, c, Steps.Today), [.. ParentsFields.Rules(), .. C.Rules()]),
            CaseCommand.C3DossierNote => new(nameof(CaseCommand.C3DossierNote), RouteCCards.C3(code, c), C.Rules()),
            CaseCommand.C4FollowUp => new(nameof(CaseCommand.C4FollowUp), RouteCCards.C4(code, c, Steps.Today), C.Rules()),
            _ => null,
        };
        return Task.FromResult(screen);
    }

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) => screen switch
    {
        nameof(CaseCommand.C1ConversationWithStudent) => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.C1ConversationWithStudent(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty, IsOn(submit, C.DigitalTips)), cancellationToken),
        nameof(CaseCommand.C2InformParents) => ApplyAsync(stepContext, caseId, (c, now) =>
        {
            var parents = ParentsFields.Read(submit, c.Actor.StaffId, now, null, out var byOther);
            c.Case.C2InformParents(c.Actor, now, parents, Join(Optional(submit, C.StepText), byOther));
        }, cancellationToken),
        nameof(CaseCommand.C3DossierNote) => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.C3DossierNote(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty), cancellationToken),
        _ => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.C4FollowUp(c.Actor, now, FollowUp(submit, C.FollowUpDate) ?? now, Optional(submit, C.StepText)), cancellationToken),
    };
}
