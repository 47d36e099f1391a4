using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Persistence.Records;

/// <summary>One row of <c>cases</c>: a <see cref="CaseSnapshot"/> without its dossier, plus the concurrency version and the human case number.</summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }

    /// <summary>Year part of the human case code (the year the case was opened, in the offset it was opened with).</summary>
    public int CaseYear { get; set; }

    /// <summary>Sequential number within the location and year, from 1.</summary>
    public int CaseNumber { get; set; }

    public string StudentRef { get; set; } = string.Empty;

    public string ClassName { get; set; } = string.Empty;

    public string LocationId { get; set; } = string.Empty;

    public string SignalledByStaffId { get; set; } = string.Empty;

    public StaffRole SignalledByRole { get; set; }

    /// <summary>Who holds the next step (handover branch); empty on rows from before owners, read as whoever signalled.</summary>
    public string OwnerStaffId { get; set; } = string.Empty;

    /// <summary>The role the owner holds the case in.</summary>
    public StaffRole OwnerRole { get; set; }

    public SuspicionTrigger Trigger { get; set; }

    /// <summary>JSON array of Bijlage 1 signal ids.</summary>
    public string SignalIds { get; set; } = "[]";

    public bool IsDigital { get; set; }

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset OpenedAt { get; set; }

    public ProtocolStep CurrentStep { get; set; }

    public Route? Step3Route { get; set; }

    public Route? Step4Route { get; set; }

    public bool SwitchedFromRouteE { get; set; }

    public ProtocolStep? StepBeforeClose { get; set; }

    public DateTimeOffset? NextFollowUpDate { get; set; }

    /// <summary>When the last dossier entry was recorded (for sorting overviews).</summary>
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Optimistic concurrency token: 1 on insert, incremented by every save, checked on update.</summary>
    public int Version { get; set; }
}
