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
/// class of their location. Read from the directory (configuration or Microsoft Graph) on every use, never from a card.
/// </summary>
public sealed class ThermometerClasses(IDirectory directory)
{
    /// <summary>The classes, by location and name.</summary>
    public async Task<IReadOnlyList<ThermometerClass>> ForAsync(DirectoryPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!person.IsStaff)
        {
            return [];
        }

        var known = (await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false)).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var result = new List<ThermometerClass>();
        foreach (var locationId in person.Roles.Where(r => r.Role == StaffRole.AntiPestCoordinator).Select(r => r.LocationId).Distinct(StringComparer.Ordinal))
        {
            result.AddRange((await directory.GetLocationClassesAsync(locationId, cancellationToken).ConfigureAwait(false))
                .Select(c => new ThermometerClass(locationId, c.Name)));
        }

        result.AddRange((await directory.GetMentorClassesAsync(person.Id, cancellationToken).ConfigureAwait(false))
            .Select(c => new ThermometerClass(c.LocationId, c.Name)));

        return [.. result.Where(c => known.Contains(c.LocationId)).DistinctBy(c => c.Key).OrderBy(c => c.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The mentor of a class (for the results), or null.</summary>
    public Task<string?> MentorOfAsync(string locationId, string className, CancellationToken cancellationToken) =>
        directory.GetClassMentorIdAsync(locationId, className, cancellationToken);
}
