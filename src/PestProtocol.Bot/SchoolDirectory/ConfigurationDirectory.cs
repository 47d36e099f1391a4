using Microsoft.Extensions.Options;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.SchoolDirectory;

/// <summary>
/// The directory from configuration (section "Directory"): for local development and the Agents
/// Playground's mock users, and for a small school without Graph permissions.
/// </summary>
public sealed class ConfigurationDirectory(IOptionsMonitor<DirectoryOptions> options) : IDirectory
{
    public Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var match = options.CurrentValue.People.FirstOrDefault(p => string.Equals(p.Id, aadObjectId, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(match is null ? null : ToPerson(match));
    }

    public Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken)
    {
        var terms = (query ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyList<DirectoryPerson> result = options.CurrentValue.People
            .Where(p => p.Kind == PersonKind.Student)
            .Where(p => terms.All(t => p.Name.Contains(t, StringComparison.CurrentCultureIgnoreCase)
                                       || (p.Class?.Contains(t, StringComparison.OrdinalIgnoreCase) ?? false)))
            .OrderBy(p => p.Name.StartsWith(terms.FirstOrDefault() ?? string.Empty, StringComparison.CurrentCultureIgnoreCase) ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .Take(Math.Clamp(top, 1, 50))
            .Select(ToPerson)
            .ToList();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken)
    {
        IReadOnlyList<DirectoryPerson> result = options.CurrentValue.People
            .Select(ToPerson)
            .Where(p => p.HasRole(role, locationId))
            .ToList();
        return Task.FromResult(result);
    }

    public Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken)
    {
        var people = options.CurrentValue.People;
        var student = people.FirstOrDefault(p => p.Id == studentId && p.Kind == PersonKind.Student);
        if (student?.Class is null)
        {
            return Task.FromResult<DirectoryPerson?>(null);
        }

        var mentorId = options.CurrentValue.Classes.FirstOrDefault(c => c.Name == student.Class && c.Location == student.Location)?.Mentor;
        var mentor = mentorId is null ? null : people.FirstOrDefault(p => p.Id == mentorId);
        return Task.FromResult(mentor is null ? null : ToPerson(mentor));
    }

    public Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SchoolLocation> result = options.CurrentValue.Locations.Select(l => new SchoolLocation(l.Id, l.Name)).ToList();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<DirectoryPerson>> GetClassStudentsAsync(string locationId, string className, CancellationToken cancellationToken)
    {
        IReadOnlyList<DirectoryPerson> result = options.CurrentValue.People
            .Where(p => p.Kind == PersonKind.Student
                && string.Equals(p.Location, locationId, StringComparison.Ordinal)
                && string.Equals(p.Class, className, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(ToPerson)
            .ToList();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<DirectoryClass>> GetLocationClassesAsync(string locationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryClass>>(ConfiguredClasses()
            .Where(c => string.Equals(c.LocationId, locationId, StringComparison.Ordinal))
            .ToList());

    public Task<IReadOnlyList<DirectoryClass>> GetMentorClassesAsync(string staffId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryClass>>(ConfiguredClasses()
            .Where(c => string.Equals(c.MentorId, staffId, StringComparison.OrdinalIgnoreCase))
            .ToList());

    public Task<string?> GetClassMentorIdAsync(string locationId, string className, CancellationToken cancellationToken) =>
        Task.FromResult(ConfiguredClasses()
            .FirstOrDefault(c => string.Equals(c.LocationId, locationId, StringComparison.Ordinal) && string.Equals(c.Name, className, StringComparison.OrdinalIgnoreCase))?.MentorId);

    /// <summary>Every student whose location is <paramref name="locationId"/>, with or without a configured class.</summary>
    public Task<IReadOnlyList<DirectoryPerson>> GetLocationStudentsAsync(string locationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryPerson>>(options.CurrentValue.People
            .Where(p => p.Kind == PersonKind.Student && !string.IsNullOrWhiteSpace(p.Id) && string.Equals(p.Location, locationId, StringComparison.Ordinal))
            .DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Select(ToPerson)
            .ToList());

    /// <summary><c>Directory:Classes</c> with a name and a location, by name.</summary>
    private IEnumerable<DirectoryClass> ConfiguredClasses() =>
        options.CurrentValue.Classes
            .Where(c => !string.IsNullOrWhiteSpace(c.Name) && !string.IsNullOrWhiteSpace(c.Location))
            .Select(c => new DirectoryClass(c.Location!, c.Name, string.IsNullOrWhiteSpace(c.Mentor) ? null : c.Mentor))
            .OrderBy(c => c.Name, StringComparer.Ordinal);

    private static DirectoryPerson ToPerson(DirectoryOptions.PersonEntry p) => new(
        p.Id,
        p.Name,
        p.Kind,
        p.Location,
        p.Class,
        p.Roles.Select(r => new LocationRole(r.Location ?? p.Location ?? string.Empty, r.Role)).ToList(),
        p.Email);
}

/// <summary>Configuration section "Directory".</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>"Configuration" (default) or "Graph".</summary>
    public string Source { get; set; } = "Configuration";

    public List<LocationEntry> Locations { get; set; } = [];

    public List<PersonEntry> People { get; set; } = [];

    public List<ClassEntry> Classes { get; set; } = [];

    /// <summary>Settings for <see cref="Graph.GraphDirectory"/> (section "Directory:Graph"); used when <see cref="Source"/> is "Graph".</summary>
    public Graph.GraphDirectoryOptions Graph { get; set; } = new();

    public sealed class LocationEntry
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;

        /// <summary>The coordinators' Teams channel of this location (optional): alerts for its coordinators are also posted there.</summary>
        public CoordinatorsChannelEntry? CoordinatorsChannel { get; set; }
    }

    /// <summary>The locations as configured for the directory in use (<see cref="Source"/>), with their coordinators' channels.</summary>
    public IEnumerable<(string LocationId, CoordinatorsChannelEntry? Channel)> ConfiguredChannels() =>
        string.Equals(Source, "Graph", StringComparison.OrdinalIgnoreCase)
            ? Graph.Locations.Select(l => (l.Id, l.CoordinatorsChannel))
            : Locations.Select(l => (l.Id, l.CoordinatorsChannel));

    public sealed class PersonEntry
    {
        /// <summary>Entra object id (in the Agents Playground: the mock user's aadObjectId).</summary>
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public PersonKind Kind { get; set; } = PersonKind.Staff;
        public string? Location { get; set; }
        public string? Class { get; set; }
        public string? Email { get; set; }
        public List<RoleEntry> Roles { get; set; } = [];
    }

    public sealed class RoleEntry
    {
        public StaffRole Role { get; set; }
        /// <summary>Defaults to the person's own location.</summary>
        public string? Location { get; set; }
    }

    public sealed class ClassEntry
    {
        public string Name { get; set; } = string.Empty;
        public string? Location { get; set; }
        /// <summary>Entra object id of the class mentor.</summary>
        public string? Mentor { get; set; }
    }
}

/// <summary>A Teams channel named in configuration: <c>CoordinatorsChannel: { TeamId, ChannelId, Name }</c>.</summary>
public sealed class CoordinatorsChannelEntry
{
    /// <summary>The team's thread id (<c>19:…@thread.tacv2</c>; the General channel's id).</summary>
    public string TeamId { get; set; } = string.Empty;

    /// <summary>The channel's thread id (<c>19:…@thread.tacv2</c>).</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The channel's name, for the delivery log (optional).</summary>
    public string? Name { get; set; }
}
