using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Prevention;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Tests.SchoolDirectory;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// The prevention round's class list in production: the classes of a location and their mentors come from Microsoft
/// Graph (the real Graph SDK against the local fake), as for the thermometer, not from <c>Directory:Classes</c>; a class
/// without an owner keeps no mentor (no card goes to anyone for it) and is still listed for the coordinator.
/// </summary>
public sealed class GraphPreventionRosterTests : IDisposable
{
    private const string Mentor = "9a1c0000-0000-4000-a000-000000000001";
    private const string OtherMentor = "9a1c0000-0000-4000-a000-000000000003";
    private const string Klas2b = "0a000000-0000-4000-b000-0000000002b0";
    private const string Klas3a = "0a000000-0000-4000-b000-0000000003a0";
    private const string Klas1c = "0a000000-0000-4000-b000-0000000001c0";

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task The_round_lists_the_class_teams_of_the_location_with_their_owners_as_mentors()
    {
        _graph.Collection("/v1.0/groups", [
            FakeGraph.Group(Klas3a, "Klas 3a", "klas3a"),
            FakeGraph.Group(Klas2b, "Klas 2b", "klas2b"),
            FakeGraph.Group(Klas1c, "Klas 1c", "klas1c"),
        ]);
        _graph.Collection($"/v1.0/groups/{Klas2b}/owners/graph.user", [FakeGraph.Person(Mentor, "Anouk de Vries")]);
        _graph.Collection($"/v1.0/groups/{Klas3a}/owners/graph.user", [FakeGraph.Person(OtherMentor, "Bram Visser")]);
        _graph.Collection($"/v1.0/groups/{Klas1c}/owners/graph.user", []);
        _graph.User(Mentor, "Anouk de Vries");
        _graph.User(OtherMentor, "Bram Visser");
        _graph.MemberGroups(Mentor, "staff");
        _graph.MemberGroups(OtherMentor, "staff");
        var roster = new DirectoryClassRoster(Directory());

        var classes = await roster.GetClassesAsync("dewilgen", CancellationToken.None);

        Assert.Equal(
            [new SchoolClass("1c", "dewilgen", null), new SchoolClass("2b", "dewilgen", Mentor), new SchoolClass("3a", "dewilgen", OtherMentor)],
            classes);
        Assert.Empty(await roster.GetClassesAsync("elders", CancellationToken.None));
    }

    [Fact]
    public async Task A_class_name_two_teams_answer_to_is_listed_without_a_mentor_rather_than_sent_to_a_guess()
    {
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2b, "Klas 2b", "klas2b"), FakeGraph.Group(Klas3a, "Klas 2b", "klas2b-oud")]);
        _graph.Collection($"/v1.0/groups/{Klas2b}/owners/graph.user", [FakeGraph.Person(Mentor, "Anouk de Vries")]);
        _graph.Collection($"/v1.0/groups/{Klas3a}/owners/graph.user", [FakeGraph.Person(OtherMentor, "Bram Visser")]);

        var classes = await new DirectoryClassRoster(Directory()).GetClassesAsync("dewilgen", CancellationToken.None);

        Assert.Equal([new SchoolClass("2b", "dewilgen", null)], classes);
        Assert.Equal(0, _graph.RequestsTo("/owners"));
    }

    private IDirectory Directory() => FakeGraph.BuildServices($$"""
        {
          "Source": "Graph",
          "Graph": {
            "BaseUrl": "{{_graph.BaseUrl}}",
            "MaxRetries": 0,
            "TimeoutSeconds": 60,
            "MentorSource": "ClassGroupOwners",
            "StaffGroupIds": [ "staff" ],
            "ClassGroupPattern": "^Klas (?<class>\\w+)$",
            "Locations": [ { "Id": "dewilgen", "Name": "Locatie De Wilgen" } ]
          }
        }
        """).GetRequiredService<IDirectory>();
}
