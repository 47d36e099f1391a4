using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Participants;

/// <summary>Issue 13 item 4: the bully is a named participant where the route knows him, with his own follow-up in D and E.</summary>
public sealed class BullyParticipantTests
{
    private static Case RouteDAtFollowUp()
    {
        var c = Run([.. RouteB, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, .. RouteDSteps]);
        Assert.Equal(ProtocolStep.D5FollowUp, c.CurrentStep);
        return c;
    }

    [Fact]
    public void Route_B_and_D_name_the_bully_once_in_the_cases_bullies()
    {
        var c = RouteDAtFollowUp();

        var bully = Assert.Single(c.Bullies);
        Assert.Equal("student-2", bully.Reference);
        Assert.Contains(c.Dossier.Single(e => e.Step == ProtocolStep.B1MediationConversation).Participants, p => p.Role == ParticipantRole.Bully);
        Assert.Contains(c.Dossier.Single(e => e.Step == ProtocolStep.D2ConfrontingConversation).Participants, p => p.Role == ParticipantRole.Bully);
    }

    [Fact]
    public void A_bully_not_in_the_directory_is_kept_with_his_typed_name_and_survives_a_rebuild()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteB]);
        var typed = new CaseParticipant("buiten-directory-1", ParticipantRole.Bully, "Kevin Smit");
        c.B1MediationConversation(Coordinator, At(9), Mediation() with { Participants = [Victim, typed] });

        var rebuilt = Case.Rehydrate(c.ToSnapshot());
        Assert.Equal("Kevin Smit", Assert.Single(rebuilt.Bullies).Name);
    }

    [Fact]
    public void A_fourth_bully_is_refused_and_nothing_is_recorded()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteB]);
        CaseParticipant[] four = [Victim, new("s-a", ParticipantRole.Bully), new("s-b", ParticipantRole.Bully), new("s-c", ParticipantRole.Bully), new("s-d", ParticipantRole.Bully)];
        var before = c.Dossier.Count;

        var refused = Assert.Throws<ProtocolViolationException>(() => c.B1MediationConversation(Coordinator, At(9), Mediation() with { Participants = four }));

        Assert.Equal(ViolationCode.TooManyBullies, refused.Code);
        Assert.Contains("hooguit 3 daders", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, c.Dossier.Count);
        c.B1MediationConversation(Coordinator, At(9), Mediation() with { Participants = four[..4] });
        Assert.Equal(3, c.Bullies.Count);
    }

    [Fact]
    public void E1_records_the_suspect_as_the_bully_when_he_admits_and_route_D_follows_him()
    {
        var c = Run([.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE]);
        c.E1ConversationWithVictimAndParents(Coordinator, At(20), new VictimAndParentsConversation(
            [Victim, VictimParents, new("student-9", ParticipantRole.Bully)], "Lars gaf het toe.", SuspectAtThisSchool: true, SuspectAdmitted: true));

        Assert.Equal(Route.D, c.CurrentRoute);
        Assert.Equal("student-9", Assert.Single(c.Bullies).Reference);
        Assert.Contains(c.FollowedStudents, s => s.Reference == "student-9");
    }

    [Fact]
    public void E1_refuses_the_bully_role_for_a_suspect_who_did_not_admit_but_keeps_a_suspect()
    {
        var c = Run([.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE]);
        var refused = Assert.Throws<ProtocolViolationException>(() => c.E1ConversationWithVictimAndParents(Coordinator, At(20), new VictimAndParentsConversation(
            [Victim, VictimParents, new("student-9", ParticipantRole.Bully)], "Gesprek.", SuspectAtThisSchool: true)));
        Assert.Contains("vermoedelijke dader", refused.Message, StringComparison.Ordinal);

        c.E1ConversationWithVictimAndParents(Coordinator, At(20), new VictimAndParentsConversation(
            [Victim, VictimParents, new("student-9", ParticipantRole.SuspectedBully)], "Gesprek.", SuspectAtThisSchool: true));
        Assert.Empty(c.Bullies);
        Assert.Equal(Route.E, c.CurrentRoute);
    }

    [Fact]
    public void In_D5_the_bully_has_his_own_follow_up_entry_and_the_victims_follow_up_stays_open()
    {
        var c = RouteDAtFollowUp();
        c.RecordFollowUpReminder(Mentor, At(30));

        var entry = c.RecordBullyFollowUp(Mentor, At(30), "student-2", "Lars houdt zich aan de afspraken.");

        Assert.Equal(DossierEntryKind.BullyFollowUp, entry.Kind);
        Assert.Equal("student-2", Assert.Single(entry.Participants).Reference);
        Assert.Equal(ProtocolStep.D5FollowUp, c.CurrentStep);
        Assert.Equal(FollowUpStage.Reminded, c.PendingFollowUp!.Stage);
        Assert.True(c.BullyFollowUpAnswered("student-2"));
    }

    [Fact]
    public void A_bully_follow_up_for_someone_else_or_outside_D_and_E_is_refused()
    {
        var c = RouteDAtFollowUp();
        Assert.Equal(ViolationCode.NotAFollowedBully, Assert.Throws<ProtocolViolationException>(() => c.RecordBullyFollowUp(Mentor, At(30), "student-1", "x")).Code);
        Assert.Equal(ViolationCode.TextRequired, Assert.Throws<ProtocolViolationException>(() => c.RecordBullyFollowUp(Mentor, At(30), "student-2", " ")).Code);

        var b = Run(RouteB);
        Assert.Throws<ProtocolViolationException>(() => b.RecordBullyFollowUp(Mentor, At(30), "student-2", "Gaat goed."));
    }
}
