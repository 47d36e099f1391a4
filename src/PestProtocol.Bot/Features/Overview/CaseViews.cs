using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Overview;

/// <summary>
/// Puts names to what the case store keeps as opaque references: the student (the case's student reference is the
/// directory id), the staff in a dossier, the location. Names are looked up per request, never stored.
/// </summary>
public sealed class CaseViews(IDirectory directory)
{
    /// <summary>The locations where a staff member works or holds a role (the scope of a case code).</summary>
    public static IReadOnlyCollection<string> LocationsOf(DirectoryPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var locations = person.Roles.Select(r => r.LocationId).Where(l => !string.IsNullOrEmpty(l)).ToHashSet(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(person.LocationId))
        {
            locations.Add(person.LocationId);
        }

        return locations;
    }

    /// <summary>The locations where this person is the anti-pestcoördinator.</summary>
    public static IReadOnlyList<string> CoordinatorLocationsOf(DirectoryPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Roles.Where(r => r.Role == StaffRole.AntiPestCoordinator && !string.IsNullOrEmpty(r.LocationId))
            .Select(r => r.LocationId).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The overview lines, each with the student's name.</summary>
    public async Task<IReadOnlyList<CaseLine>> LinesAsync(IEnumerable<CaseSummary> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<CaseLine>();
        foreach (var summary in cases)
        {
            if (!names.TryGetValue(summary.StudentRef, out var name))
            {
                name = await StudentNameAsync(summary.StudentRef, cancellationToken).ConfigureAwait(false);
                names[summary.StudentRef] = name;
            }

            lines.Add(new CaseLine(summary, name));
        }

        return lines;
    }

    /// <summary>The student's display name, or "onbekende leerling" when the directory does not know the reference as a student.</summary>
    public async Task<string> StudentNameAsync(string studentRef, CancellationToken cancellationToken)
    {
        var person = string.IsNullOrWhiteSpace(studentRef) ? null : await directory.FindPersonAsync(studentRef, cancellationToken).ConfigureAwait(false);
        return person is { Kind: PersonKind.Student } && !string.IsNullOrWhiteSpace(person.DisplayName) ? person.DisplayName : OverviewCard.UnknownStudent;
    }

    /// <summary>The name of a location, or its id when the directory does not know it.</summary>
    public async Task<string> LocationNameAsync(string locationId, CancellationToken cancellationToken)
    {
        var locations = await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        return locations.FirstOrDefault(l => l.Id == locationId)?.Name ?? locationId;
    }

    /// <summary>Everything the dossier card needs, names included.</summary>
    public Task<DossierView> DossierAsync(string caseCode, Case @case, CancellationToken cancellationToken) =>
        DossierAsync(caseCode, @case, [], cancellationToken);

    /// <summary>Everything the dossier card needs, names included, also of <paramref name="moreStaffIds"/> (e.g. from the access log).</summary>
    public async Task<DossierView> DossierAsync(string caseCode, Case @case, IEnumerable<string> moreStaffIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(moreStaffIds);
        var staffIds = @case.Dossier
            .SelectMany(e => e.Participants.Where(p => p.Role == ParticipantRole.Staff).Select(p => p.Reference)
                .Concat(e.Signatures.Where(p => p.Role == ParticipantRole.Staff).Select(p => p.Reference))
                .Append(e.Actor.StaffId)
                .Concat(e.Parents is { } parents ? [parents.InformedByStaffId] : [])
                .Concat(e.PunishmentDecidedByStaffId is { } judge ? [judge] : []))
            .Concat(moreStaffIds)
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Distinct(StringComparer.Ordinal);
        var staffNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in staffIds)
        {
            var person = await directory.FindPersonAsync(id, cancellationToken).ConfigureAwait(false);
            if (person is { IsStaff: true })
            {
                staffNames[id] = person.DisplayName;
            }
        }

        return new DossierView(
            caseCode,
            @case,
            await StudentNameAsync(@case.StudentRef, cancellationToken).ConfigureAwait(false),
            await LocationNameAsync(@case.LocationId, cancellationToken).ConfigureAwait(false),
            staffNames)
        {
            PupilNames = await PupilNamesAsync(@case, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The name and class of every other student the dossier names ("Lars de Jong (2b)"); a typed name as typed.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PupilNamesAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var pupils = @case.Dossier.SelectMany(e => e.Participants.Concat(e.Signatures))
            .Where(p => p.Role is ParticipantRole.Bully or ParticipantRole.SuspectedBully or ParticipantRole.Bystander);
        foreach (var p in pupils)
        {
            if (names.ContainsKey(p.Reference) && p.Name is null)
            {
                continue;
            }

            if (p.Name is { Length: > 0 } typed)
            {
                names[p.Reference] = $"{typed} (niet in de schoolgegevens)";
            }
            else if (p.Reference == Melding.CaseParticipants.BullyNotInDirectory)
            {
                names[p.Reference] = "op een andere school (naam niet ingevuld)";
            }
            else if (await directory.FindPersonAsync(p.Reference, cancellationToken).ConfigureAwait(false) is { Kind: PersonKind.Student } student)
            {
                names[p.Reference] = StudentTitle(student);
            }
        }

        return names;
    }

    /// <summary>"Lars de Jong (2b)".</summary>
    public static string StudentTitle(DirectoryPerson student)
    {
        ArgumentNullException.ThrowIfNull(student);
        return string.IsNullOrEmpty(student.ClassName) ? student.DisplayName : $"{student.DisplayName} ({student.ClassName})";
    }
}
