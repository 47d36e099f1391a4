using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>The role a staff member acts in for a student's case (one rule for every use case).</summary>
public sealed class CaseRoles(IDirectory directory)
{
    private static readonly StaffRole[] Preference =
    [
        StaffRole.AntiPestCoordinator, StaffRole.InternBegeleider, StaffRole.Teamleider, StaffRole.Deelschoolleider,
        StaffRole.Docent, StaffRole.Concierge, StaffRole.OtherStaff,
    ];

    /// <summary>
    /// The student's mentor acts as mentor; otherwise the role they hold at the location (coordinator first); a mentor
    /// of another class acts as a teacher; null when the directory gives no role.
    /// </summary>
    public async Task<StaffRole?> RoleForAsync(DirectoryPerson person, string studentRef, string locationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var mentor = await directory.GetMentorAsync(studentRef, cancellationToken).ConfigureAwait(false);
        if (mentor is not null && string.Equals(mentor.Id, person.Id, StringComparison.OrdinalIgnoreCase))
        {
            return StaffRole.Mentor;
        }

        var roles = person.Roles.Where(r => r.LocationId == locationId).Select(r => r.Role)
            .Concat(person.Roles.Select(r => r.Role))
            .ToList();
        foreach (var role in Preference)
        {
            if (roles.Contains(role))
            {
                return role;
            }
        }

        return roles.Contains(StaffRole.Mentor) ? StaffRole.Docent : null;
    }
}
