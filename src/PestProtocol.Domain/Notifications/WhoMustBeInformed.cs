using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Notifications;

/// <summary>
/// The protocol's rules on who must be informed at each step.
/// Stap 1: the coordinator is involved from step 1 in any case; when a teacher, caretaker or anyone but the mentor
/// signals, the mentor and the coordinator are informed at once. B.2 and E.3: teamleider, coordinator and IB (and the
/// parents, recorded). D.1: the teamleider (possibly coordinator and/or IB). B.4 when the bullying persists: the IB.
/// </summary>
public static class WhoMustBeInformed
{
    private static readonly IReadOnlySet<StaffRole> None = new HashSet<StaffRole>();

    /// <summary>The rule for a step.</summary>
    /// <param name="step">The step taken.</param>
    /// <param name="signalledByRole">The role of whoever signalled the case (matters for step 1).</param>
    /// <param name="bullyingPersists">For B.4: the bullying persists.</param>
    /// <param name="studentKnown">
    /// False for a case opened from an anonymous student report: there is no known student, so no mentor to inform
    /// (the dossier must not claim "mentor informed").
    /// </param>
    public static InformRule For(ProtocolStep step, StaffRole signalledByRole, bool bullyingPersists = false, bool studentKnown = true) => step switch
    {
        ProtocolStep.Step1Suspicion => new(step,
            Set(new[] { StaffRole.Mentor, StaffRole.AntiPestCoordinator }.Where(r => r != signalledByRole && (studentKnown || r != StaffRole.Mentor))),
            None, ParentsToBeInformed: false, Immediately: true),
        ProtocolStep.Step2ParentsInformed or ProtocolStep.A2ParentsInformed or ProtocolStep.C2ParentsInformed
            or ProtocolStep.D3VictimParentsInformed => new(step, None, None, ParentsToBeInformed: true, Immediately: false),
        ProtocolStep.B2Reported or ProtocolStep.E3Reported => new(step,
            Set([StaffRole.Teamleider, StaffRole.AntiPestCoordinator, StaffRole.InternBegeleider]),
            None, ParentsToBeInformed: true, Immediately: false),
        ProtocolStep.D1TeamleiderInvolved => new(step,
            Set([StaffRole.Teamleider]),
            Set([StaffRole.AntiPestCoordinator, StaffRole.InternBegeleider]), ParentsToBeInformed: false, Immediately: false),
        ProtocolStep.B4FollowUpMeeting when bullyingPersists => new(step,
            Set([StaffRole.InternBegeleider]), None, ParentsToBeInformed: false, Immediately: false),
        _ => new(step, None, None, ParentsToBeInformed: false, Immediately: false),
    };

    private static IReadOnlySet<StaffRole> Set(IEnumerable<StaffRole> roles) => roles.ToHashSet();
}
