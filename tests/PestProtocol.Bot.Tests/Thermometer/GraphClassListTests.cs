using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Tests.SchoolDirectory;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// The classes a mentor or coordinator can pick, and which class a name means at a location, from Microsoft Graph through
/// the real Graph SDK against the local fake Graph: a mentor gets the classes she teaches or whose class team she owns,
/// a coordinator every class of the location; a name that fits more than one class is refused, never guessed.
/// </summary>
public sealed class GraphClassListTests : IDisposable
{
    private const string Mentor = "9a1c0000-0000-4000-a000-000000000001";
    private const string Coordinator = "9a1c0000-0000-4000-a000-000000000002";
    private const string Sanne = "9a1c0000-0000-4000-a000-000000000101";
    private const string Lars = "9a1c0000-0000-4000-a000-000000000102";
    private const string Klas2bWilgen = "0a000000-0000-4000-b000-0000000002b0";
    private const string Klas2bEiken = "0a000000-0000-4000-b000-0000000002b9";
    private const string Klas3a = "0a000000-0000-4000-b000-0000000003a0";
    private const string Sportclub = "0a000000-0000-4000-b000-00000000c1b0";

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task A_mentor_picks_from_the_education_classes_she_teaches_and_a_coordinator_from_every_class_of_her_location()
    {
        _graph.Collection($"/v1.0/education/users/{Mentor}/taughtClasses", [
            Class("c-2b", "Klas 2b"),
            Class("c-wi", "Wiskunde 2b"),
        ]);
        _graph.Collection("/v1.0/education/classes", [Class("c-2b", "Klas 2b"), Class("c-wi", "Wiskunde 2b")], nextPage: [Class("c-3a", "Klas 3a")]);
        var directory = Directory("EducationClasses");
        var classes = new ThermometerClasses(directory);

        var mentorSees = await classes.ForAsync(Staff(Mentor), CancellationToken.None);
        var coordinatorSees = await classes.ForAsync(Staff(Coordinator, new LocationRole("dewilgen", StaffRole.AntiPestCoordinator)), CancellationToken.None);

        Assert.Equal(["dewilgen|2b"], mentorSees.Select(c => c.Key));
        Assert.Equal(["dewilgen|2b", "dewilgen|3a"], coordinatorSees.Select(c => c.Key));
        Assert.Empty(await classes.ForAsync(Staff(Coordinator, new LocationRole("elders", StaffRole.AntiPestCoordinator)), CancellationToken.None));
    }

    [Fact]
    public async Task With_class_teams_a_mentor_gets_the_teams_she_owns_each_at_its_own_location_and_is_the_mentor_the_results_go_to()
    {
        _graph.Collection($"/v1.0/users/{Mentor}/ownedObjects/graph.group", [
            FakeGraph.Group(Klas2bWilgen, "DW Klas 2b", "dwklas2b"),
            FakeGraph.Group(Sportclub, "Sportclub", "sportclub"),
        ], nextPage: [FakeGraph.Group(Klas3a, "DE Klas 3a", "deklas3a")]);
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2bWilgen, "DW Klas 2b", "dwklas2b"), FakeGraph.Group(Klas2bEiken, "DE Klas 2b", "deklas2b")]);
        _graph.Collection($"/v1.0/groups/{Klas2bEiken}/owners/graph.user", [FakeGraph.Person(Coordinator, "Petra Jansen")]);
        _graph.Collection($"/v1.0/groups/{Klas2bWilgen}/owners/graph.user", [FakeGraph.Person(Mentor, "Anouk de Vries")]);
        _graph.User(Mentor, "Anouk de Vries");
        _graph.MemberGroups(Mentor, "staff");
        var directory = Directory("ClassGroupOwners", twoLocationsWithOwnPatterns: true);

        var mine = await new ThermometerClasses(directory).ForAsync(Staff(Mentor), CancellationToken.None);

        Assert.Equal(["dewilgen|2b", "deeiken|3a"], mine.Select(c => c.Key));
        Assert.Equal(Mentor, await directory.GetClassMentorIdAsync("dewilgen", "2b", CancellationToken.None));
        Assert.Equal(0, _graph.RequestsTo($"/groups/{Klas2bEiken}/owners"));
    }

    [Fact]
    public async Task The_roster_takes_the_class_of_the_location_asked_for_not_the_first_with_that_name()
    {
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2bEiken, "DE Klas 2b", "deklas2b"), FakeGraph.Group(Klas2bWilgen, "DW Klas 2b", "dwklas2b")]);
        _graph.Collection($"/v1.0/groups/{Klas2bWilgen}/owners/graph.user", [FakeGraph.Person(Mentor, "Anouk de Vries")]);
        _graph.Collection($"/v1.0/groups/{Klas2bWilgen}/members/graph.user", [FakeGraph.Person(Mentor, "Anouk de Vries"), FakeGraph.Person(Sanne, "Sanne de Boer")]);
        _graph.Collection($"/v1.0/groups/{Klas2bEiken}/owners/graph.user", []);
        _graph.Collection($"/v1.0/groups/{Klas2bEiken}/members/graph.user", [FakeGraph.Person(Lars, "Lars Hoekstra")]);
        var directory = Directory("ClassGroupOwners", twoLocationsWithOwnPatterns: true);

        var wilgen = await directory.GetClassStudentsAsync("dewilgen", "2b", CancellationToken.None);
        var eiken = await directory.GetClassStudentsAsync("deeiken", "2b", CancellationToken.None);

        Assert.Equal([Sanne], wilgen.Select(s => s.Id));
        Assert.Equal([Lars], eiken.Select(s => s.Id));
        Assert.All(eiken, s => Assert.Equal("deeiken", s.LocationId));
    }

    [Fact]
    public async Task Two_classes_with_one_name_at_a_location_are_refused_and_nobody_of_either_is_read()
    {
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2bWilgen, "Klas 2b", "klas2b"), FakeGraph.Group(Klas2bEiken, "Klas 2b", "klas2b-oud")]);

        var directory = Directory("ClassGroupOwners");

        var refused = await Assert.ThrowsAsync<AmbiguousClassException>(() => directory.GetClassStudentsAsync("dewilgen", "2b", CancellationToken.None));
        Assert.Equal(("dewilgen", "2b"), (refused.LocationId, refused.ClassName));
        Assert.Equal(0, _graph.RequestsTo("/members"));
    }

    [Fact]
    public async Task A_class_two_locations_share_one_pattern_for_cannot_be_placed_and_is_refused()
    {
        _graph.Collection("/v1.0/education/classes", [Class("c-2b", "Klas 2b")]);
        _graph.Collection("/v1.0/education/classes/c-2b/members", [
            new Dictionary<string, object?> { ["id"] = Sanne, ["displayName"] = "Sanne de Boer", ["primaryRole"] = "student" },
        ]);

        var directory = Directory("EducationClasses", twoLocationsSharingThePattern: true);

        await Assert.ThrowsAsync<AmbiguousClassException>(() => directory.GetClassStudentsAsync("deeiken", "2b", CancellationToken.None));
        Assert.Equal(0, _graph.RequestsTo("/education/classes/c-2b/members"));
    }

    private static Dictionary<string, object?> Class(string id, string displayName) =>
        new() { ["id"] = id, ["displayName"] = displayName, ["mailNickname"] = displayName.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() };

    private static DirectoryPerson Staff(string id, params LocationRole[] roles) => new(id, "Medewerker", PersonKind.Staff, "dewilgen", null, roles);

    private IDirectory Directory(string mentorSource, bool twoLocationsWithOwnPatterns = false, bool twoLocationsSharingThePattern = false)
    {
        var locations = twoLocationsWithOwnPatterns
            ? """
              [ { "Id": "dewilgen", "Name": "Locatie De Wilgen", "ClassGroupPattern": "^DW Klas (?<class>\\w+)$" },
                { "Id": "deeiken", "Name": "Locatie De Eiken", "ClassGroupPattern": "^DE Klas (?<class>\\w+)$" } ]
              """
            : twoLocationsSharingThePattern
                ? """[ { "Id": "dewilgen", "Name": "Locatie De Wilgen" }, { "Id": "deeiken", "Name": "Locatie De Eiken" } ]"""
                : """[ { "Id": "dewilgen", "Name": "Locatie De Wilgen" } ]""";
        return FakeGraph.BuildServices($$"""
            {
              "Source": "Graph",
              "Graph": {
                "BaseUrl": "{{_graph.BaseUrl}}",
                "MaxRetries": 0,
                "TimeoutSeconds": 60,
                "MentorSource": "{{mentorSource}}",
                "StaffGroupIds": [ "staff" ],
                "ClassGroupPattern": "^Klas (?<class>\\w+)$",
                "Locations": {{locations}}
              }
            }
            """).GetRequiredService<IDirectory>();
    }
}
