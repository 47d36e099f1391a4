using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Features.Melding.CaseParticipants;
using C = PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// Route E – de dader is onbekend (het pesten gaat door): E.1 gesprek met slachtoffer en ouders (geeft de
/// verdachte het toe, dan verder als route D), E.2 gegevens vastleggen, E.3 melden, E.4 blijven volgen.
/// </summary>
public sealed class RouteEDialog(CaseSteps steps, CaseParticipants participants) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.routeE";

    private static readonly CaseCommand[] SubSteps =
        [CaseCommand.E1ConversationWithVictimAndParents, CaseCommand.E2RecordData, CaseCommand.E3Report, CaseCommand.E4FollowUp];

    protected override async Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken)
    {
        var (c, code) = (loaded.Case, loaded.Code);
        var next = SubSteps.FirstOrDefault(c.IsAllowed, CaseCommand.Close);
        var classmates = next == CaseCommand.E1ConversationWithVictimAndParents ? await participants.ClassmatesAsync(c, cancellationToken).ConfigureAwait(false) : [];
        CaseScreen? screen = next switch
        {
            CaseCommand.E1ConversationWithVictimAndParents => new(nameof(CaseCommand.E1ConversationWithVictimAndParents), RouteECards.E1(code, c, classmates), C.Rules()),
            CaseCommand.E2RecordData => new(nameof(CaseCommand.E2RecordData), RouteECards.E2(code, c), C.Rules()),
            CaseCommand.E3Report => new(nameof(CaseCommand.E3Report), RouteECards.E3(code, c, Steps.Today), [.. ParentsFields.Rules(), .. C.Rules()]),
            CaseCommand.E4FollowUp => new(nameof(CaseCommand.E4FollowUp), RouteECards.E4(code, c, Steps.Today), C.Rules()),
            _ => null,
        };
        return screen;
    }

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) => screen switch
    {
        nameof(CaseCommand.E1ConversationWithVictimAndParents) => ApplyAsync(stepContext, caseId, async (c, now) =>
        {
            var admitted = IsOn(submit, RouteECards.SuspectAdmitted);
            var atSchool = IsOn(submit, RouteECards.SuspectAtThisSchool) || admitted;
            // The suspect, when named: the bully once he admits (route D follows him), else a suspected bully.
            var suspect = await participants.StudentAsync(submit, C.Bully, admitted ? ParticipantRole.Bully : ParticipantRole.SuspectedBully, c.Case, cancellationToken).ConfigureAwait(false);
            c.Case.E1ConversationWithVictimAndParents(c.Actor, now, new VictimAndParentsConversation(
                [new(c.Case.StudentRef, ParticipantRole.Victim), new(c.Case.StudentRef, ParticipantRole.VictimParents), .. suspect is null ? [] : (CaseParticipant[])[suspect]],
                submit.GetString(C.StepText) ?? string.Empty,
                atSchool,
                admitted,
                IsOn(submit, C.DigitalTips)));
        }, cancellationToken),
        nameof(CaseCommand.E2RecordData) => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.E2RecordData(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty), cancellationToken),
        nameof(CaseCommand.E3Report) => ApplyAsync(stepContext, caseId, (c, now) =>
        {
            var parents = ParentsFields.Read(submit, c.Actor.StaffId, now, null, out var byOther);
            c.Case.E3Report(c.Actor, now, parents, Join(submit.GetString(C.StepText), byOther));
        }, cancellationToken),
        _ => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.E4FollowUp(c.Actor, now, FollowUp(submit, C.FollowUpDate) ?? now, Optional(submit, C.StepText)), cancellationToken),
    };
}
