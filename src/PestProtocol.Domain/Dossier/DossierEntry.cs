using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Dossier;

/// <summary>
/// One append-only record in a case's dossier: who did what, when, with whom, and what was agreed.
/// Entries are never changed; a correction is a new entry whose <see cref="CorrectionOf"/> names the old one.
/// All properties are simple values so a persistence layer can store and rebuild them as they are.
/// </summary>
public sealed record DossierEntry
{
    /// <summary>Entry id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The case this entry belongs to.</summary>
    public required Guid CaseId { get; init; }

    /// <summary>Position in the dossier, 1-based, without gaps.</summary>
    public required int Sequence { get; init; }

    /// <summary>The protocol step this entry records (for notes and corrections: the case's step at the time).</summary>
    public required ProtocolStep Step { get; init; }

    /// <summary>What kind of entry this is.</summary>
    public required DossierEntryKind Kind { get; init; }

    /// <summary>The staff member who made the entry and their role.</summary>
    public required StaffRef Actor { get; init; }

    /// <summary>When the entry was made.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Free text.</summary>
    public required string Text { get; init; }

    /// <summary>Who took part.</summary>
    public IReadOnlyList<CaseParticipant> Participants { get; init; } = [];

    /// <summary>Agreements made.</summary>
    public IReadOnlyList<string> Agreements { get; init; } = [];

    /// <summary>Set when parents were informed in this step (by whom, when, how).</summary>
    public ParentsInformation? Parents { get; init; }

    /// <summary>True when the parents were informed in this step.</summary>
    public bool ParentsInformed => Parents is not null;

    /// <summary>The next follow-up date (follow-up steps A.3, B.4, C.4, D.5, E.4).</summary>
    public DateTimeOffset? FollowUpDate { get; init; }

    /// <summary>The entry this one corrects, for <see cref="DossierEntryKind.Correction"/>.</summary>
    public Guid? CorrectionOf { get; init; }

    /// <summary>The route chosen or switched to in this entry.</summary>
    public Route? Route { get; init; }

    /// <summary>Checklist ids ticked in this step: Bijlage 1 signals (step 1) or Bijlage 6 topics (B.1).</summary>
    public IReadOnlyList<string> ChecklistItemIds { get; init; } = [];

    /// <summary>Staff roles that must be informed because of this step (see <see cref="Notifications.WhoMustBeInformed"/>).</summary>
    public IReadOnlyList<StaffRole> InformedRoles { get; init; } = [];

    /// <summary>The route was chosen together with the student (step 3).</summary>
    public bool ChosenWithStudent { get; init; }

    /// <summary>The Bijlage 5 tips for digital bullying were given or discussed.</summary>
    public bool DigitalTipsGiven { get; init; }

    /// <summary>A punishment given in this step (B.1, D.2).</summary>
    public string? Punishment { get; init; }

    /// <summary>Staff id of whoever gave the punishment, when known.</summary>
    public string? PunishmentDecidedByStaffId { get; init; }

    /// <summary>Contact with the bully's other school (B.1, D.2), made with the teamleider.</summary>
    public string? OtherSchoolContact { get; init; }

    /// <summary>B.4: did both parties keep the agreements.</summary>
    public bool? AgreementsKept { get; init; }

    /// <summary>B.4: the bullying persists (escalation to step 4).</summary>
    public bool? BullyingPersists { get; init; }

    /// <summary>E.1: the suspected bully admitted (switch to route D).</summary>
    public bool? SuspectAdmitted { get; init; }

    /// <summary>Herstelgesprek: who signed the agreement, in signing order.</summary>
    public IReadOnlyList<CaseParticipant> Signatures { get; init; } = [];
}
