using System.Text.Json.Nodes;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Tests.FollowUps;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.Bot.Tests.SchoolDirectory;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// The thermometer with the production directory (Microsoft Graph, the fake on 127.0.0.1): the mentor's start card lists
/// the class teams she owns, the invitations go to the team's members, and a class name that fits two teams is refused
/// with a clear message and nothing sent.
/// </summary>
public sealed class ThermometerGraphStartTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>, IDisposable
{
    private const string Sanne = "9a1c0000-0000-4000-a000-000000000101";
    private const string Lars = "9a1c0000-0000-4000-a000-000000000102";
    private const string Klas2b = "0a000000-0000-4000-b000-0000000002b0";
    private const string Klas2bOud = "0a000000-0000-4000-b000-0000000002b1";
    private const string Klas4c = "0a000000-0000-4000-b000-0000000004c0";

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task A_mentor_picks_her_class_team_and_its_members_get_the_invitation()
    {
        Mentor(FakeGraph.Group(Klas2b, "Klas 2b", "klas2b"), FakeGraph.Group(Klas4c, "Klas 4c", "klas4c"));
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2b, "Klas 2b", "klas2b")]);
        _graph.Collection($"/v1.0/groups/{Klas2b}/owners/graph.user", [FakeGraph.Person(FollowUpWorld.Mentor, "Anouk de Vries")]);
        _graph.Collection($"/v1.0/groups/{Klas2b}/members/graph.user",
            [FakeGraph.Person(FollowUpWorld.Mentor, "Anouk de Vries"), FakeGraph.Person(Sanne, "Sanne de Boer"), FakeGraph.Person(Lars, "Lars Hoekstra")]);
        await using var world = await WorldAsync();

        await world.Chat(FollowUpWorld.Mentor)
            .Send("thermometer")
            .AssertCard(card => card.ContainsText(ThermometerStartCards.StartTitle) && card.ContainsText("2b") && card.ContainsText("4c"))
            .Submit(StartCard("dewilgen|2b"))
            .AssertCard(card => card.ContainsText("De thermometer is verstuurd naar klas 2b"))
            .StartTestAsync();

        Assert.Equal([Sanne, Lars], (await world.OutboxAsync(ThermometerPayload.InvitationKind)).Select(i => i.RecipientId!).Order());
    }

    [Fact]
    public async Task A_class_name_that_fits_two_class_teams_is_refused_and_nobody_gets_an_invitation()
    {
        Mentor(FakeGraph.Group(Klas2b, "Klas 2b", "klas2b"));
        _graph.Collection("/v1.0/groups", [FakeGraph.Group(Klas2b, "Klas 2b", "klas2b"), FakeGraph.Group(Klas2bOud, "Klas 2b", "klas2b-2025")]);
        await using var world = await WorldAsync();

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(StartCard("dewilgen|2b"))
            .AssertCard(card => card.ContainsText("meer dan één klas 2b") && card.ContainsText("Er is niets verstuurd"))
            .StartTestAsync();

        Assert.Empty(await world.OutboxAsync(ThermometerPayload.InvitationKind));
        Assert.Equal(0, _graph.RequestsTo("/members"));
    }

    private void Mentor(params object[] ownedGroups)
    {
        _graph.User(FollowUpWorld.Mentor, "Anouk de Vries");
        _graph.MemberGroups(FollowUpWorld.Mentor, "staff");
        _graph.Collection($"/v1.0/users/{FollowUpWorld.Mentor}/ownedObjects/graph.group", ownedGroups);
    }

    private static JsonObject StartCard(string classKey) => new()
    {
        ["command"] = "thermometer",
        [ThermometerStartCards.CardKey] = ThermometerStartCards.StartCard,
        [ThermometerStartCards.ClassInput] = classKey,
        [ThermometerStartCards.ClosesOnInput] = string.Empty,
    };

    private async Task<FollowUpWorld> WorldAsync() =>
        await FollowUpWorld.StartAsync(database.Provider, await database.CreateEmptyDatabaseAsync(), settings:
        [
            new("Thermometer:RoundEnabled", "false"),
            new("Directory:Source", "Graph"),
            new("Directory:Graph:BaseUrl", _graph.BaseUrl),
            new("Directory:Graph:MaxRetries", "0"),
            new("Directory:Graph:TimeoutSeconds", "60"),
            new("Directory:Graph:MentorSource", "ClassGroupOwners"),
            new("Directory:Graph:ClassGroupPattern", "^Klas (?<class>\\w+)$"),
            new("Directory:Graph:StaffGroupIds:0", "staff"),
            new("Directory:Graph:Locations:0:Id", "dewilgen"),
            new("Directory:Graph:Locations:0:Name", "Locatie De Wilgen"),
        ]);
}
