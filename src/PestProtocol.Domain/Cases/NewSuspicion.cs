using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Cases;

/// <summary>What is known when a suspicion of bullying is reported (step 1).</summary>
/// <param name="StudentRef">Opaque reference of the student concerned (never a name).</param>
/// <param name="ClassName">The student's class, e.g. "2B".</param>
/// <param name="LocationId">The location (vestiging) id; each location has its own coordinator.</param>
/// <param name="SignalledBy">Who signalled, and in which role.</param>
/// <param name="SignalIds">Bijlage 1 signal ids (see <see cref="Appendices.Bijlage1Signalen"/>).</param>
/// <param name="IsDigital">Digital bullying (online, chat, social media).</param>
/// <param name="Description">The mandatory note of step 1.</param>
/// <param name="Trigger">What led to the suspicion.</param>
public sealed record NewSuspicion(
    string StudentRef,
    string ClassName,
    string LocationId,
    StaffRef SignalledBy,
    IReadOnlyCollection<string> SignalIds,
    bool IsDigital,
    string Description,
    SuspicionTrigger Trigger = SuspicionTrigger.Signals);
