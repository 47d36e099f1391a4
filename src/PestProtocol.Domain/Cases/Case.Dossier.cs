using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Cases;

// Afsluiten, heropenen, notities en correcties: the dossier is append-only.
public sealed partial class Case
{
    /// <summary>
    /// A note in the current step without moving on (e.g. the suspicion is still being looked into: "answer later").
    /// Only on an open case.
    /// </summary>
    public DossierEntry AddNote(StaffRef by, DateTimeOffset now, string text)
    {
        if (IsClosed)
        {
            throw Violations.Of(ViolationCode.CaseClosed);
        }

        RequireActor(by);
        RequireText(text);
        var entry = NewEntry(CurrentStep, DossierEntryKind.Note, by, now, text);
        Append(entry);
        return entry;
    }

    /// <summary>
    /// Closes the case when the work is done: from a follow-up step (A.3, B.4, C.4, D.5, E.4) or after a herstelgesprek.
    /// </summary>
    public DossierEntry Close(StaffRef by, DateTimeOffset now, string note)
    {
        var to = EnsureAllowed(CaseCommand.Close);
        RequireText(note);
        StepBeforeClose = CurrentStep;
        var entry = Record(to, by, now, note, e => e with { Kind = DossierEntryKind.Closed });
        NextFollowUpDate = null;
        return entry;
    }

    /// <summary>Reopens a closed case: it returns to the step it was closed from (step 1 for a rejected suspicion).</summary>
    public DossierEntry Reopen(StaffRef by, DateTimeOffset now, string reason)
    {
        if (!IsClosed || StepBeforeClose is null)
        {
            throw Violations.Of(ViolationCode.CaseNotClosed);
        }

        RequireActor(by);
        RequireText(reason);
        var back = StepBeforeClose.Value;
        var entry = NewEntry(back, DossierEntryKind.Reopened, by, now, reason);
        Append(entry);
        CurrentStep = back;
        StepBeforeClose = null;
        return entry;
    }

    /// <summary>
    /// Corrects an earlier entry: appends a new entry that refers to it. The old entry stays as it was.
    /// Allowed on open and closed cases.
    /// </summary>
    public DossierEntry Correct(StaffRef by, DateTimeOffset now, Guid entryId, string text)
    {
        RequireActor(by);
        var original = _dossier.FirstOrDefault(e => e.Id == entryId) ?? throw Violations.Of(ViolationCode.EntryNotFound);
        RequireText(text);
        var entry = NewEntry(original.Step, DossierEntryKind.Correction, by, now, text) with { CorrectionOf = original.Id };
        Append(entry);
        return entry;
    }

    /// <summary>The corrections made to an entry, oldest first.</summary>
    public IReadOnlyList<DossierEntry> CorrectionsOf(Guid entryId) =>
        _dossier.Where(e => e.CorrectionOf == entryId).ToList();
}
