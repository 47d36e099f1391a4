using PestProtocol.Bot.Features.Prevention;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>A class the thermometer can run in: its location and name (as the directory and the mentor know it).</summary>
public sealed record ThermometerClass(string LocationId, string Name)
{
    /// <summary>The class's id in <c>thermometer_surveys</c>: location and name.</summary>
    public string ClassId => $"{LocationId}/{Name}";

    /// <summary>The value of the class on the start card.</summary>
    public string Key => $"{LocationId}|{Name}";
}

/// <summary>
/// Which classes a staff member may run the thermometer in: a mentor their own classes, an anti-pestcoördinator every
/// class of their location. Read from the directory on every use, never from a card.
/// </summary>
public sealed class ThermometerClasses(IDirectory directory, IClassRoster roster)
{
    /// <summary>The classes, by location and name.</summary>
    public async Task<IReadOnlyList<ThermometerClass>> ForAsync(DirectoryPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!person.IsStaff)
        {
            return [];
        }

        var coordinatorAt = person.Roles.Where(r => r.Role == StaffRole.AntiPestCoordinator).Select(r => r.LocationId).ToHashSet(StringComparer.Ordinal);
        var result = new List<ThermometerClass>();
        foreach (var location in await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false))
        {
            result.AddRange((await roster.GetClassesAsync(location.Id, cancellationToken).ConfigureAwait(false))
                .Where(c => coordinatorAt.Contains(location.Id) || string.Equals(c.MentorId, person.Id, StringComparison.OrdinalIgnoreCase))
                .Select(c => new ThermometerClass(location.Id, c.Name)));
        }

        return [.. result.DistinctBy(c => c.Key).OrderBy(c => c.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The mentor of a class (for the results), or null.</summary>
    public async Task<string?> MentorOfAsync(string locationId, string className, CancellationToken cancellationToken) =>
        (await roster.GetClassesAsync(locationId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => string.Equals(c.Name, className, StringComparison.OrdinalIgnoreCase))?.MentorId;
}
