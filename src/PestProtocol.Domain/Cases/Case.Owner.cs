using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Cases;

// De eigenaar: one person holds the next step at a time. Whoever signals owns the case from step 1; an owner (or an
// anti-bullying coordinator) hands it over to a colleague, and the dossier records it.
public sealed partial class Case
{
    /// <summary>
    /// Whether <paramref name="actor"/> holds the next step: the owner, or an anti-bullying coordinator (the use case checks
    /// that the coordinator is one of the case's location). Everyone else sees who holds it.
    /// </summary>
    public bool HoldsNextStep(StaffRef actor) =>
        actor is not null
        && (IsOwner(actor.StaffId) || actor.Role == StaffRole.AntiPestCoordinator);

    /// <summary>True when <paramref name="staffId"/> is the case's owner.</summary>
    public bool IsOwner(string? staffId) =>
        !string.IsNullOrEmpty(staffId) && string.Equals(Owner.StaffId, staffId, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Hands the case over to <paramref name="to"/> (a colleague at the same location; the caller checks the location).
    /// Only the owner or an anti-bullying coordinator may; the case must be open; a reason is required. The dossier gets
    /// "Overgedragen aan &lt;naam&gt; (&lt;rol&gt;): &lt;reden&gt;" in the current step, and the case stays in its step.
    /// </summary>
    /// <param name="by">Who hands over (the owner, or a coordinator assigning the case).</param>
    /// <param name="to">The new owner, in the role they take the case in.</param>
    /// <param name="toName">The new owner's name as colleagues know it (for the dossier).</param>
    /// <param name="now">When.</param>
    /// <param name="reason">Why (e.g. "Gesignaleerd door een docent; de mentor zet de melding voort.").</param>
    public DossierEntry HandOver(StaffRef by, StaffRef to, string toName, DateTimeOffset now, string reason)
    {
        if (IsClosed)
        {
            throw Violations.Of(ViolationCode.CaseClosed);
        }

        RequireActor(by);
        RequireActor(to);
        RequireReference(toName);
        RequireText(reason);
        if (!HoldsNextStep(by))
        {
            throw Violations.Of(ViolationCode.NotTheOwner);
        }

        if (IsOwner(to.StaffId))
        {
            throw Violations.Of(ViolationCode.AlreadyOwner);
        }

        var text = $"Overgedragen aan {toName.Trim()} ({RoleName(to.Role)}): {reason.Trim()}";
        var entry = NewEntry(CurrentStep, DossierEntryKind.HandedOver, by, now, text) with
        {
            Participants = [new CaseParticipant(to.StaffId, ParticipantRole.Staff)],
        };
        Append(entry);
        Owner = to;
        return entry;
    }

    private static string RoleName(StaffRole role) => role switch
    {
        StaffRole.Mentor => "mentor",
        StaffRole.Docent => "docent",
        StaffRole.Concierge => "conciërge",
        StaffRole.AntiPestCoordinator => "anti-pestcoördinator",
        StaffRole.Teamleider => "teamleider",
        StaffRole.InternBegeleider => "intern begeleider",
        StaffRole.Deelschoolleider => "deelschoolleider",
        _ => "medewerker",
    };
}
