using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Routes;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Cases;

public class FlowchartPathTests
{
    private static IReadOnlyList<ProtocolStep> Steps(Case c) =>
        c.Dossier.Where(e => e.Kind is DossierEntryKind.StepTaken or DossierEntryKind.Closed or DossierEntryKind.RouteSwitched)
            .Select(e => e.Step).ToList();

    [Fact]
    public void Route_A_runs_from_suspicion_to_closed_with_one_entry_per_step()
    {
        var c = Run([.. RouteA, CaseCommand.Close]);

        Assert.Equal(
            [ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
             ProtocolStep.Step3RouteA, ProtocolStep.A1ThemeInClass, ProtocolStep.A2ParentsInformed, ProtocolStep.A3FollowUp,
             ProtocolStep.Closed],
            Steps(c));
        Assert.True(c.IsClosed);
        Assert.Equal(Route.A, c.Step3Route);
        Assert.Null(c.NextFollowUpDate);
        Assert.Equal(Enumerable.Range(1, c.Dossier.Count), c.Dossier.Select(e => e.Sequence));
    }

    [Fact]
    public void Route_B_records_mediation_topics_report_agreements_and_follow_up()
    {
        var c = Run(RouteB);

        Assert.Equal(ProtocolStep.B4FollowUpMeeting, c.CurrentStep);
        var b1 = c.Dossier.Single(e => e.Step == ProtocolStep.B1MediationConversation);
        Assert.Equal(4, b1.ChecklistItemIds.Count);
        var b2 = c.Dossier.Single(e => e.Step == ProtocolStep.B2Reported);
        Assert.True(b2.ParentsInformed);
        var b3 = c.Dossier.Single(e => e.Step == ProtocolStep.B3EventRecorded);
        Assert.Contains(b3.Participants, p => p.Role == Roles.ParticipantRole.Bully);
        Assert.NotEmpty(b3.Agreements);
        Assert.Equal(At(7).AddDays(14), c.NextFollowUpDate);
        Assert.Contains("vervolgmoment", c.NextAction);
    }

    [Fact]
    public void Route_C_then_step_4_route_E_runs_to_closed()
    {
        var c = Run([.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE, .. RouteESteps, CaseCommand.Close]);

        Assert.Equal(
            [ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
             ProtocolStep.Step3RouteC, ProtocolStep.C1ConversationWithStudent, ProtocolStep.C2ParentsInformed,
             ProtocolStep.C3DossierNote, ProtocolStep.C4FollowUp, ProtocolStep.Step4BullyingContinues, ProtocolStep.Step4RouteE,
             ProtocolStep.E1ConversationWithVictimAndParents, ProtocolStep.E2DataRecorded, ProtocolStep.E3Reported,
             ProtocolStep.E4FollowUp, ProtocolStep.Closed],
            Steps(c));
        Assert.Equal(Route.C, c.Step3Route);
        Assert.Equal(Route.E, c.Step4Route);
    }

    [Fact]
    public void Route_A_then_step_4_route_D_runs_through_D1_to_D5()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, .. RouteDSteps]);

        Assert.Equal(ProtocolStep.D5FollowUp, c.CurrentStep);
        Assert.Equal(Route.D, c.CurrentRoute);
        var d2 = c.Dossier.Single(e => e.Step == ProtocolStep.D2ConfrontingConversation);
        Assert.Equal("Twee dagen schorsing", d2.Punishment);
        Assert.Equal("staff-dsl", d2.PunishmentDecidedByStaffId);
    }

    [Fact]
    public void Route_E_switches_to_route_D_when_the_suspect_admits_and_records_the_switch()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE]);

        Do(c, CaseCommand.E1ConversationWithVictimAndParents, 20, suspectAdmits: true);

        Assert.Equal(ProtocolStep.Step4RouteD, c.CurrentStep);
        Assert.Equal(Route.D, c.Step4Route);
        Assert.True(c.SwitchedFromRouteE);
        var e1 = c.Dossier[^2];
        Assert.Equal(ProtocolStep.E1ConversationWithVictimAndParents, e1.Step);
        Assert.True(e1.SuspectAdmitted);
        var sw = c.Dossier[^1];
        Assert.Equal(DossierEntryKind.RouteSwitched, sw.Kind);
        Assert.Equal(Route.D, sw.Route);
        Assert.StartsWith("D.1", c.NextAction);

        foreach (var (command, day) in RouteDSteps.Select((cmd, i) => (cmd, 21 + i)))
        {
            Do(c, command, day);
        }

        Assert.Equal(ProtocolStep.D5FollowUp, c.CurrentStep);
    }

    [Fact]
    public void Suspicion_not_confirmed_closes_with_reminder_and_can_be_reopened_to_step_1()
    {
        var c = Open();
        c.RejectSuspicion(Mentor, At(1), "Geen pesten gezien.");

        Assert.True(c.IsClosed);
        Assert.True(c.ClosedAsNotConfirmed);
        Assert.Contains("alert", c.NextAction);
        Assert.Equal(DossierEntryKind.Closed, c.Dossier[^1].Kind);

        var reopened = c.Reopen(Coordinator, At(30), "Nieuwe signalen.");

        Assert.Equal(DossierEntryKind.Reopened, reopened.Kind);
        Assert.Equal(ProtocolStep.Step1Suspicion, c.CurrentStep);
        Assert.False(c.IsClosed);
        Do(c, CaseCommand.ConfirmSuspicion, 31);
        Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, c.CurrentStep);
    }

    [Fact]
    public void Suspicion_can_stay_open_with_notes_until_answered_later()
    {
        var c = Open();
        var note = c.AddNote(Mentor, At(1), "Besproken in de docentengroep; oriënterend gesprek gepland.");

        Assert.Equal(DossierEntryKind.Note, note.Kind);
        Assert.Equal(ProtocolStep.Step1Suspicion, c.CurrentStep);
        Assert.Contains(CaseCommand.ConfirmSuspicion, c.AllowedCommands);
        Assert.Contains(CaseCommand.RejectSuspicion, c.AllowedCommands);
    }

    [Fact]
    public void Closed_case_after_a_route_reopens_into_its_follow_up_step()
    {
        var c = Run([.. RouteC, CaseCommand.Close]);

        c.Reopen(Mentor, At(40), "Signalen zijn terug.");

        Assert.Equal(ProtocolStep.C4FollowUp, c.CurrentStep);
        Assert.Contains(CaseCommand.BullyingContinues, c.AllowedCommands);
    }

    [Fact]
    public void Herstelgesprek_after_route_B_records_signing_order_then_follow_up_goes_on()
    {
        var c = Run([.. RouteB, CaseCommand.HoldHerstelgesprek]);

        var entry = c.Dossier[^1];
        Assert.Equal(ProtocolStep.Herstelgesprek, entry.Step);
        Assert.Equal([Bully, Victim, Supporter], entry.Signatures);
        Assert.Equal(["We gaan respectvol met elkaar om."], entry.Agreements);
        Assert.Contains(CaseCommand.B4FollowUpMeeting, c.AllowedCommands);
        Assert.Contains(CaseCommand.BullyingContinues, c.AllowedCommands);
        Assert.DoesNotContain(CaseCommand.D5FollowUp, c.AllowedCommands);

        Do(c, CaseCommand.Close, 30);
        Assert.True(c.IsClosed);
    }

    [Fact]
    public void Herstelgesprek_after_route_D_then_close()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, .. RouteDSteps, CaseCommand.HoldHerstelgesprek]);

        Assert.Equal(ProtocolStep.Herstelgesprek, c.CurrentStep);
        Assert.Contains(CaseCommand.D5FollowUp, c.AllowedCommands);
        Assert.DoesNotContain(CaseCommand.BullyingContinues, c.AllowedCommands);

        Do(c, CaseCommand.Close, 40);
        Assert.True(c.IsClosed);
    }

    [Fact]
    public void B4_with_persisting_bullying_brings_in_the_IB_and_escalates_to_step_4_where_only_route_D_fits()
    {
        var c = Run([.. RouteB[..^1]]);

        var b4 = c.B4FollowUpMeeting(Coordinator, At(20), agreementsKept: false, bullyingPersists: true, null, "Pesten houdt aan.");

        Assert.Contains(Roles.StaffRole.InternBegeleider, b4.InformedRoles);
        Assert.Equal(ProtocolStep.Step4BullyingContinues, c.CurrentStep);
        Assert.Contains("route D", c.NextAction);
        var ex = Assert.Throws<ProtocolViolationException>(() => c.ChooseRoute(Route.E, false, Mentor, At(21)));
        Assert.Equal(ViolationCode.BullyKnownUseRouteD, ex.Code);
        c.ChooseRoute(Route.D, false, Mentor, At(21));
        Assert.Equal(ProtocolStep.Step4RouteD, c.CurrentStep);
    }

    [Fact]
    public void Follow_up_steps_can_be_repeated_and_move_the_next_follow_up_date()
    {
        var c = Run(RouteA);
        c.A3FollowUp(Mentor, At(30), At(60), "Gaat goed.");

        Assert.Equal(ProtocolStep.A3FollowUp, c.CurrentStep);
        Assert.Equal(At(60), c.NextFollowUpDate);
        Assert.Contains("1-5-2026", c.NextAction);
    }

    [Fact]
    public void Route_choice_records_that_it_was_made_with_the_student()
    {
        var c = Run(ToStep2);
        var entry = c.ChooseRoute(Route.B, chosenWithStudent: true, Mentor, At(5));

        Assert.True(entry.ChosenWithStudent);
        Assert.Equal(Route.B, entry.Route);
        Assert.Equal("De leerling weet wie de dader is.", entry.Text);
    }

    [Fact]
    public void Next_action_exists_in_dutch_and_english_for_every_step()
    {
        foreach (var step in Enum.GetValues<ProtocolStep>())
        {
            var text = NextActions.ForStep(step);
            Assert.False(string.IsNullOrWhiteSpace(text.Nl));
            Assert.False(string.IsNullOrWhiteSpace(text.En));
            Assert.NotEqual(text.Nl, text.En);
        }
    }

    [Fact]
    public void Each_state_has_a_next_action_sentence_for_overzicht()
    {
        var c = Open();
        Assert.Contains("oriënterend gesprek", c.NextAction);
        Do(c, CaseCommand.ConfirmSuspicion, 1);
        Assert.StartsWith("Stap 2", c.NextAction);
        Do(c, CaseCommand.InformParents, 2);
        Assert.Equal("Stap 3: kies samen met de leerling route A, B of C.", c.NextAction);
        Assert.Equal("Step 3: choose route A, B or C together with the student.", c.NextActionIn(Locale.En));
        Assert.Equal("Stap 2 – Ouders informeren", c.CurrentStepTitle());
    }
}
