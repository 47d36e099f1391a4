using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Persistence.Records;

/// <summary>One row of <c>dossier_entries</c>: a <see cref="DossierEntry"/>, inserted once and never updated. Lists are JSON text.</summary>
public sealed class DossierEntryRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public int Sequence { get; set; }

    public ProtocolStep Step { get; set; }

    public DossierEntryKind Kind { get; set; }

    public string ActorStaffId { get; set; } = string.Empty;

    public StaffRole ActorRole { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string Text { get; set; } = string.Empty;

    /// <summary>JSON array of <c>{reference, role}</c>.</summary>
    public string Participants { get; set; } = "[]";

    /// <summary>JSON array of strings.</summary>
    public string Agreements { get; set; } = "[]";

    public string? ParentsInformedByStaffId { get; set; }

    public DateTimeOffset? ParentsInformedAt { get; set; }

    public ParentContactMethod? ParentsContactMethod { get; set; }

    public string? ParentsWhoTakesWhichSteps { get; set; }

    public DateTimeOffset? FollowUpDate { get; set; }

    public Guid? CorrectionOf { get; set; }

    public Route? Route { get; set; }

    /// <summary>JSON array of checklist ids.</summary>
    public string ChecklistItemIds { get; set; } = "[]";

    /// <summary>JSON array of staff role names.</summary>
    public string InformedRoles { get; set; } = "[]";

    public bool ChosenWithStudent { get; set; }

    public bool DigitalTipsGiven { get; set; }

    public string? Punishment { get; set; }

    public string? PunishmentDecidedByStaffId { get; set; }

    public string? OtherSchoolContact { get; set; }

    public bool? AgreementsKept { get; set; }

    public bool? BullyingPersists { get; set; }

    public bool? SuspectAdmitted { get; set; }

    /// <summary>JSON array of <c>{reference, role}</c>, in signing order.</summary>
    public string Signatures { get; set; } = "[]";
}
