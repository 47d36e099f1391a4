using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Cases;

public class CaseOwnerTests
{
    private static readonly StaffRef OtherMentor = new("staff-mentor-2", StaffRole.Mentor);

    [Fact]
    public void Whoever_signals_owns_the_case_and_holds_the_next_step()
    {
        var c = Open(by: Docent);

        Assert.Equal(Docent, c.Owner);
        Assert.True(c.HoldsNextStep(Docent));
        Assert.False(c.HoldsNextStep(Mentor));
        Assert.True(c.HoldsNextStep(Coordinator));
    }

    [Fact]
    public void A_handover_makes_the_colleague_owner_and_the_dossier_says_to_whom_and_why()
    {
        var c = Open(by: Docent);

        var entry = c.HandOver(Docent, Mentor, "Anne de Vries", At(0).AddMinutes(5), "Gesignaleerd door een docent; de mentor zet de melding voort.");

        Assert.Equal(Mentor, c.Owner);
        Assert.Equal(DossierEntryKind.HandedOver, entry.Kind);
        Assert.Equal(ProtocolStep.Step1Suspicion, entry.Step);
        Assert.Equal(ProtocolStep.Step1Suspicion, c.CurrentStep);
        Assert.Equal("Overgedragen aan Anne de Vries (mentor): Gesignaleerd door een docent; de mentor zet de melding voort.", entry.Text);
        Assert.Equal(Docent, entry.Actor);
        Assert.Contains(entry.Participants, p => p.Reference == Mentor.StaffId && p.Role == ParticipantRole.Staff);
        Assert.False(c.HoldsNextStep(Docent));
        Assert.True(c.HoldsNextStep(Mentor));
    }

    [Fact]
    public void A_coordinator_assigns_a_case_someone_else_owns()
    {
        var c = Open(by: Mentor);

        c.HandOver(Coordinator, OtherMentor, "Bram Jansen", At(1), "Mentor is langdurig ziek.");

        Assert.Equal(OtherMentor, c.Owner);
    }

    [Fact]
    public void Someone_who_does_not_hold_the_case_cannot_hand_it_over_and_nothing_changes()
    {
        var c = Open(by: Mentor);
        var ex = Assert.Throws<ProtocolViolationException>(() => c.HandOver(Docent, Docent, "Carla Smit", At(1), "Ik neem het over."));

        Assert.Equal(ViolationCode.NotTheOwner, ex.Code);
        Assert.Contains("aan zet", ex.Message);
        Assert.Equal(Mentor, c.Owner);
        Assert.Single(c.Dossier);
    }

    [Fact]
    public void Handing_over_to_the_owner_a_closed_case_or_without_a_reason_is_refused()
    {
        var c = Open(by: Mentor);
        Assert.Equal(ViolationCode.AlreadyOwner, Assert.Throws<ProtocolViolationException>(() => c.HandOver(Mentor, Mentor, "Anne", At(1), "reden")).Code);
        Assert.Equal(ViolationCode.TextRequired, Assert.Throws<ProtocolViolationException>(() => c.HandOver(Mentor, OtherMentor, "Bram", At(1), "  ")).Code);
        Assert.Equal(ViolationCode.InvalidInput, Assert.Throws<ProtocolViolationException>(() => c.HandOver(Mentor, OtherMentor, " ", At(1), "reden")).Code);

        c.RejectSuspicion(Mentor, At(1), "Geen pesten, wel ruzie.");
        Assert.Equal(ViolationCode.CaseClosed, Assert.Throws<ProtocolViolationException>(() => c.HandOver(Mentor, OtherMentor, "Bram", At(2), "reden")).Code);
        Assert.Equal(Mentor, c.Owner);
    }

    [Fact]
    public void The_owner_survives_a_snapshot_and_an_old_snapshot_without_owner_reads_as_the_signaller()
    {
        var c = Open(by: Docent);
        c.HandOver(Docent, Mentor, "Anne de Vries", At(0).AddMinutes(5), "De mentor zet de melding voort.");

        var back = Case.Rehydrate(c.ToSnapshot());
        Assert.Equal(Mentor, back.Owner);

        var old = Case.Rehydrate(c.ToSnapshot() with { Owner = null });
        Assert.Equal(Docent, old.Owner);
    }
}
