using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Features.Melding.CaseParticipants;
using C = PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// Route B – de leerling weet wie de dader is. B.1 bemiddelingsgesprek (Bijlage 6, all four topics), B.2 the
/// mentor reports (staff alerted by the notifier, parents recorded), B.3 event and agreements, B.4 follow-up
/// meeting (when the bullying persists: straight on to stap 4, route D).
/// </summary>
public sealed class RouteBDialog(CaseSteps steps, CaseParticipants participants) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.routeB";

    private static readonly CaseCommand[] SubSteps =
        [CaseCommand.B1MediationConversation, CaseCommand.B2Report, CaseCommand.B3RecordEvent, CaseCommand.B4FollowUpMeeting];

    protected override async Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken)
    {
        var (c, code) = (loaded.Case, loaded.Code);
        switch (SubSteps.FirstOrDefault(c.IsAllowed, CaseCommand.Close))
        {
            case CaseCommand.B1MediationConversation:
                var staff = await StaffChoicesAsync(turnContext, Steps, loaded, cancellationToken).ConfigureAwait(false);
                var teamleiders = await Steps.Directory.GetRoleHoldersAsync(c.LocationId, StaffRole.Teamleider, cancellationToken).ConfigureAwait(false);
                return new CaseScreen(nameof(CaseCommand.B1MediationConversation), RouteBCards.B1(code, c, await participants.ClassmatesAsync(c, cancellationToken).ConfigureAwait(false), staff, loaded.Person.Id, teamleiders),
                    [.. C.Rules(teamleiders), MeldingCardParts.Rule(RouteBCards.Punishment, "Straf", maxLength: 500)]);
            case CaseCommand.B2Report:
                return new CaseScreen(nameof(CaseCommand.B2Report), RouteBCards.B2(code, c, Steps.Today), [.. ParentsFields.Rules(), .. C.Rules()]);
            case CaseCommand.B3RecordEvent:
                var agreements = c.Dossier.LastOrDefault(e => e.Step == ProtocolStep.B1MediationConversation)?.Agreements ?? [];
                return new CaseScreen(nameof(CaseCommand.B3RecordEvent), RouteBCards.B3(code, c, agreements, await participants.ClassmatesAsync(c, cancellationToken).ConfigureAwait(false), await participants.KnownBulliesAsync(c, cancellationToken).ConfigureAwait(false)), C.Rules());
            case CaseCommand.B4FollowUpMeeting:
                return new CaseScreen(nameof(CaseCommand.B4FollowUpMeeting), RouteBCards.B4(code, c, Steps.Today), C.Rules());
            default:
                return null;
        }
    }

    protected override Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken) => screen switch
    {
        nameof(CaseCommand.B1MediationConversation) => ApplyAsync(stepContext, caseId, async (c, now) =>
        {
            var bully = await participants.BullyAsync(submit, C.Bully, c.Case, cancellationToken).ConfigureAwait(false);
            var topics = Bijlage6Bemiddelingsgesprek.Topics.Where((_, i) => IsOn(submit, RouteBCards.TopicToggle(i))).Select(t => t.Id).ToList();
            var people = new List<CaseParticipant> { new(c.Case.StudentRef, ParticipantRole.Victim), bully };
            people.AddRange(Staff(submit, RouteBCards.HeldBy));
            c.Case.B1MediationConversation(c.Actor, now, new MediationConversation(
                people,
                topics,
                submit.GetString(C.StepText) ?? string.Empty,
                Lines(submit.GetString(C.Agreements)),
                Optional(submit, RouteBCards.Punishment),
                await OtherSchoolAsync(submit, cancellationToken).ConfigureAwait(false),
                IsOn(submit, C.DigitalTips)));
        }, cancellationToken),
        nameof(CaseCommand.B2Report) => ApplyAsync(stepContext, caseId, (c, now) =>
        {
            var parents = ParentsFields.Read(submit, c.Actor.StaffId, now, null, out var byOther);
            c.Case.B2Report(c.Actor, now, parents, Join(submit.GetString(C.StepText), byOther));
        }, cancellationToken),
        nameof(CaseCommand.B3RecordEvent) => ApplyAsync(stepContext, caseId, async (c, now) =>
        {
            // B.3 goes into the dossier of "de leerlingen (slachtoffer en dader)": every bully named so far, and one more picked here.
            var another = await participants.StudentAsync(submit, C.Bully, ParticipantRole.Bully, c.Case, cancellationToken).ConfigureAwait(false);
            var bullies = AllBullies(c.Case, another);
            c.Case.B3RecordEvent(c.Actor, now, submit.GetString(C.StepText) ?? string.Empty, Lines(submit.GetString(C.Agreements)),
                [new(c.Case.StudentRef, ParticipantRole.Victim), .. bullies.Count > 0 ? bullies : [new CaseParticipant(BullyNotInDirectory, ParticipantRole.Bully)]]);
        }, cancellationToken),
        _ => ApplyAsync(stepContext, caseId, (c, now) =>
            c.Case.B4FollowUpMeeting(c.Actor, now, IsOn(submit, RouteBCards.AgreementsKept), IsOn(submit, RouteBCards.Persists),
                FollowUp(submit, C.FollowUpDate), submit.GetString(C.StepText) ?? string.Empty), cancellationToken),
    };
}
