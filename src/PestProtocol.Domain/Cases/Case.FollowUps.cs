using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

/// <summary>Where the follow-up the case waits for stands.</summary>
public enum FollowUpStage
{
    /// <summary>Planned; the day has not come (or nobody was reminded yet).</summary>
    Planned,

    /// <summary>The owner got the card "Hoe gaat het met …?" and has not answered yet.</summary>
    Reminded,

    /// <summary>Not answered within the grace period: the coordinator was told.</summary>
    Overdue,
}

/// <summary>
/// The follow-up a case waits for: planned in a "blijf de leerling volgen" step (A.3, C.4, D.5, E.4) or at B.4.
/// Answering it is the next step on the case (closing, stap 4, a new follow-up), which ends this one.
/// </summary>
/// <param name="PlannedIn">The dossier entry that planned it (its actor is the one who follows the student).</param>
/// <param name="Day">The moment planned (the morning of the follow-up day).</param>
/// <param name="Stage">Reminded or escalated yet.</param>
/// <param name="RemindedAt">When the reminder was recorded, if it was.</param>
/// <param name="FollowsBully">Routes D and E follow the bully too, not only the victim.</param>
public sealed record PendingFollowUp(DossierEntry PlannedIn, DateTimeOffset Day, FollowUpStage Stage, DateTimeOffset? RemindedAt, bool FollowsBully)
{
    /// <summary>
    /// Who gets the reminder: the case's owner when the follow-up is due (handover branch), not necessarily who planned
    /// it. Without an owner given, whoever planned it.
    /// </summary>
    public StaffRef Owner { get; init; } = PlannedIn.Actor;
}

// Blijf de leerling volgen: the follow-up that comes back on its day, and what happens when nobody answers it.
public sealed partial class Case
{
    /// <summary>
    /// The follow-up this case waits for, or null: only while the case rests in a follow-up step (A.3, B.4, C.4, D.5,
    /// E.4) with a planned date. A later step (closing, stap 4, a herstelgesprek, a new follow-up) answers it.
    /// </summary>
    public PendingFollowUp? PendingFollowUp
    {
        get
        {
            if (IsClosed || !CaseTransitions.IsFollowUpStep(CurrentStep) || NextFollowUpDate is null)
            {
                return null;
            }

            var planned = _dossier.LastOrDefault(e => e.Kind == DossierEntryKind.StepTaken && e.FollowUpDate is not null);
            if (planned is null)
            {
                return null;
            }

            var after = _dossier.Where(e => e.Sequence > planned.Sequence).ToList();
            var reminded = after.LastOrDefault(e => e.Kind == DossierEntryKind.FollowUpReminderSent);
            var stage = after.Any(e => e.Kind == DossierEntryKind.FollowUpOverdue) ? FollowUpStage.Overdue
                : reminded is not null ? FollowUpStage.Reminded
                : FollowUpStage.Planned;
            return new PendingFollowUp(planned, planned.FollowUpDate!.Value, stage, reminded?.RecordedAt, FollowsBully) { Owner = Owner };
        }
    }

    /// <summary>Routes D and E follow both the victim and the bully (D.5, E.4).</summary>
    public bool FollowsBully => CurrentRoute is Route.D or Route.E;

    /// <summary>
    /// The students a follow-up is about: the victim, and in routes D and E also every bully the dossier names.
    /// </summary>
    public IReadOnlyList<CaseParticipant> FollowedStudents
    {
        get
        {
            var students = new List<CaseParticipant> { new(StudentRef, ParticipantRole.Victim) };
            if (FollowsBully)
            {
                students.AddRange(Bullies);
            }

            return students;
        }
    }

    /// <summary>
    /// The follow-up day came and its owner was sent the card "Hoe gaat het met …?". Recorded once per follow-up; the
    /// case stays in its step. <paramref name="owner"/> is the one reminded (the entry's actor).
    /// </summary>
    public DossierEntry RecordFollowUpReminder(StaffRef owner, DateTimeOffset now)
    {
        var pending = PendingFollowUp;
        if (pending is null || pending.Stage != FollowUpStage.Planned)
        {
            throw Violations.Of(ViolationCode.NoFollowUpDue);
        }

        RequireActor(owner);
        var about = pending.FollowsBully ? "het slachtoffer en de dader" : "de leerling";
        var entry = NewEntry(CurrentStep, DossierEntryKind.FollowUpReminderSent, owner, now,
            $"Het vervolgmoment is aangebroken. Herinnering gestuurd: hoe gaat het met {about}?") with
        {
            FollowUpDate = pending.Day,
            Participants = FollowedStudents,
        };
        Append(entry);
        return entry;
    }

    /// <summary>
    /// The reminded follow-up was not answered within the grace period: the anti-pestcoördinator of the location is
    /// told (<see cref="DossierEntry.InformedRoles"/>). Recorded once per follow-up; the case stays in its step.
    /// </summary>
    public DossierEntry RecordFollowUpOverdue(DateTimeOffset now)
    {
        var pending = PendingFollowUp;
        if (pending is null || pending.Stage != FollowUpStage.Reminded)
        {
            throw Violations.Of(ViolationCode.NoFollowUpDue);
        }

        var entry = NewEntry(CurrentStep, DossierEntryKind.FollowUpOverdue, pending.Owner, now,
            "Het vervolgmoment is niet beantwoord. De anti-pestcoördinator is ingelicht.") with
        {
            FollowUpDate = pending.Day,
            Participants = FollowedStudents,
            InformedRoles = [StaffRole.AntiPestCoordinator],
        };
        Append(entry);
        return entry;
    }
}
