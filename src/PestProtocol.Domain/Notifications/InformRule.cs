using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Notifications;

/// <summary>Who must (and who may) be informed when a step is taken.</summary>
/// <param name="Step">The step taken.</param>
/// <param name="MustInform">Staff roles that must be informed (Teams notifications).</param>
/// <param name="MayInform">Staff roles the actor may choose to bring in ("eventueel").</param>
/// <param name="ParentsToBeInformed">Parents are informed in this step: not a notification (they are no Teams users) but a recorded action.</param>
/// <param name="Immediately">The protocol says "direct": inform at once.</param>
public sealed record InformRule(
    ProtocolStep Step,
    IReadOnlySet<StaffRole> MustInform,
    IReadOnlySet<StaffRole> MayInform,
    bool ParentsToBeInformed,
    bool Immediately);
