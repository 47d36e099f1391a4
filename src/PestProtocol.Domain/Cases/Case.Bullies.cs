using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

// De dader als benoemde deelnemer: where the route knows him (B.1, B.3, D.2, E.1 when the suspect admits, the
// herstelgesprek), the dossier entry names him as a participant; in D and E he has his own follow-up (D.5, E.4).
public sealed partial class Case
{
    /// <summary>How many different bullies one case holds at most (a group is better served by route A, in class).</summary>
    public const int MaxBullies = 3;

    /// <summary>
    /// The bullies the dossier names (role <see cref="ParticipantRole.Bully"/>), each once, in the order they were first
    /// named; a typed name (<see cref="CaseParticipant.Name"/>) is taken from the latest entry that has one.
    /// </summary>
    public IReadOnlyList<CaseParticipant> Bullies =>
        _dossier.SelectMany(e => e.Participants)
            .Where(p => p.Role == ParticipantRole.Bully && !string.IsNullOrWhiteSpace(p.Reference))
            .GroupBy(p => p.Reference, StringComparer.Ordinal)
            .Select(g => g.LastOrDefault(p => p.Name is not null) ?? g.First())
            .ToList();

    /// <summary>
    /// D.5 / E.4, the bully's own follow-up ("blijf zowel slachtoffer als dader volgen"): how it goes with one bully the
    /// case follows, as its own dossier entry naming him. The case stays in its step; the victim's follow-up is
    /// answered apart (close, stap 4, a new date).
    /// </summary>
    public DossierEntry RecordBullyFollowUp(StaffRef by, DateTimeOffset now, string bullyRef, string text)
    {
        if (IsClosed)
        {
            throw Violations.Of(ViolationCode.CaseClosed);
        }

        if (CurrentStep is not (ProtocolStep.D5FollowUp or ProtocolStep.E4FollowUp))
        {
            throw Violations.Of(ViolationCode.StepOutOfOrder);
        }

        var bully = FollowsBully ? Bullies.FirstOrDefault(b => string.Equals(b.Reference, bullyRef, StringComparison.Ordinal)) : null;
        if (bully is null)
        {
            throw Violations.Of(ViolationCode.NotAFollowedBully);
        }

        RequireActor(by);
        RequireText(text);
        var entry = NewEntry(CurrentStep, DossierEntryKind.BullyFollowUp, by, now, text) with
        {
            Participants = [bully],
        };
        Append(entry);
        return entry;
    }

    /// <summary>True when this bully's follow-up was recorded after the reminder of the follow-up the case waits for.</summary>
    public bool BullyFollowUpAnswered(string bullyRef)
    {
        var reminded = _dossier.LastOrDefault(e => e.Kind == DossierEntryKind.FollowUpReminderSent);
        var since = reminded?.Sequence ?? PendingFollowUp?.PlannedIn.Sequence ?? int.MaxValue;
        return _dossier.Any(e => e.Sequence > since && e.Kind == DossierEntryKind.BullyFollowUp
            && e.Participants.Any(p => string.Equals(p.Reference, bullyRef, StringComparison.Ordinal)));
    }

    private static void RequireBullyOnlyWhenAdmitted(VictimAndParentsConversation conversation)
    {
        if (!conversation.SuspectAdmitted && conversation.Participants.Any(p => p?.Role == ParticipantRole.Bully))
        {
            throw new ProtocolViolationException(ViolationCode.InvalidInput,
                "Een leerling die het niet heeft toegegeven, staat als vermoedelijke dader in het dossier, niet als dader.",
                "A student who did not admit is recorded as the suspected bully, not as the bully.");
        }
    }
}
