using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Tests.SchoolDirectory;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// The thermometer's roster from Microsoft Graph, through the real Graph SDK against the local fake Graph: the class
/// group's members without its owners (the class team), or the education class's students.
/// </summary>
public sealed class GraphClassRosterTests : IDisposable
{
    private const string Mentor = "9a1c0000-0000-4000-a000-000000000001";
    private const string Sanne = "9a1c0000-0000-4000-a000-000000000101";
    private const string Lars = "9a1c0000-0000-4000-a000-000000000102";
    private const string Emma = "9a1c0000-0000-4000-a000-000000000103";
    private const string Klas2b = "0a000000-0000-4000-b000-0000000002b0";
    private const string Klas2bPlus = "0a000000-0000-4000-b000-0000000002b1";

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task The_class_team_gives_its_members_but_not_its_owners_over_all_pages_and_only_for_the_class_with_that_name()
    {
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2bPlus, "Klas 2b plus", "klas2bplus"), FakeGraph.Group(Klas2b, "Klas 2b", "klas2b")]);
        _graph.Collection($"/v1.0/groups/{Klas2b}/owners/graph.user", [FakeGraph.Person(Mentor, "Anouk de Vries")]);
        _graph.Collection($"/v1.0/groups/{Klas2b}/members/graph.user",
            [FakeGraph.Person(Mentor, "Anouk de Vries"), FakeGraph.Person(Sanne, "Sanne de Boer")],
            nextPage: [FakeGraph.Person(Lars, "Lars Hoekstra")]);

        var students = await Directory("ClassGroupOwners").GetClassStudentsAsync("dewilgen", "2b", CancellationToken.None);

        Assert.Equal([Lars, Sanne], students.Select(s => s.Id));
        Assert.All(students, s => Assert.Equal(("2b", "dewilgen", PersonKind.Student), (s.ClassName, s.LocationId, s.Kind)));
        Assert.Equal(0, _graph.RequestsTo($"/groups/{Klas2bPlus}/members"));
        Assert.Empty(await Directory("ClassGroupOwners").GetClassStudentsAsync("elders", "2b", CancellationToken.None));
    }

    [Fact]
    public async Task The_education_class_gives_its_students_and_leaves_its_teachers_out()
    {
        _graph.Collection("/v1.0/education/classes", [
            new Dictionary<string, object?> { ["id"] = "c-math", ["displayName"] = "Wiskunde 2b", ["mailNickname"] = "wi2b" },
            new Dictionary<string, object?> { ["id"] = "c-home", ["displayName"] = "Klas 2b", ["mailNickname"] = "klas2b" },
        ]);
        _graph.Collection("/v1.0/education/classes/c-home/members", [
            new Dictionary<string, object?> { ["id"] = Mentor, ["displayName"] = "Anouk de Vries", ["primaryRole"] = "teacher" },
            new Dictionary<string, object?> { ["id"] = Emma, ["displayName"] = "Emma Postma", ["primaryRole"] = "student" },
            new Dictionary<string, object?> { ["id"] = Sanne, ["displayName"] = "Sanne de Boer", ["primaryRole"] = "student" },
        ]);

        var students = await Directory("EducationClasses").GetClassStudentsAsync("dewilgen", "2b", CancellationToken.None);

        Assert.Equal([Emma, Sanne], students.Select(s => s.Id));
        Assert.Equal(0, _graph.RequestsTo("/education/classes/c-math/members"));
    }

    private IDirectory Directory(string mentorSource) =>
        FakeGraph.BuildServices($$"""
            {
              "Source": "Graph",
              "Graph": {
                "BaseUrl": "{{_graph.BaseUrl}}",
                "MaxRetries": 0,
                "TimeoutSeconds": 60,
                "MentorSource": "{{mentorSource}}",
                "ClassGroupPattern": "^Klas (?<class>\\w+)$",
                "Locations": [ { "Id": "dewilgen", "Name": "Locatie De Wilgen" } ]
              }
            }
            """).GetRequiredService<IDirectory>();
}
