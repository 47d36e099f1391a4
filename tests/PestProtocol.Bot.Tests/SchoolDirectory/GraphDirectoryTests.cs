using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.SchoolDirectory.Graph;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.SchoolDirectory;

/// <summary>The Graph directory through the real Graph SDK against a local fake Graph (invented people).</summary>
public sealed class GraphDirectoryTests : IDisposable
{
    private const string Coordinator = "9a1c0000-0000-4000-a000-000000000002";
    private const string Mentor = "9a1c0000-0000-4000-a000-000000000001";
    private const string Student = "9a1c0000-0000-4000-a000-000000000006";
    private const string AdminAccount = "9a1c0000-0000-4000-a000-0000000000ad";
    private const string Stranger = "9a1c0000-0000-4000-a000-0000000000ff";

    private const string AllStaff = "0a000000-0000-4000-b000-000000000001";
    private const string AllStudents = "0a000000-0000-4000-b000-000000000002";
    private const string WilgenStudents = "0a000000-0000-4000-b000-000000000010";
    private const string WilgenStaff = "0a000000-0000-4000-b000-000000000011";
    private const string WilgenCoordinators = "0a000000-0000-4000-b000-000000000012";
    private const string WilgenTeamleiders = "0a000000-0000-4000-b000-000000000013";
    private const string WilgenIb = "0a000000-0000-4000-b000-000000000014";
    private const string AnkerStudents = "0a000000-0000-4000-b000-000000000020";
    private const string AnkerCoordinators = "0a000000-0000-4000-b000-000000000022";
    private const string Klas2b = "0a000000-0000-4000-b000-0000000002b0";
    private const string SportClub = "0a000000-0000-4000-b000-00000000c1b0";

    private readonly FakeGraph _graph = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task A_staff_member_gets_the_roles_of_the_groups_they_are_in_per_location()
    {
        _graph.User(Coordinator, "Jeroen Bakker", "j.bakker@school.example");
        _graph.MemberGroups(Coordinator, AllStaff, WilgenStaff, WilgenCoordinators, AnkerCoordinators);
        var directory = Directory();

        var person = await directory.FindPersonAsync(Coordinator, CancellationToken.None);

        Assert.NotNull(person);
        Assert.True(person.IsStaff);
        Assert.Equal("Jeroen Bakker", person.DisplayName);
        Assert.Equal("dewilgen", person.LocationId);
        Assert.True(person.HasRole(StaffRole.AntiPestCoordinator, "dewilgen"));
        Assert.True(person.HasRole(StaffRole.AntiPestCoordinator, "hetanker"));
        Assert.False(person.HasRole(StaffRole.Teamleider));
        var check = Assert.Single(_graph.Requests, r => r.RequestMessage.Path.EndsWith("/checkMemberGroups", StringComparison.Ordinal));
        Assert.Equal("Bearer local-graph-fake", check.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_student_gets_the_location_of_their_student_group_and_the_class_of_their_class_group()
    {
        StudentDaanInKlas2b();
        var directory = Directory();

        var person = await directory.FindPersonAsync(Student, CancellationToken.None);

        Assert.NotNull(person);
        Assert.Equal(PersonKind.Student, person.Kind);
        Assert.Equal("dewilgen", person.LocationId);
        Assert.Equal("2b", person.ClassName);
        Assert.Empty(person.Roles);
    }

    [Fact]
    public async Task Someone_in_a_student_group_and_a_staff_group_counts_as_a_student()
    {
        _graph.User(Stranger, "Stagiair");
        _graph.MemberGroups(Stranger, AllStudents, AllStaff);
        _graph.Collection($"/v1.0/users/{Stranger}/memberOf/graph.group", []);

        var person = await Directory().FindPersonAsync(Stranger, CancellationToken.None);

        Assert.Equal(PersonKind.Student, person?.Kind);
    }

    [Fact]
    public async Task Someone_Graph_does_not_know_or_who_is_in_none_of_the_groups_is_unknown()
    {
        _graph.User(AdminAccount, "Beheer");
        _graph.MemberGroups(AdminAccount);
        var directory = Directory();

        Assert.Null(await directory.FindPersonAsync(Stranger, CancellationToken.None)); // 404 from the fake
        Assert.Null(await directory.FindPersonAsync(AdminAccount, CancellationToken.None));
        Assert.Null(await directory.FindPersonAsync("not-an-object-id", CancellationToken.None));
    }

    [Fact]
    public async Task The_mentor_is_the_first_owner_of_the_class_group_who_is_staff()
    {
        StudentDaanInKlas2b();
        _graph.Collection($"/v1.0/groups/{Klas2b}/owners/graph.user", [FakeGraph.Person(AdminAccount, "Beheer"), FakeGraph.Person(Mentor, "Anouk de Vries")]);
        _graph.User(AdminAccount, "Beheer");
        _graph.MemberGroups(AdminAccount);
        _graph.User(Mentor, "Anouk de Vries", "a.devries@school.example");
        _graph.MemberGroups(Mentor, AllStaff, WilgenStaff);

        var mentor = await Directory().GetMentorAsync(Student, CancellationToken.None);

        Assert.NotNull(mentor);
        Assert.Equal(Mentor, mentor.Id);
        Assert.Equal("a.devries@school.example", mentor.Email);
    }

    [Fact]
    public async Task The_mentor_can_come_from_the_teachers_of_the_education_class()
    {
        _graph.Collection($"/v1.0/education/users/{Student}/classes", [
            new Dictionary<string, object?> { ["id"] = "c-math", ["displayName"] = "Wiskunde 2b", ["mailNickname"] = "wi2b" },
            new Dictionary<string, object?> { ["id"] = "c-home", ["displayName"] = "Klas 2b", ["mailNickname"] = "klas2b" },
        ]);
        _graph.Collection("/v1.0/education/classes/c-home/teachers", [new Dictionary<string, object?> { ["id"] = Mentor, ["displayName"] = "Anouk de Vries" }]);
        _graph.User(Mentor, "Anouk de Vries");
        _graph.MemberGroups(Mentor, AllStaff);

        var mentor = await Directory(mentorSource: "EducationClasses").GetMentorAsync(Student, CancellationToken.None);

        Assert.Equal(Mentor, mentor?.Id);
        Assert.Equal(0, _graph.RequestsTo("/education/classes/c-math"));
    }

    [Fact]
    public async Task Role_holders_of_a_location_are_the_transitive_members_of_its_role_group_over_all_pages()
    {
        _graph.Collection(
            $"/v1.0/groups/{WilgenCoordinators}/transitiveMembers/graph.user",
            [FakeGraph.Person(Coordinator, "Jeroen Bakker"), FakeGraph.Person("9a1c0000-0000-4000-a000-000000000007", "Mirjam Kok")],
            nextPage: [FakeGraph.Person("9a1c0000-0000-4000-a000-000000000008", "Bas Smit")]);
        var directory = Directory();

        var holders = await directory.GetRoleHoldersAsync("dewilgen", StaffRole.AntiPestCoordinator, CancellationToken.None);

        Assert.Equal(["Bas Smit", "Jeroen Bakker", "Mirjam Kok"], holders.Select(h => h.DisplayName));
        Assert.All(holders, h => Assert.True(h.HasRole(StaffRole.AntiPestCoordinator, "dewilgen")));
        Assert.Equal(2, _graph.RequestsTo("/transitiveMembers"));
        Assert.Empty(await directory.GetRoleHoldersAsync("dewilgen", StaffRole.Deelschoolleider, CancellationToken.None));
        Assert.Empty(await directory.GetRoleHoldersAsync("elders", StaffRole.AntiPestCoordinator, CancellationToken.None));
    }

    [Fact]
    public async Task Student_search_asks_the_student_groups_with_search_and_puts_names_starting_with_the_text_first()
    {
        _graph.Collection($"/v1.0/groups/{WilgenStudents}/transitiveMembers/graph.user", [FakeGraph.Person("s1", "Jesse Sanders"), FakeGraph.Person("s2", "Sanne de Boer")]);
        _graph.Collection($"/v1.0/groups/{AnkerStudents}/transitiveMembers/graph.user", [FakeGraph.Person("s3", "Sander Visser")]);

        var found = await Directory().SearchStudentsAsync("san\"", 10, CancellationToken.None);

        Assert.Equal(["Sander Visser", "Sanne de Boer", "Jesse Sanders"], found.Select(p => p.DisplayName));
        Assert.Equal("hetanker", found[0].LocationId);
        Assert.All(found, p => Assert.Equal(PersonKind.Student, p.Kind));
        Assert.All(_graph.Requests, r =>
        {
            Assert.Equal("eventual", r.RequestMessage.Headers!["ConsistencyLevel"].Single());
            Assert.Equal("\"displayName:san\"", r.RequestMessage.Query!["$search"].Single());
            Assert.Equal("true", r.RequestMessage.Query!["$count"].Single());
        });
    }

    [Fact]
    public async Task A_second_look_up_is_served_from_the_cache_until_it_is_five_minutes_old()
    {
        _graph.User(Coordinator, "Jeroen Bakker");
        _graph.MemberGroups(Coordinator, AllStaff, WilgenCoordinators);
        var directory = Directory();

        await directory.FindPersonAsync(Coordinator, CancellationToken.None);
        var afterFirst = _graph.Requests.Count;
        _clock.Advance(TimeSpan.FromMinutes(4));
        var again = await directory.FindPersonAsync(Coordinator.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(2, afterFirst);
        Assert.Equal(afterFirst, _graph.Requests.Count);
        Assert.True(again?.HasRole(StaffRole.AntiPestCoordinator, "dewilgen"));

        _clock.Advance(TimeSpan.FromMinutes(2));
        await directory.FindPersonAsync(Coordinator, CancellationToken.None);
        Assert.Equal(4, _graph.Requests.Count);
    }

    [Fact]
    public async Task A_throttled_request_is_retried_after_the_Retry_After_time_and_then_succeeds()
    {
        _graph.ThrottleOnce($"/v1.0/users/{Coordinator}");
        _graph.User(Coordinator, "Jeroen Bakker");
        _graph.MemberGroups(Coordinator, AllStaff);

        var person = await Directory().FindPersonAsync(Coordinator, CancellationToken.None);

        Assert.True(person?.IsStaff);
        var userCalls = _graph.Requests.Where(r => r.RequestMessage.Path == $"/v1.0/users/{Coordinator}").ToList();
        Assert.Equal([429, 200], userCalls.Select(c => Convert.ToInt32(c.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_persistent_outage_without_a_cached_answer_is_reported_as_directory_unavailable()
    {
        _graph.Outage();
        var directory = Directory(maxRetries: 1);

        var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => directory.FindPersonAsync(Coordinator, CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.DoesNotContain(Coordinator, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, _graph.Requests.Count); // the first try and one retry
        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => directory.GetRoleHoldersAsync("dewilgen", StaffRole.InternBegeleider, CancellationToken.None));
    }

    [Fact]
    public async Task During_an_outage_a_recent_cached_answer_is_served_and_an_old_one_is_not()
    {
        _graph.User(Coordinator, "Jeroen Bakker");
        _graph.MemberGroups(Coordinator, AllStaff, WilgenCoordinators);
        var directory = Directory(maxRetries: 0);
        await directory.FindPersonAsync(Coordinator, CancellationToken.None);

        _graph.Reset();
        _graph.Outage();
        _clock.Advance(TimeSpan.FromMinutes(30));
        var stale = await directory.FindPersonAsync(Coordinator, CancellationToken.None);

        Assert.True(stale?.HasRole(StaffRole.AntiPestCoordinator, "dewilgen"));
        Assert.Single(_graph.Requests); // Graph was asked, failed, and the cached answer was served

        _clock.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => directory.FindPersonAsync(Coordinator, CancellationToken.None));
    }

    [Fact]
    public async Task Graph_as_source_registers_the_Graph_directory_and_one_Graph_client()
    {
        using var services = FakeGraph.BuildServices(Settings(), _clock);

        Assert.IsType<GraphDirectory>(services.GetRequiredService<IDirectory>());
        Assert.Same(services.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), services.GetRequiredService<Microsoft.Graph.GraphServiceClient>());
        var locations = await services.GetRequiredService<IDirectory>().GetLocationsAsync(CancellationToken.None);
        Assert.Equal(["dewilgen", "hetanker"], locations.Select(l => l.Id));
    }

    private void StudentDaanInKlas2b()
    {
        _graph.User(Student, "Daan Mulder");
        _graph.MemberGroups(Student, AllStudents, WilgenStudents);
        _graph.Collection(
            $"/v1.0/users/{Student}/memberOf/graph.group",
            [FakeGraph.Group(AllStudents, "Alle leerlingen", "leerlingen"), FakeGraph.Group(SportClub, "Sportclub", "sport")],
            nextPage: [FakeGraph.Group(Klas2b, "Klas 2b", "klas2b")]);
    }

    private IDirectory Directory(string mentorSource = "ClassGroupOwners", int maxRetries = 3) =>
        FakeGraph.BuildServices(Settings(mentorSource, maxRetries), _clock).GetRequiredService<IDirectory>();

    private string Settings(string mentorSource = "ClassGroupOwners", int maxRetries = 3) => $$"""
        {
          "Source": "Graph",
          "Graph": {
            "BaseUrl": "{{_graph.BaseUrl}}",
            "MaxRetries": {{maxRetries}},
            "TimeoutSeconds": 120,
            "StaffGroupIds": [ "{{AllStaff}}" ],
            "StudentGroupIds": [ "{{AllStudents}}" ],
            "MentorSource": "{{mentorSource}}",
            "ClassGroupPattern": "^Klas (?<class>\\w+)$",
            "Locations": [
              {
                "Id": "dewilgen",
                "Name": "Locatie De Wilgen",
                "StudentGroupIds": [ "{{WilgenStudents}}" ],
                "StaffGroupIds": [ "{{WilgenStaff}}" ],
                "RoleGroups": {
                  "AntiPestCoordinator": [ "{{WilgenCoordinators}}" ],
                  "Teamleider": [ "{{WilgenTeamleiders}}" ],
                  "InternBegeleider": [ "{{WilgenIb}}" ]
                }
              },
              {
                "Id": "hetanker",
                "Name": "Locatie Het Anker",
                "StudentGroupIds": [ "{{AnkerStudents}}" ],
                "RoleGroups": { "AntiPestCoordinator": [ "{{AnkerCoordinators}}" ] }
              }
            ]
          }
        }
        """;
}
