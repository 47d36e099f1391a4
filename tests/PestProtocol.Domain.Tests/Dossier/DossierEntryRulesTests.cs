using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Dossier;

/// <summary>What a dossier entry must hold, or may not claim (issue 13).</summary>
public sealed class DossierEntryRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Confirming_the_suspicion_needs_a_note_and_stores_nothing_without_one(string? note)
    {
        var c = Open();
        var error = Assert.Throws<ProtocolViolationException>(() => c.ConfirmSuspicion(Mentor, At(1), note));

        Assert.Equal(ViolationCode.TextRequired, error.Code);
        Assert.Single(c.Dossier);
        Assert.Equal(ProtocolStep.Step1Suspicion, c.CurrentStep);
    }

    [Fact]
    public void Confirming_the_suspicion_with_a_note_records_what_the_conversation_showed()
    {
        var c = Open();
        var entry = c.ConfirmSuspicion(Mentor, At(1), "Oriënterend gesprek: ze wordt al weken buitengesloten.");

        Assert.Equal("Oriënterend gesprek: ze wordt al weken buitengesloten.", entry.Text);
        Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, c.CurrentStep);
    }

    [Fact]
    public void B4_refuses_agreements_kept_together_with_bullying_that_persists_and_stores_nothing()
    {
        var c = Run(RouteB[..^1]);
        var before = c.Dossier.Count;

        var error = Assert.Throws<ProtocolViolationException>(() => c.B4FollowUpMeeting(Coordinator, At(20), agreementsKept: true, bullyingPersists: true, null, "Vervolggesprek gehouden."));

        Assert.Equal(ViolationCode.ContradictoryAnswers, error.Code);
        Assert.Contains("spreken elkaar tegen", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, c.Dossier.Count);
        Assert.Equal(ProtocolStep.B3EventRecorded, c.CurrentStep);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void B4_accepts_every_answer_pair_that_can_be_true(bool kept, bool persists)
    {
        var c = Run(RouteB[..^1]);
        var entry = c.B4FollowUpMeeting(Coordinator, At(20), kept, persists, persists ? null : At(34), "Vervolggesprek gehouden.");

        Assert.Equal((kept, persists), (entry.AgreementsKept, entry.BullyingPersists));
    }

    [Fact]
    public void A_case_from_an_anonymous_report_does_not_claim_the_mentor_was_informed()
    {
        var c = Case.Open(new NewSuspicion("anonymous-report-1", "onbekend", "loc-dokkum", Coordinator, [], false, "Een leerling meldt pesten in de fietsenstalling.", SuspicionTrigger.AnonymousStudentReport), Start);

        Assert.DoesNotContain(StaffRole.Mentor, c.Dossier[0].InformedRoles);
        c.ConfirmSuspicion(Coordinator, At(1), "Navraag gedaan bij de surveillanten.");
        Assert.All(c.Dossier, e => Assert.DoesNotContain(StaffRole.Mentor, e.InformedRoles));
    }

    [Fact]
    public void A_colleague_signalling_a_known_student_still_informs_the_mentor_and_the_coordinator()
    {
        var c = Open(by: Docent);

        Assert.Equal([StaffRole.Mentor, StaffRole.AntiPestCoordinator], c.Dossier[0].InformedRoles.Order());
    }
}
