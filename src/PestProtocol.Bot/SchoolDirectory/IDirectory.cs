using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.SchoolDirectory;

/// <summary>
/// Who is who at the school: staff or student, roles per location (vestiging), classes and their
/// mentors. Production reads Microsoft Graph; development reads configuration.
/// </summary>
public interface IDirectory
{
    /// <summary>The person with this Entra object id (Teams: activity.from.aadObjectId), or null.</summary>
    Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Students whose name or class matches <paramref name="query"/> (typeahead), best first.</summary>
    Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken);

    /// <summary>Staff with <paramref name="role"/> at <paramref name="locationId"/> (coordinators, team leaders, IB …).</summary>
    Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken);

    /// <summary>The mentor of the student's class, or null when unknown.</summary>
    Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The students of one class at one location (the thermometer's roster), by name. Empty when the class is unknown;
    /// a directory that cannot list classes answers empty too (then nobody is invited and the mentor is told so).
    /// </summary>
    Task<IReadOnlyList<DirectoryPerson>> GetClassStudentsAsync(string locationId, string className, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryPerson>>([]);

    /// <summary>
    /// The classes of one location (what an anti-pestcoördinator may pick), by name. <see cref="DirectoryClass.MentorId"/>
    /// may be null where asking for it costs a call per class (Graph); <see cref="GetClassMentorIdAsync"/> gives it then.
    /// </summary>
    Task<IReadOnlyList<DirectoryClass>> GetLocationClassesAsync(string locationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryClass>>([]);

    /// <summary>The classes whose mentor (class teacher, owner of the class team) this staff member is, at every location.</summary>
    Task<IReadOnlyList<DirectoryClass>> GetMentorClassesAsync(string staffId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryClass>>([]);

    /// <summary>The Entra object id of the mentor of one class at one location, or null when unknown.</summary>
    Task<string?> GetClassMentorIdAsync(string locationId, string className, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>
    /// Every student of one location (the anonymous reports' reply notice goes to all of them): by default the students of
    /// every class of the location, each once; a class whose name is ambiguous is left out. A directory that knows its
    /// students otherwise (configuration) overrides it.
    /// </summary>
    async Task<IReadOnlyList<DirectoryPerson>> GetLocationStudentsAsync(string locationId, CancellationToken cancellationToken)
    {
        var students = new Dictionary<string, DirectoryPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var schoolClass in await GetLocationClassesAsync(locationId, cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<DirectoryPerson> members;
            try
            {
                members = await GetClassStudentsAsync(locationId, schoolClass.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (AmbiguousClassException)
            {
                continue;
            }

            foreach (var student in members.Where(s => !s.IsStaff && !string.IsNullOrWhiteSpace(s.Id)))
            {
                students.TryAdd(student.Id, student);
            }
        }

        return [.. students.Values];
    }
}

/// <summary>A class at a location, as the directory knows it, with its mentor when known.</summary>
public sealed record DirectoryClass(string LocationId, string Name, string? MentorId);

/// <summary>
/// More than one class in the directory answers to a name at a location (or the class cannot be told apart from a class
/// of another location): nothing is done with it, the user is told to ask the administrator.
/// </summary>
public sealed class AmbiguousClassException(string locationId, string className)
    : Exception("Meer dan één klas met deze naam op deze locatie.")
{
    public string LocationId { get; } = locationId;

    public string ClassName { get; } = className;
}

public enum PersonKind
{
    Staff,
    Student,
}

/// <summary>A person as the directory knows them. <see cref="Id"/> is the Entra object id.</summary>
public sealed record DirectoryPerson(
    string Id,
    string DisplayName,
    PersonKind Kind,
    string? LocationId,
    string? ClassName,
    IReadOnlyList<LocationRole> Roles,
    string? Email = null)
{
    public bool IsStaff => Kind == PersonKind.Staff;

    public bool HasRole(StaffRole role, string? locationId = null) =>
        Roles.Any(r => r.Role == role && (locationId is null || r.LocationId == locationId));
}

/// <summary>A role someone holds at one location.</summary>
public sealed record LocationRole(string LocationId, StaffRole Role);

/// <summary>A location (vestiging) of the school group.</summary>
public sealed record SchoolLocation(string Id, string Name);
