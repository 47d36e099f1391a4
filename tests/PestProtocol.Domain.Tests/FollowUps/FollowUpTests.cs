using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Tests.Cases;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.FollowUps;

/// <summary>A planned follow-up comes back as a reminder, and unanswered to the coordinator; every step is in the dossier.</summary>
public sealed class FollowUpTests
{
    private static Case RouteAAtFollowUp()
    {
        var c = Open();
        foreach (var (command, day) in new[] { (CaseCommand.ConfirmSuspicion, 0), (CaseCommand.InformParents, 1), (CaseCommand.ChooseRouteA, 2), (CaseCommand.A1ThemeInClass, 3), (CaseCommand.A2InformParents, 4), (CaseCommand.A3FollowUp, 5) })
        {
            Do(c, command, day);
        }

        return c;
    }

    [Fact]
    public void A_follow_up_step_leaves_a_planned_follow_up_for_the_case_owner()
    {
        var c = RouteAAtFollowUp();
        var pending = c.PendingFollowUp;
        Assert.NotNull(pending);
        Assert.Equal(FollowUpStage.Planned, pending.Stage);
        Assert.Equal(At(5).AddDays(14), pending.Day);
        Assert.Equal(Mentor, pending.Owner);
        Assert.False(pending.FollowsBully);
        Assert.Equal(["student-1"], c.FollowedStudents.Select(s => s.Reference));
    }

    [Fact]
    public void The_reminder_and_the_escalation_are_dossier_entries_and_happen_once()
    {
        var c = RouteAAtFollowUp();
        var reminder = c.RecordFollowUpReminder(Mentor, At(19));
        Assert.Equal(DossierEntryKind.FollowUpReminderSent, reminder.Kind);
        Assert.Equal(ProtocolStep.A3FollowUp, c.CurrentStep);
        Assert.Equal(FollowUpStage.Reminded, c.PendingFollowUp!.Stage);
        Assert.Throws<ProtocolViolationException>(() => c.RecordFollowUpReminder(Mentor, At(19)));

        var overdue = c.RecordFollowUpOverdue(At(21));
        Assert.Equal(DossierEntryKind.FollowUpOverdue, overdue.Kind);
        Assert.Equal([StaffRole.AntiPestCoordinator], overdue.InformedRoles);
        Assert.Equal(FollowUpStage.Overdue, c.PendingFollowUp!.Stage);
        Assert.Throws<ProtocolViolationException>(() => c.RecordFollowUpOverdue(At(22)));
    }

    [Fact]
    public void Nothing_escalates_before_a_reminder()
    {
        var c = RouteAAtFollowUp();
        var ex = Assert.Throws<ProtocolViolationException>(() => c.RecordFollowUpOverdue(At(21)));
        Assert.Equal(ViolationCode.NoFollowUpDue, ex.Code);
    }

    [Fact]
    public void Answering_with_a_next_step_ends_the_follow_up()
    {
        var closed = RouteAAtFollowUp();
        closed.RecordFollowUpReminder(Mentor, At(19));
        closed.Close(Mentor, At(20), "Het gaat goed met de leerling.");
        Assert.Null(closed.PendingFollowUp);

        var continues = RouteAAtFollowUp();
        continues.RecordFollowUpReminder(Mentor, At(19));
        continues.BullyingContinues(Mentor, At(20), "Ze wordt weer uitgelachen.");
        Assert.Null(continues.PendingFollowUp);

        var again = RouteAAtFollowUp();
        again.RecordFollowUpReminder(Mentor, At(19));
        again.A3FollowUp(Docent, At(20), At(34));
        Assert.Equal(FollowUpStage.Planned, again.PendingFollowUp!.Stage);
        Assert.Equal(At(34), again.PendingFollowUp.Day);
        Assert.Equal(Mentor, again.PendingFollowUp.Owner); // a colleague planned it; the case's owner follows the student
    }

    [Fact]
    public void A_follow_up_due_after_a_handover_goes_to_the_new_owner_not_to_who_planned_it()
    {
        var c = RouteAAtFollowUp();
        var colleague = new StaffRef("staff-mentor-2", StaffRole.Mentor);
        c.HandOver(Coordinator, colleague, "Bram Jansen", At(6), "Mentor is langdurig ziek.");

        Assert.Equal(colleague, c.PendingFollowUp!.Owner);
        Assert.Equal(Mentor, c.PendingFollowUp.PlannedIn.Actor);
        Assert.Equal(FollowUpStage.Planned, c.PendingFollowUp.Stage);
    }

    [Fact]
    public void Route_D_follows_the_victim_and_the_bully()
    {
        var c = Open();
        var path = new[]
        {
            CaseCommand.ConfirmSuspicion, CaseCommand.InformParents, CaseCommand.ChooseRouteA, CaseCommand.A1ThemeInClass, CaseCommand.A2InformParents,
            CaseCommand.A3FollowUp, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, CaseCommand.D1InvolveTeamleider,
            CaseCommand.D2ConfrontingConversation, CaseCommand.D3InformVictimParents, CaseCommand.D4DossierNote, CaseCommand.D5FollowUp,
        };
        for (var i = 0; i < path.Length; i++)
        {
            Do(c, path[i], i);
        }

        var pending = c.PendingFollowUp;
        Assert.NotNull(pending);
        Assert.True(pending.FollowsBully);
        Assert.Equal(["student-1", "student-2"], c.FollowedStudents.Select(s => s.Reference));
        var reminder = c.RecordFollowUpReminder(Mentor, At(30));
        Assert.Contains(reminder.Participants, p => p.Role == ParticipantRole.Bully);
        Assert.Contains("dader", reminder.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_without_a_follow_up_has_none_pending()
    {
        var c = Open();
        Assert.Null(c.PendingFollowUp);
        Assert.Throws<ProtocolViolationException>(() => c.RecordFollowUpReminder(Mentor, At(1)));
    }

    [Fact]
    public void A_rebuilt_case_knows_its_follow_up_stage()
    {
        var c = RouteAAtFollowUp();
        c.RecordFollowUpReminder(Mentor, At(19));
        var rebuilt = Case.Rehydrate(c.ToSnapshot());
        Assert.Equal(FollowUpStage.Reminded, rebuilt.PendingFollowUp!.Stage);
        Assert.Equal(At(19), rebuilt.PendingFollowUp.RemindedAt);
    }
}
