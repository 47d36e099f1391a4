using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Cases;

public class IllegalMoveTests
{
    private static ProtocolViolationException Refused(Case c, Action move)
    {
        var count = c.Dossier.Count;
        var step = c.CurrentStep;
        var ex = Assert.Throws<ProtocolViolationException>(move);
        Assert.Equal(count, c.Dossier.Count);
        Assert.Equal(step, c.CurrentStep);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.DoesNotContain("student-", ex.Message);
        return ex;
    }

    [Theory]
    [InlineData(Route.A)]
    [InlineData(Route.B)]
    [InlineData(Route.C)]
    public void Route_before_parents_informed_is_refused(Route route)
    {
        var c = Run([CaseCommand.ConfirmSuspicion]);
        var ex = Refused(c, () => c.ChooseRoute(route, true, Mentor, At(2)));
        Assert.Equal(ViolationCode.ParentsNotInformed, ex.Code);
        Assert.Contains("ouders", ex.Message);
    }

    [Fact]
    public void Parents_before_the_suspicion_is_confirmed_is_refused()
    {
        var c = Open();
        Assert.Equal(ViolationCode.SuspicionNotConfirmed, Refused(c, () => c.InformParents(Mentor, At(1), Parents(1))).Code);
    }

    [Fact]
    public void Route_not_chosen_with_the_student_is_refused()
    {
        var c = Run(ToStep2);
        Assert.Equal(ViolationCode.RouteNotChosenWithStudent, Refused(c, () => c.ChooseRoute(Route.B, false, Mentor, At(3))).Code);
    }

    [Theory]
    [InlineData(Route.D)]
    [InlineData(Route.E)]
    public void Route_D_or_E_in_step_3_is_refused(Route route)
    {
        var c = Run(ToStep2);
        Assert.Equal(ViolationCode.RouteNotAllowedInThisStep, Refused(c, () => c.ChooseRoute(route, true, Mentor, At(3))).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void Step_4_before_step_3_is_done_is_refused(int stepsTaken)
    {
        var c = Run(RouteB[..stepsTaken]);
        Assert.Equal(ViolationCode.Step3NotCompleted, Refused(c, () => c.BullyingContinues(Mentor, At(20), "Gaat door.")).Code);
    }

    [Fact]
    public void Step_4_on_a_closed_case_is_refused()
    {
        var c = Run([.. RouteA, CaseCommand.Close]);
        Assert.Equal(ViolationCode.CaseClosed, Refused(c, () => c.BullyingContinues(Mentor, At(20), "Gaat door.")).Code);
    }

    [Fact]
    public void Step_4_twice_is_refused()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, .. RouteDSteps, CaseCommand.HoldHerstelgesprek]);
        Assert.Equal(ViolationCode.Step4AlreadyReached, Refused(c, () => c.BullyingContinues(Mentor, At(30), "Weer.")).Code);
    }

    [Fact]
    public void Route_D_or_E_choice_skipping_step_4_is_refused()
    {
        var c = Run(RouteA);
        Assert.Equal(ViolationCode.Step3NotCompleted, Refused(c, () => c.ChooseRoute(Route.D, false, Mentor, At(20))).Code);
        Assert.Equal(ViolationCode.Step3NotCompleted, Refused(c, () => c.ChooseRoute(Route.E, false, Mentor, At(20))).Code);
    }

    [Fact]
    public void D_sub_steps_out_of_order_are_refused()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD]);
        Assert.Equal(ViolationCode.StepOutOfOrder, Refused(c, () => Do(c, CaseCommand.D2ConfrontingConversation, 20)).Code);
        Assert.Equal(ViolationCode.StepOutOfOrder, Refused(c, () => Do(c, CaseCommand.D5FollowUp, 20)).Code);
        Do(c, CaseCommand.D1InvolveTeamleider, 20);
        Assert.Equal(ViolationCode.StepOutOfOrder, Refused(c, () => Do(c, CaseCommand.D3InformVictimParents, 21)).Code);
        Assert.Equal(ViolationCode.StepOutOfOrder, Refused(c, () => Do(c, CaseCommand.D1InvolveTeamleider, 21)).Code);
    }

    [Fact]
    public void Sub_step_of_another_route_is_refused()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE]);
        Assert.Equal(ViolationCode.WrongRoute, Refused(c, () => Do(c, CaseCommand.D1InvolveTeamleider, 20)).Code);
        var b = Run([.. ToStep2, CaseCommand.ChooseRouteB]);
        Assert.Equal(ViolationCode.WrongRoute, Refused(b, () => Do(b, CaseCommand.A1ThemeInClass, 5)).Code);
    }

    [Fact]
    public void Route_E_after_route_B_is_refused()
    {
        var c = Run([.. RouteB, CaseCommand.BullyingContinues]);
        Assert.Equal(ViolationCode.BullyKnownUseRouteD, Refused(c, () => c.ChooseRoute(Route.E, false, Mentor, At(20))).Code);
    }

    [Fact]
    public void Herstelgesprek_after_route_A_C_or_E_is_refused()
    {
        foreach (var path in new[] { RouteA, RouteC, [.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE, .. RouteESteps] })
        {
            var c = Run(path);
            Assert.Equal(ViolationCode.HerstelgesprekNotAllowed, Refused(c, () => c.HoldHerstelgesprek(Coordinator, At(30), Herstel())).Code);
        }
    }

    [Theory]
    [InlineData(new[] { ParticipantRole.Victim, ParticipantRole.Bully, ParticipantRole.Supporter })]
    [InlineData(new[] { ParticipantRole.Bully, ParticipantRole.Supporter, ParticipantRole.Victim })]
    [InlineData(new[] { ParticipantRole.Supporter, ParticipantRole.Bully, ParticipantRole.Victim })]
    [InlineData(new[] { ParticipantRole.Bully, ParticipantRole.Supporter })]
    [InlineData(new[] { ParticipantRole.Victim })]
    public void Herstelgesprek_signed_in_the_wrong_order_is_refused(ParticipantRole[] order)
    {
        var c = Run(RouteB);
        var signing = order.Select((r, i) => new CaseParticipant($"p{i}", r)).ToList();
        var ex = Refused(c, () => c.HoldHerstelgesprek(Coordinator, At(30), Herstel() with { SigningOrder = signing }));
        Assert.Equal(ViolationCode.SigningOrderInvalid, ex.Code);
        Assert.Contains("dader, slachtoffer", ex.Message);
    }

    [Fact]
    public void Signing_order_allows_several_bullies_then_victims_then_supporters()
    {
        Assert.True(Case.IsValidSigningOrder([Bully, new("student-3", ParticipantRole.Bully), Victim, VictimParents, Supporter]));
        Assert.True(Case.IsValidSigningOrder([Bully, Victim]));
    }

    [Fact]
    public void B1_with_a_topic_missing_is_refused()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteB]);
        var three = Bijlage6Bemiddelingsgesprek.Topics.Skip(1).Select(t => t.Id).ToList();
        var ex = Refused(c, () => c.B1MediationConversation(Coordinator, At(5), Mediation() with { TopicsCovered = three }));
        Assert.Equal(ViolationCode.MediationTopicsMissing, ex.Code);
    }

    [Fact]
    public void B1_without_bully_or_victim_or_with_unknown_topic_is_refused()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteB]);
        Assert.Equal(ViolationCode.ParticipantMissing,
            Refused(c, () => c.B1MediationConversation(Coordinator, At(5), Mediation() with { Participants = [Victim] })).Code);
        Assert.Equal(ViolationCode.UnknownChecklistItem,
            Refused(c, () => c.B1MediationConversation(Coordinator, At(5), Mediation() with { TopicsCovered = [.. Mediation().TopicsCovered, "b1.x"] })).Code);
    }

    [Fact]
    public void Digital_bullying_needs_the_Bijlage_5_tips_in_B1_C1_and_E1()
    {
        var b = Run([.. ToStep2, CaseCommand.ChooseRouteB], digital: true);
        Assert.Equal(ViolationCode.DigitalTipsNotGiven,
            Refused(b, () => b.B1MediationConversation(Coordinator, At(5), Mediation(digital: false))).Code);

        var c = Run([.. ToStep2, CaseCommand.ChooseRouteC], digital: true);
        Assert.Equal(ViolationCode.DigitalTipsNotGiven, Refused(c, () => c.C1ConversationWithStudent(Mentor, At(5), "Gesprek.")).Code);

        var e = Run([.. RouteC, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE], digital: true);
        Assert.Equal(ViolationCode.DigitalTipsNotGiven, Refused(e, () => e.E1ConversationWithVictimAndParents(Coordinator, At(20),
            new VictimAndParentsConversation([Victim, VictimParents], "Gesprek."))).Code);
    }

    [Fact]
    public void B1_other_school_contact_must_be_made_with_the_teamleider()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteB]);
        Assert.Equal(ViolationCode.RoleNotAllowed, Refused(c, () => c.B1MediationConversation(Coordinator, At(5),
            Mediation() with { OtherSchoolContact = new OtherSchoolContact(Mentor, "Gebeld.") })).Code);

        var entry = c.B1MediationConversation(Coordinator, At(5),
            Mediation() with { OtherSchoolContact = new OtherSchoolContact(Teamleider, "Andere school gebeld."), Punishment = "Schorsing 1 dag" });
        Assert.Equal("Andere school gebeld.", entry.OtherSchoolContact);
        Assert.Equal("Schorsing 1 dag", entry.Punishment);
    }

    [Fact]
    public void D2_punishment_not_by_the_deelschoolleider_is_refused()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteD, CaseCommand.D1InvolveTeamleider]);
        Assert.Equal(ViolationCode.RoleNotAllowed, Refused(c, () => c.D2ConfrontingConversation(Mentor, At(20),
            new ConfrontingConversation([Bully, BullyParents], "Gesprek.", Punishment: new Punishment("Schorsing", Mentor)))).Code);
        Assert.Equal(ViolationCode.ParticipantMissing, Refused(c, () => c.D2ConfrontingConversation(Mentor, At(20),
            new ConfrontingConversation([Bully], "Gesprek zonder ouders."))).Code);
    }

    [Fact]
    public void Step_2_without_who_takes_which_steps_is_refused()
    {
        var c = Run([CaseCommand.ConfirmSuspicion]);
        Assert.Equal(ViolationCode.ParentsInformationIncomplete,
            Refused(c, () => c.InformParents(Mentor, At(2), Parents(2) with { WhoTakesWhichSteps = " " })).Code);
    }

    [Fact]
    public void B3_without_agreements_is_refused()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteB, CaseCommand.B1MediationConversation, CaseCommand.B2Report]);
        Assert.Equal(ViolationCode.AgreementsRequired, Refused(c, () => c.B3RecordEvent(Mentor, At(9), "Genoteerd.", [" "], [Victim, Bully])).Code);
    }

    [Fact]
    public void Follow_up_without_a_future_date_is_refused()
    {
        var c = Run([.. ToStep2, CaseCommand.ChooseRouteA, CaseCommand.A1ThemeInClass, CaseCommand.A2InformParents]);
        Assert.Equal(ViolationCode.FollowUpDateRequired, Refused(c, () => c.A3FollowUp(Mentor, At(10), At(9))).Code);
        var b = Run(RouteB[..^1]);
        Assert.Equal(ViolationCode.FollowUpDateRequired,
            Refused(b, () => b.B4FollowUpMeeting(Mentor, At(10), true, false, null, "Gaat goed.")).Code);
    }

    [Fact]
    public void Reject_without_note_close_too_early_and_reopen_of_an_open_case_are_refused()
    {
        var c = Open();
        Assert.Equal(ViolationCode.TextRequired, Refused(c, () => c.RejectSuspicion(Mentor, At(1), "")).Code);
        Assert.Equal(ViolationCode.StepOutOfOrder, Refused(c, () => c.Close(Mentor, At(1), "Klaar.")).Code);
        Assert.Equal(ViolationCode.CaseNotClosed, Refused(c, () => c.Reopen(Mentor, At(1), "Waarom?")).Code);
    }

    [Fact]
    public void Closed_case_refuses_notes_and_steps_but_accepts_corrections()
    {
        var c = Run([CaseCommand.RejectSuspicion]);
        Assert.Equal(ViolationCode.CaseClosed, Refused(c, () => c.AddNote(Mentor, At(5), "Nog iets.")).Code);
        Assert.Equal(ViolationCode.CaseClosed, Refused(c, () => c.ConfirmSuspicion(Mentor, At(5))).Code);
        var correction = c.Correct(Mentor, At(5), c.Dossier[0].Id, "Klas was 2C.");
        Assert.Equal(c.Dossier[0].Id, correction.CorrectionOf);
    }

    [Fact]
    public void Opening_with_an_unknown_signal_or_without_a_note_is_refused()
    {
        var suspicion = new NewSuspicion("student-1", "2B", "loc", Mentor, ["school.onbekend"], false, "Notitie.");
        Assert.Equal(ViolationCode.UnknownChecklistItem, Assert.Throws<ProtocolViolationException>(() => Case.Open(suspicion, Start)).Code);
        Assert.Equal(ViolationCode.TextRequired, Assert.Throws<ProtocolViolationException>(
            () => Case.Open(suspicion with { SignalIds = [], Description = " " }, Start)).Code);
    }

    [Fact]
    public void Every_violation_code_has_a_dutch_and_an_english_message()
    {
        var c = Open();
        var ex = Assert.Throws<ProtocolViolationException>(() => c.Close(Mentor, At(1), "x"));
        Assert.Equal("StepOutOfOrder", ex.CodeName);
        Assert.NotEqual(ex.Message, ex.MessageEn);
    }
}
