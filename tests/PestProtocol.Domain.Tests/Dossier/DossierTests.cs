using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Tests.Cases;
using static PestProtocol.Domain.Tests.Cases.CaseScript;

namespace PestProtocol.Domain.Tests.Dossier;

public class DossierTests
{
    [Fact]
    public void Dossier_is_exposed_read_only()
    {
        var c = Open();
        Assert.False(c.Dossier is List<DossierEntry>);
        Assert.Throws<NotSupportedException>(() => ((IList<DossierEntry>)c.Dossier).Add(c.Dossier[0]));
    }

    [Fact]
    public void Step_1_entry_holds_signals_actor_time_and_description()
    {
        var c = Open(by: Docent);
        var first = Assert.Single(c.Dossier);

        Assert.Equal(ProtocolStep.Step1Suspicion, first.Step);
        Assert.Equal(Docent, first.Actor);
        Assert.Equal(Start, first.RecordedAt);
        Assert.Equal(c.Id, first.CaseId);
        Assert.Equal(["school.blauwe-plekken", "thuis.bang-naar-school"], first.ChecklistItemIds);
        Assert.Equal("Vaak alleen in de pauze, spullen kapot.", first.Text);
    }

    [Fact]
    public void Correction_is_a_new_entry_referring_to_the_old_one_which_stays_unchanged()
    {
        var c = Run(CaseScript.ToStep2);
        var original = c.Dossier[2];
        var countBefore = c.Dossier.Count;

        var correction = c.Correct(Coordinator, At(10), original.Id, "Ouders zijn per e-mail geïnformeerd, niet telefonisch.");

        Assert.Equal(countBefore + 1, c.Dossier.Count);
        Assert.Same(original, c.Dossier[2]);
        Assert.Equal(DossierEntryKind.Correction, correction.Kind);
        Assert.Equal(original.Id, correction.CorrectionOf);
        Assert.Equal(original.Step, correction.Step);
        Assert.Equal(ProtocolStep.Step2ParentsInformed, c.CurrentStep);
        Assert.Equal([correction], c.CorrectionsOf(original.Id));
    }

    [Fact]
    public void Correcting_an_unknown_entry_is_refused()
    {
        var c = Open();
        var ex = Assert.Throws<ProtocolViolationException>(() => c.Correct(Mentor, At(1), Guid.NewGuid(), "x"));
        Assert.Equal(ViolationCode.EntryNotFound, ex.Code);
        Assert.Single(c.Dossier);
    }

    [Fact]
    public void Snapshot_round_trip_rebuilds_the_same_case_that_can_go_on()
    {
        var c = Run([.. RouteA, CaseCommand.BullyingContinues, CaseCommand.ChooseRouteE]);
        var snapshot = c.ToSnapshot();

        var back = Case.Rehydrate(snapshot);

        Assert.Equal(c.Id, back.Id);
        Assert.Equal(c.CurrentStep, back.CurrentStep);
        Assert.Equal(c.Step3Route, back.Step3Route);
        Assert.Equal(c.Step4Route, back.Step4Route);
        Assert.Equal(c.NextFollowUpDate, back.NextFollowUpDate);
        Assert.Equal(c.Dossier, back.Dossier);
        Assert.Equal(c.NextAction, back.NextAction);
        Do(back, CaseCommand.E1ConversationWithVictimAndParents, 30);
        Assert.Equal(ProtocolStep.E1ConversationWithVictimAndParents, back.CurrentStep);
        Assert.Equal(ProtocolStep.Step4RouteE, c.CurrentStep);
    }

    [Fact]
    public void Rehydrate_refuses_entries_of_another_case()
    {
        var snapshot = Open().ToSnapshot();
        var foreign = Open().Dossier[0];
        Assert.Throws<ArgumentException>(() => Case.Rehydrate(snapshot with { Dossier = [.. snapshot.Dossier, foreign] }));
    }

    [Fact]
    public void Closed_case_remembers_the_step_it_was_closed_from_through_a_snapshot()
    {
        var c = Run([.. RouteB, CaseCommand.Close]);
        var back = Case.Rehydrate(c.ToSnapshot());

        back.Reopen(Mentor, At(50), "Opnieuw signalen.");

        Assert.Equal(ProtocolStep.B4FollowUpMeeting, back.CurrentStep);
    }

    [Fact]
    public void Parents_informed_entries_say_by_whom_when_and_how()
    {
        var c = Run(CaseScript.ToStep2);
        var entry = c.Dossier[^1];

        Assert.True(entry.ParentsInformed);
        Assert.Equal("staff-mentor", entry.Parents!.InformedByStaffId);
        Assert.Equal(ParentContactMethod.Phone, entry.Parents.Method);
        Assert.Equal(At(2), entry.Parents.InformedAt);
        Assert.False(c.Dossier[0].ParentsInformed);
    }
}
