using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

/// <summary>
/// Everything a <see cref="Case"/> holds, as plain values: what a persistence layer saves and gives back to
/// <see cref="Case.Rehydrate"/>. Take one with <see cref="Case.ToSnapshot"/>.
/// </summary>
public sealed record CaseSnapshot
{
    /// <summary>Case id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Opaque reference of the student concerned.</summary>
    public required string StudentRef { get; init; }

    /// <summary>The student's class.</summary>
    public required string ClassName { get; init; }

    /// <summary>Location (vestiging) id.</summary>
    public required string LocationId { get; init; }

    /// <summary>Who signalled.</summary>
    public required StaffRef SignalledBy { get; init; }

    /// <summary>Who holds the next step (null in snapshots from before owners existed: then whoever signalled).</summary>
    public StaffRef? Owner { get; init; }

    /// <summary>What led to the suspicion.</summary>
    public required SuspicionTrigger Trigger { get; init; }

    /// <summary>Bijlage 1 signal ids.</summary>
    public required IReadOnlyList<string> SignalIds { get; init; }

    /// <summary>Digital bullying.</summary>
    public required bool IsDigital { get; init; }

    /// <summary>The step-1 description.</summary>
    public required string Description { get; init; }

    /// <summary>When the case was opened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The last step carried out.</summary>
    public required ProtocolStep CurrentStep { get; init; }

    /// <summary>Route chosen in step 3, if any.</summary>
    public Route? Step3Route { get; init; }

    /// <summary>Route chosen in step 4, if any (D after an E→D switch).</summary>
    public Route? Step4Route { get; init; }

    /// <summary>True when route E switched to route D (E.1).</summary>
    public bool SwitchedFromRouteE { get; init; }

    /// <summary>For a closed case: the step it was closed from (reopening returns there).</summary>
    public ProtocolStep? StepBeforeClose { get; init; }

    /// <summary>The next follow-up date, if one is planned.</summary>
    public DateTimeOffset? NextFollowUpDate { get; init; }

    /// <summary>The dossier, in order.</summary>
    public required IReadOnlyList<DossierEntry> Dossier { get; init; }
}
