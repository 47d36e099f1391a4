using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.CheckMemberGroups;
using Microsoft.Kiota.Abstractions;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.SchoolDirectory.Graph;

/// <summary>
/// The directory from Microsoft Graph (app-only). Who is staff or student, and who holds which role at
/// which location, comes from transitive membership of configured Entra groups; a student's location from
/// their location's student group; the class and its mentor from the class group's owners or from Graph
/// education classes. Answers are cached briefly; a Graph failure becomes <see cref="DirectoryUnavailableException"/>
/// unless a recent cached answer can be served. Nothing personal is logged.
/// </summary>
public sealed partial class GraphDirectory : IDirectory
{
    private const int CheckMemberGroupsLimit = 20;
    private const int MaxMentorCandidates = 5;
    private static readonly string[] PersonFields = ["id", "displayName", "mail"];

    private readonly GraphServiceClient _graph;
    private readonly IOptionsMonitor<DirectoryOptions> _options;
    private readonly ILogger<GraphDirectory> _logger;
    private readonly LookupCache _cache;

    public GraphDirectory(GraphServiceClient graph, IOptionsMonitor<DirectoryOptions> options, TimeProvider time, ILogger<GraphDirectory> logger)
    {
        _graph = graph;
        _options = options;
        _logger = logger;
        _cache = new LookupCache(time, logger);
    }

    private GraphDirectoryOptions Settings => _options.CurrentValue.Graph;

    private TimeSpan CacheFor => TimeSpan.FromMinutes(Math.Max(0, Settings.CacheMinutes));

    private TimeSpan StaleFor => TimeSpan.FromMinutes(Math.Max(0, Settings.ServeStaleMinutes));

    public Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(aadObjectId, out var id))
        {
            return Task.FromResult<DirectoryPerson?>(null);
        }

        var key = id.ToString("D");
        return _cache.GetOrFetchAsync($"person:{key}", CacheFor, StaleFor, ct => FetchPersonAsync(key, ct), cancellationToken);
    }

    public async Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken)
    {
        // $search takes a quoted string: quotes and backslashes in what was typed would end it early.
        var text = new string((query ?? string.Empty).Where(c => c is not '"' and not '\\' && !char.IsControl(c)).ToArray()).Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var count = Math.Clamp(top, 1, 50);
        var key = $"search:{count}:{text.ToLowerInvariant()}";
        return await _cache.GetOrFetchAsync(key, TimeSpan.FromSeconds(Math.Max(0, Settings.SearchCacheSeconds)), StaleFor, ct => FetchSearchAsync(text, count, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken)
    {
        var location = Settings.Locations.FirstOrDefault(l => l.Id == locationId);
        if (location is null || !location.RoleGroups.TryGetValue(role, out var groupIds) || groupIds.Count == 0)
        {
            return [];
        }

        return await _cache.GetOrFetchAsync($"holders:{locationId}:{role}", CacheFor, StaleFor, ct => FetchRoleHoldersAsync(location.Id, role, groupIds, ct), cancellationToken).ConfigureAwait(false);
    }

    public Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(studentId, out var id))
        {
            return Task.FromResult<DirectoryPerson?>(null);
        }

        var key = id.ToString("D");
        return _cache.GetOrFetchAsync($"mentor:{key}", CacheFor, StaleFor, ct => FetchMentorAsync(key, ct), cancellationToken);
    }

    public Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SchoolLocation> result = Settings.Locations.Select(l => new SchoolLocation(l.Id, l.Name)).ToList();
        return Task.FromResult(result);
    }

    private async Task<DirectoryPerson?> FetchPersonAsync(string id, CancellationToken cancellationToken)
    {
        var user = await CallAsync("user", ct => _graph.Users[id].GetAsync(r => r.QueryParameters.Select = PersonFields, ct), cancellationToken).ConfigureAwait(false);
        if (user?.Id is null)
        {
            return null;
        }

        var settings = Settings;
        var memberOf = await CheckMemberGroupsAsync(id, AllGroupIds(settings), cancellationToken).ConfigureAwait(false);
        bool In(IEnumerable<string> groupIds) => groupIds.Any(memberOf.Contains);

        var roles = settings.Locations
            .SelectMany(l => l.RoleGroups.Where(rg => In(rg.Value)).Select(rg => new LocationRole(l.Id, rg.Key)))
            .ToList();
        var studentLocation = settings.Locations.FirstOrDefault(l => In(l.StudentGroupIds));
        var isStudent = studentLocation is not null || In(settings.StudentGroupIds);
        var isStaff = roles.Count > 0 || In(settings.StaffGroupIds) || settings.Locations.Any(l => In(l.StaffGroupIds));

        // Someone in both a student and a staff group is treated as a student: the safe side, staff functions show case files.
        if (isStudent)
        {
            var schoolClass = await FindClassAsync(id, cancellationToken).ConfigureAwait(false);
            return new DirectoryPerson(user.Id, user.DisplayName ?? string.Empty, PersonKind.Student, studentLocation?.Id, schoolClass?.Name, [], user.Mail);
        }

        if (isStaff)
        {
            var staffLocation = settings.Locations.FirstOrDefault(l => In(l.StaffGroupIds))?.Id ?? roles.FirstOrDefault()?.LocationId;
            return new DirectoryPerson(user.Id, user.DisplayName ?? string.Empty, PersonKind.Staff, staffLocation, null, roles, user.Mail);
        }

        return null;
    }

    private static List<string> AllGroupIds(GraphDirectoryOptions settings) =>
        settings.StaffGroupIds
            .Concat(settings.StudentGroupIds)
            .Concat(settings.Locations.SelectMany(l => l.StudentGroupIds.Concat(l.StaffGroupIds).Concat(l.RoleGroups.Values.SelectMany(g => g))))
            .Where(g => !string.IsNullOrWhiteSpace(g))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>POST /users/{id}/checkMemberGroups (transitive), 20 group ids per call.</summary>
    private async Task<HashSet<string>> CheckMemberGroupsAsync(string userId, List<string> groupIds, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in groupIds.Chunk(CheckMemberGroupsLimit))
        {
            var body = new CheckMemberGroupsPostRequestBody { GroupIds = [.. chunk] };
            var response = await CallAsync("checkMemberGroups", ct => _graph.Users[userId].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(body, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            found.UnionWith(response?.Value ?? []);
        }

        return found;
    }

    /// <summary>
    /// The students of a class (the thermometer's roster): the members of the education class (EducationClasses, students
    /// only) or of the class group (ClassGroupOwners, its owners left out), found by the class name the
    /// <see cref="GraphDirectoryOptions.ClassGroupPattern"/> gives. Cached like the other look-ups.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryPerson>> GetClassStudentsAsync(string locationId, string className, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(className) || Settings.Locations.All(l => l.Id != locationId))
        {
            return [];
        }

        return await _cache.GetOrFetchAsync($"class-students:{locationId}:{className.ToLowerInvariant()}", CacheFor, StaleFor,
            ct => FetchClassStudentsAsync(locationId, className.Trim(), ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<DirectoryPerson>> FetchClassStudentsAsync(string locationId, string className, CancellationToken cancellationToken)
    {
        DirectoryPerson Student(string id, string? name) => new(id, name ?? string.Empty, PersonKind.Student, locationId, className, []);
        if (await ResolveClassIdAsync(locationId, className, cancellationToken).ConfigureAwait(false) is not { } classId)
        {
            return [];
        }

        if (Settings.MentorSource == MentorSource.EducationClasses)
        {
            var members = await CallAsync("classMembers", ct => _graph.Education.Classes[classId].Members.GetAsync(r =>
            {
                r.QueryParameters.Select = ["id", "displayName", "primaryRole"];
                r.QueryParameters.Top = 999;
            }, ct), cancellationToken).ConfigureAwait(false);
            return [.. (members?.Value ?? [])
                .Where(m => m.Id is not null && m.PrimaryRole is null or EducationUserRole.Student)
                .Select(m => Student(m.Id!, m.DisplayName))
                .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)];
        }

        var groupId = classId;
        var owners = await CallAsync("classOwners", ct => _graph.Groups[groupId].Owners.GraphUser.GetAsync(r => r.QueryParameters.Select = ["id"], ct), cancellationToken).ConfigureAwait(false);
        var ownerIds = (owners?.Value ?? []).Select(o => o.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, DirectoryPerson>(StringComparer.OrdinalIgnoreCase);
        var page = await CallAsync("classMembers", ct => _graph.Groups[groupId].Members.GraphUser.GetAsync(r =>
        {
            r.QueryParameters.Select = ["id", "displayName"];
            r.QueryParameters.Top = 999;
        }, ct), cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var user in page.Value ?? [])
            {
                if (user.Id is not null && !ownerIds.Contains(user.Id))
                {
                    result.TryAdd(user.Id, Student(user.Id, user.DisplayName));
                }
            }

            var next = page.OdataNextLink;
            page = next is null
                ? null
                : await CallAsync("classMembers", ct => _graph.Groups[groupId].Members.GraphUser.WithUrl(next).GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }

        return [.. result.Values.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// The classes of a location: every education class (EducationClasses) or group (ClassGroupOwners) that the location's
    /// class pattern matches. Their mentors are not asked here (a call per class); <see cref="GetClassMentorIdAsync"/> does.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryClass>> GetLocationClassesAsync(string locationId, CancellationToken cancellationToken)
    {
        if (Settings.Locations.All(l => l.Id != locationId))
        {
            return [];
        }

        return await _cache.GetOrFetchAsync($"location-classes:{locationId}", CacheFor, StaleFor, async ct =>
        {
            var all = await FetchAllClassObjectsAsync(ct).ConfigureAwait(false);
            IReadOnlyList<DirectoryClass> result = [.. all
                .SelectMany(c => Claims(c))
                .Where(c => c.LocationId == locationId)
                .Select(c => new DirectoryClass(c.LocationId, c.Name, null))
                .DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .OrderBy(c => c.Name, StringComparer.CurrentCulture)];
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The classes this staff member is mentor of: the education classes they teach (EducationClasses) or the class groups
    /// they own (ClassGroupOwners), each at the location(s) whose class pattern matches it.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryClass>> GetMentorClassesAsync(string staffId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(staffId, out var id))
        {
            return [];
        }

        var key = id.ToString("D");
        return await _cache.GetOrFetchAsync($"mentor-classes:{key}", CacheFor, StaleFor, async ct =>
        {
            var objects = new List<ClassObject>();
            if (Settings.MentorSource == MentorSource.EducationClasses)
            {
                var page = await CallAsync("taughtClasses", c => _graph.Education.Users[key].TaughtClasses.GetAsync(r => r.QueryParameters.Select = ["id", "displayName", "mailNickname"], c), ct).ConfigureAwait(false);
                while (page is not null)
                {
                    objects.AddRange((page.Value ?? []).Select(c => new ClassObject(c.Id, c.DisplayName, c.MailNickname)));
                    var next = page.OdataNextLink;
                    page = next is null ? null : await CallAsync("taughtClasses", c => _graph.Education.Users[key].TaughtClasses.WithUrl(next).GetAsync(cancellationToken: c), ct).ConfigureAwait(false);
                }
            }
            else
            {
                var page = await CallAsync("ownedGroups", c => _graph.Users[key].OwnedObjects.GraphGroup.GetAsync(r =>
                {
                    r.QueryParameters.Select = ["id", "displayName", "mailNickname"];
                    r.QueryParameters.Top = 999;
                }, c), ct).ConfigureAwait(false);
                while (page is not null)
                {
                    objects.AddRange((page.Value ?? []).Select(g => new ClassObject(g.Id, g.DisplayName, g.MailNickname)));
                    var next = page.OdataNextLink;
                    page = next is null ? null : await CallAsync("ownedGroups", c => _graph.Users[key].OwnedObjects.GraphGroup.WithUrl(next).GetAsync(cancellationToken: c), ct).ConfigureAwait(false);
                }
            }

            IReadOnlyList<DirectoryClass> result = [.. objects
                .SelectMany(Claims)
                .Select(c => new DirectoryClass(c.LocationId, c.Name, key))
                .DistinctBy(c => (c.LocationId, c.Name.ToLowerInvariant()))
                .OrderBy(c => c.Name, StringComparer.CurrentCulture)];
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The mentor of a class: its first teacher (EducationClasses) or owner (ClassGroupOwners) the directory knows as staff.</summary>
    public async Task<string?> GetClassMentorIdAsync(string locationId, string className, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(className) || Settings.Locations.All(l => l.Id != locationId))
        {
            return null;
        }

        var mentor = await _cache.GetOrFetchAsync<MentorId?>($"class-mentor:{locationId}:{className.Trim().ToLowerInvariant()}", CacheFor, StaleFor, async ct =>
            await ResolveClassIdAsync(locationId, className.Trim(), ct).ConfigureAwait(false) is { } classId
                && await FirstStaffOfClassAsync(classId, ct).ConfigureAwait(false) is { } person
                ? new MentorId(person.Id)
                : null, cancellationToken).ConfigureAwait(false);
        return mentor?.Id;
    }

    /// <summary>
    /// The Graph id of the one class called <paramref name="className"/> at <paramref name="locationId"/>, or null when there
    /// is none. Throws <see cref="AmbiguousClassException"/> when several classes answer to the name there, or the one that
    /// does also belongs to another location (the patterns cannot tell the locations apart).
    /// </summary>
    private async Task<string?> ResolveClassIdAsync(string locationId, string className, CancellationToken cancellationToken)
    {
        List<ClassObject> candidates;
        if (Settings.MentorSource == MentorSource.EducationClasses)
        {
            candidates = await FetchAllClassObjectsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (Settings.Locations.All(l => PatternOf(l) is null))
            {
                LogNoClassPattern(_logger);
                return null;
            }

            var text = new string(className.Where(c => c is not '"' and not '\\' && !char.IsControl(c)).ToArray());
            var groups = await CallAsync("classGroups", ct => _graph.Groups.GetAsync(r =>
            {
                r.QueryParameters.Search = $"\"displayName:{text}\"";
                r.QueryParameters.Select = ["id", "displayName", "mailNickname"];
                r.QueryParameters.Top = 50;
                r.Headers.Add("ConsistencyLevel", "eventual");
            }, ct), cancellationToken).ConfigureAwait(false);
            candidates = [.. (groups?.Value ?? []).Select(g => new ClassObject(g.Id, g.DisplayName, g.MailNickname))];
        }

        var matches = candidates
            .Where(c => Claims(c).Any(k => k.LocationId == locationId && string.Equals(k.Name, className, StringComparison.OrdinalIgnoreCase)))
            .DistinctBy(c => c.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        if (matches.Count > 1 || Claims(matches[0]).Any(k => k.LocationId != locationId))
        {
            LogAmbiguousClass(_logger, locationId, matches.Count);
            throw new AmbiguousClassException(locationId, className);
        }

        return matches[0].Id;
    }

    /// <summary>Every education class (EducationClasses) or every group (ClassGroupOwners), over all pages.</summary>
    private async Task<List<ClassObject>> FetchAllClassObjectsAsync(CancellationToken cancellationToken)
    {
        var result = new List<ClassObject>();
        if (Settings.MentorSource == MentorSource.EducationClasses)
        {
            var page = await CallAsync("educationClasses", ct => _graph.Education.Classes.GetAsync(r =>
            {
                r.QueryParameters.Select = ["id", "displayName", "mailNickname"];
                r.QueryParameters.Top = 999;
            }, ct), cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                result.AddRange((page.Value ?? []).Select(c => new ClassObject(c.Id, c.DisplayName, c.MailNickname)));
                var next = page.OdataNextLink;
                page = next is null ? null : await CallAsync("educationClasses", ct => _graph.Education.Classes.WithUrl(next).GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        var groups = await CallAsync("classGroups", ct => _graph.Groups.GetAsync(r =>
        {
            r.QueryParameters.Select = ["id", "displayName", "mailNickname"];
            r.QueryParameters.Top = 999;
        }, ct), cancellationToken).ConfigureAwait(false);
        while (groups is not null)
        {
            result.AddRange((groups.Value ?? []).Select(g => new ClassObject(g.Id, g.DisplayName, g.MailNickname)));
            var next = groups.OdataNextLink;
            groups = next is null ? null : await CallAsync("classGroups", ct => _graph.Groups.WithUrl(next).GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The locations that claim a class (their pattern, else the global one, matches it) and its name there.</summary>
    private IEnumerable<(string LocationId, string Name)> Claims(ClassObject c)
    {
        var settings = Settings;
        foreach (var location in settings.Locations)
        {
            var pattern = PatternOf(location);
            if (pattern is null && settings.MentorSource == MentorSource.ClassGroupOwners)
            {
                continue;
            }

            if (ToClass(pattern, c.Id, c.DisplayName, c.MailNickname) is { } schoolClass && schoolClass.Name.Length > 0)
            {
                yield return (location.Id, schoolClass.Name);
            }
        }
    }

    private Regex? PatternOf(GraphDirectoryOptions.LocationGroups location)
    {
        var text = string.IsNullOrWhiteSpace(location.ClassGroupPattern) ? Settings.ClassGroupPattern : location.ClassGroupPattern;
        return string.IsNullOrWhiteSpace(text) ? null : new Regex(text, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }

    /// <summary>The first teacher (EducationClasses) or owner (ClassGroupOwners) of a class whom the directory knows as staff.</summary>
    private async Task<DirectoryPerson?> FirstStaffOfClassAsync(string classId, CancellationToken cancellationToken)
    {
        IEnumerable<string?> candidateIds;
        if (Settings.MentorSource == MentorSource.EducationClasses)
        {
            var teachers = await CallAsync("classTeachers", ct => _graph.Education.Classes[classId].Teachers.GetAsync(r => r.QueryParameters.Select = ["id"], ct), cancellationToken).ConfigureAwait(false);
            candidateIds = teachers?.Value?.Select(t => t.Id) ?? [];
        }
        else
        {
            var owners = await CallAsync("classOwners", ct => _graph.Groups[classId].Owners.GraphUser.GetAsync(r => r.QueryParameters.Select = ["id"], ct), cancellationToken).ConfigureAwait(false);
            candidateIds = owners?.Value?.Select(o => o.Id) ?? [];
        }

        // The first owner/teacher the directory knows as staff; never a service or admin account outside the staff groups.
        foreach (var candidateId in candidateIds.OfType<string>().Take(MaxMentorCandidates))
        {
            var person = await FindPersonAsync(candidateId, cancellationToken).ConfigureAwait(false);
            if (person is { IsStaff: true })
            {
                return person;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<DirectoryPerson>> FetchRoleHoldersAsync(string locationId, StaffRole role, List<string> groupIds, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, DirectoryPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var groupId in groupIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var page = await CallAsync("groupMembers", ct => _graph.Groups[groupId].TransitiveMembers.GraphUser.GetAsync(
                r =>
                {
                    r.QueryParameters.Select = PersonFields;
                    r.QueryParameters.Top = 999;
                },
                ct), cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                foreach (var user in page.Value ?? [])
                {
                    if (user.Id is not null)
                    {
                        holders.TryAdd(user.Id, new DirectoryPerson(user.Id, user.DisplayName ?? string.Empty, PersonKind.Staff, locationId, null, [new LocationRole(locationId, role)], user.Mail));
                    }
                }

                var next = page.OdataNextLink;
                page = next is null
                    ? null
                    : await CallAsync("groupMembers", ct => _graph.Groups[groupId].TransitiveMembers.GraphUser.WithUrl(next).GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            }
        }

        return [.. holders.Values.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)];
    }

    private async Task<IReadOnlyList<DirectoryPerson>> FetchSearchAsync(string text, int top, CancellationToken cancellationToken)
    {
        var settings = Settings;

        // Per-location student groups tell the location too; without them, search the all-students groups.
        var groups = settings.Locations.SelectMany(l => l.StudentGroupIds.Select(g => (GroupId: g, LocationId: (string?)l.Id))).ToList();
        if (groups.Count == 0)
        {
            groups = [.. settings.StudentGroupIds.Select(g => (GroupId: g, LocationId: (string?)null))];
        }

        var found = new Dictionary<string, DirectoryPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var (groupId, locationId) in groups)
        {
            var page = await CallAsync("studentSearch", ct => _graph.Groups[groupId].TransitiveMembers.GraphUser.GetAsync(
                r =>
                {
                    r.QueryParameters.Search = $"\"displayName:{text}\"";
                    r.QueryParameters.Select = PersonFields;
                    r.QueryParameters.Count = true;
                    r.QueryParameters.Top = top;
                    r.Headers.Add("ConsistencyLevel", "eventual");
                },
                ct), cancellationToken).ConfigureAwait(false);
            foreach (var user in page?.Value ?? [])
            {
                if (user.Id is not null)
                {
                    found.TryAdd(user.Id, new DirectoryPerson(user.Id, user.DisplayName ?? string.Empty, PersonKind.Student, locationId, null, [], user.Mail));
                }
            }
        }

        var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return [.. found.Values
            .OrderBy(p => p.DisplayName.StartsWith(first, StringComparison.CurrentCultureIgnoreCase) ? 0 : 1)
            .ThenBy(p => p.DisplayName, StringComparer.CurrentCulture)
            .Take(top)];
    }

    private async Task<DirectoryPerson?> FetchMentorAsync(string studentId, CancellationToken cancellationToken)
    {
        var schoolClass = await FindClassAsync(studentId, cancellationToken).ConfigureAwait(false);
        if (schoolClass is null)
        {
            return null;
        }

        return await FirstStaffOfClassAsync(schoolClass.Id, cancellationToken).ConfigureAwait(false);
    }

    private Task<SchoolClass?> FindClassAsync(string studentId, CancellationToken cancellationToken) =>
        _cache.GetOrFetchAsync($"class:{studentId}", CacheFor, StaleFor, ct => FetchClassAsync(studentId, ct), cancellationToken);

    private async Task<SchoolClass?> FetchClassAsync(string studentId, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var pattern = string.IsNullOrWhiteSpace(settings.ClassGroupPattern)
            ? null
            : new Regex(settings.ClassGroupPattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

        if (settings.MentorSource == MentorSource.EducationClasses)
        {
            var classes = await CallAsync("educationClasses", ct => _graph.Education.Users[studentId].Classes.GetAsync(r => r.QueryParameters.Select = ["id", "displayName", "mailNickname"], ct), cancellationToken).ConfigureAwait(false);
            return classes?.Value?
                .Select(c => ToClass(pattern, c.Id, c.DisplayName, c.MailNickname))
                .FirstOrDefault(c => c is not null);
        }

        if (pattern is null)
        {
            LogNoClassPattern(_logger);
            return null;
        }

        var page = await CallAsync("memberOf", ct => _graph.Users[studentId].MemberOf.GraphGroup.GetAsync(
            r =>
            {
                r.QueryParameters.Select = ["id", "displayName", "mailNickname"];
                r.QueryParameters.Top = 999;
            },
            ct), cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            var match = (page.Value ?? []).Select(g => ToClass(pattern, g.Id, g.DisplayName, g.MailNickname)).FirstOrDefault(c => c is not null);
            if (match is not null)
            {
                return match;
            }

            var next = page.OdataNextLink;
            page = next is null
                ? null
                : await CallAsync("memberOf", ct => _graph.Users[studentId].MemberOf.GraphGroup.WithUrl(next).GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static SchoolClass? ToClass(Regex? pattern, string? id, string? displayName, string? mailNickname)
    {
        if (id is null)
        {
            return null;
        }

        if (pattern is null)
        {
            return new SchoolClass(id, displayName ?? string.Empty);
        }

        foreach (var candidate in new[] { displayName, mailNickname })
        {
            var match = candidate is null ? System.Text.RegularExpressions.Match.Empty : pattern.Match(candidate);
            if (match.Success)
            {
                var name = match.Groups["class"] is { Success: true } g ? g.Value : displayName ?? candidate!;
                return new SchoolClass(id, name);
            }
        }

        return null;
    }

    /// <summary>One Graph call: 404 is "not there" (null); every other failure is <see cref="DirectoryUnavailableException"/>.</summary>
    private async Task<T?> CallAsync<T>(string operation, Func<CancellationToken, Task<T?>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
        catch (ApiException e)
        {
            LogGraphFailed(_logger, operation, e.ResponseStatusCode);
            throw new DirectoryUnavailableException("Microsoft Graph gaf een fout.", e) { StatusCode = e.ResponseStatusCode };
        }
        catch (AggregateException e) when (e.InnerExceptions.LastOrDefault() is ApiException last)
        {
            // The SDK's retry handler gave up (throttled or unavailable on every try).
            LogGraphFailed(_logger, operation, last.ResponseStatusCode);
            throw new DirectoryUnavailableException("Microsoft Graph gaf een fout.", e) { StatusCode = last.ResponseStatusCode };
        }
        catch (HttpRequestException e)
        {
            LogGraphFailed(_logger, operation, (int?)e.StatusCode ?? 0);
            throw new DirectoryUnavailableException("Microsoft Graph is niet bereikbaar.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogGraphTimedOut(_logger, operation);
            throw new DirectoryUnavailableException("Microsoft Graph antwoordde niet op tijd.", e);
        }
        catch (Azure.Identity.AuthenticationFailedException e)
        {
            LogGraphFailed(_logger, operation, 401);
            throw new DirectoryUnavailableException("Aanmelden bij Microsoft Graph mislukte.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph {Operation} failed with status {StatusCode}")]
    private static partial void LogGraphFailed(ILogger logger, string operation, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph {Operation} timed out")]
    private static partial void LogGraphTimedOut(ILogger logger, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory:Graph:ClassGroupPattern is empty: no class or mentor can be found from class groups")]
    private static partial void LogNoClassPattern(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class name at location {LocationId} is ambiguous ({Count} matching classes, or claimed by several locations): refused")]
    private static partial void LogAmbiguousClass(ILogger logger, string locationId, int count);

    private sealed record SchoolClass(string Id, string Name);

    /// <summary>An education class or group as Graph lists it.</summary>
    private sealed record ClassObject(string? Id, string? DisplayName, string? MailNickname);

    /// <summary>A cached mentor id (the cache holds reference types).</summary>
    private sealed record MentorId(string Id);
}
