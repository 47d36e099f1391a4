using PestProtocol.Bot.Features.Records;

namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One row of <c>dossier_access_log</c>: a staff member viewed, exported or printed a dossier, or a coordinator produced
/// or erased what is held about a student. Only inserted by the app (an UPDATE is refused by the database); rows are
/// removed only by the retention purge. The only free text is the reason a coordinator gives for an erasure
/// (<see cref="Reason"/>); the card asks for it without names.
/// </summary>
public sealed class DossierAccessRecord
{
    public Guid Id { get; set; }

    /// <summary>The case concerned; null for a data-subject request (then <see cref="SubjectRef"/> is set).</summary>
    public Guid? CaseId { get; set; }

    /// <summary>The location of the case or request (who may read this row: its coordinators).</summary>
    public string LocationId { get; set; } = string.Empty;

    /// <summary>Entra object id of the staff member who did it.</summary>
    public string StaffId { get; set; } = string.Empty;

    public DossierAccessKind Kind { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>For a Magister note or PDF: the first dossier entry (sequence) it covered.</summary>
    public int? FromSequence { get; set; }

    /// <summary>For a Magister note or PDF: the last dossier entry (sequence) it covered.</summary>
    public int? ToSequence { get; set; }

    /// <summary>For a data-subject request: the student's directory reference (an opaque id, the same as a case's student ref).</summary>
    public string? SubjectRef { get; set; }

    /// <summary>For an erasure: why it was done (the request it answers), as the coordinator wrote it. Null for other lines.</summary>
    public string? Reason { get; set; }
}
