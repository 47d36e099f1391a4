using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>A case loaded for this turn, with the staff member acting on it.</summary>
/// <param name="Case">The case as stored (or as this turn just stored it).</param>
/// <param name="Code">Its human code, e.g. "2026-0007".</param>
/// <param name="Actor">Who acts, in the role they have in this case.</param>
/// <param name="Person">The acting staff member as the directory knows them.</param>
public sealed record LoadedCase(Case Case, string Code, StaffRef Actor, DirectoryPerson Person);

/// <summary>How applying a step ended.</summary>
public enum StepApplied
{
    /// <summary>Stored (in the turn's transaction); the case in <see cref="StepResult.Loaded"/> is the changed one.</summary>
    Saved,

    /// <summary>The protocol did not allow it (<see cref="StepResult.Reason"/> is the domain's Dutch reason). Nothing changed.</summary>
    Refused,

    /// <summary>Someone else changed the case first. Nothing of this step was stored.</summary>
    Conflict,

    /// <summary>The case could not be opened for this user (gone, or not a member, or not staff).</summary>
    NotAvailable,

    /// <summary>A colleague holds the next step (<see cref="StepResult.Reason"/> says who). Nothing changed; no card follows.</summary>
    NotYours,
}

/// <summary>The outcome of <see cref="ApplyStep"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Loaded">The case (changed when saved); null when not available.</param>
/// <param name="Added">The dossier entries the step added (empty unless saved).</param>
/// <param name="Reason">The protocol's reason when refused.</param>
/// <param name="CurrentStepTitle">Where the case stands now, after a conflict (null when it is gone).</param>
public sealed record StepResult(
    StepApplied Outcome,
    LoadedCase? Loaded = null,
    IReadOnlyList<DossierEntry>? Added = null,
    string? Reason = null,
    string? CurrentStepTitle = null);

/// <summary>A new case as <see cref="OpenCase"/> stored it.</summary>
/// <param name="Case">The case at step 1.</param>
/// <param name="Code">Its code, e.g. "2026-0007".</param>
/// <param name="HandedOver">Set when a teacher or conciërge signalled and the mentor (or coordinator) took the case over.</param>
public sealed record OpenedCase(Case Case, string Code, IntakeHandedOver? HandedOver = null);

/// <summary>How "Ik pak dit op" ended.</summary>
public enum TakeOutcome
{
    /// <summary>Recorded: a dossier note and an update for every other copy of the alert.</summary>
    Taken,

    /// <summary>Someone took it already, or the protocol refused; <see cref="TakeResult.Message"/> says so.</summary>
    NotTaken,

    /// <summary>Only a refresh was asked: nothing recorded.</summary>
    Refreshed,

    /// <summary>Not staff, not a member, or the case or entry is gone.</summary>
    NoAccess,
}

/// <summary>The outcome of <see cref="TakeCase"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="ActorRole">The role the actor has in the case (for the card they get back).</param>
/// <param name="Message">Why it was not taken.</param>
/// <param name="Case">The case as it is now (changed when taken), for the card the actor gets back.</param>
/// <param name="Code">Its code.</param>
public sealed record TakeResult(TakeOutcome Outcome, Domain.Roles.StaffRole ActorRole = default, string? Message = null, Case? Case = null, string? Code = null);
