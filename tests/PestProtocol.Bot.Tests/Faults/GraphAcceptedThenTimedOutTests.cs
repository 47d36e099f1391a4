using System.Text.Json;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Faults;

/// <summary>
/// Fault suite, the in-flight window on the Graph side (issue 16 item 5): Graph accepts an activity-feed notification
/// but its answer comes after the client gave up. The outbox cannot tell this from a lost call and sends again. Every
/// attempt at one alert carries the same <c>chainId</c>, and Graph documents that a notification with the chain id of an
/// earlier one overrides it: the recipient's feed shows one notice per alert, where without the chain id it showed two.
/// </summary>
public sealed class GraphAcceptedThenTimedOutTests(ITestOutputHelper output) : NotificationTests
{
    private const int Cases = 2;

    [Fact]
    public async Task A_feed_notice_that_Graph_accepted_but_answered_too_late_is_sent_again_with_the_same_chain_id_so_the_feed_shows_it_once()
    {
        Graph.ClientTimeout = TimeSpan.FromSeconds(2);
        var feeds = new[] { People.Mentor, People.Coordinator }.Select(Feed).ToList();

        // The app cannot be installed for either (a policy): every alert goes to the activity feed.
        foreach (var person in new[] { People.Mentor, People.Coordinator })
        {
            Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{person}/teamwork/installedApps").UsingPost())
                .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                    .WithBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Installing apps is not allowed.\"}}"));
        }

        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            ["Notifications:BackoffBase"] = "00:00:00.005",
            ["Notifications:BackoffMax"] = "00:00:00.050",
        });
        for (var i = 0; i < Cases; i++)
        {
            await bot.OpenCaseAsync();
        }

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(Cases * 2, TimeSpan.FromMinutes(2));

        Assert.Equal(Cases * 2, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));

        var accepted = feeds.SelectMany(f => f.Accepted).ToList();
        var withoutChainId = accepted.Count - outbox.Count;
        var shown = accepted.Select(a => a.ChainId).Distinct().Count();
        output.WriteLine($"alerts: {outbox.Count}; feed calls Graph accepted: {accepted.Count} (of which answered too late: {feeds.Sum(f => f.LateAnswers)}); "
            + $"notices in the feeds without a chain id: {accepted.Count} (duplicates {withoutChainId}); with the chain id: {shown} (duplicates {shown - outbox.Count})");

        // The fault happened: one late answer per feed, each retried, so Graph accepted one call more per person than there are alerts.
        Assert.All(feeds, f => Assert.Equal(1, f.LateAnswers));
        Assert.Equal(outbox.Count + feeds.Count, accepted.Count);

        // Every call carries a chain id, the retry the same as its first attempt, different alerts different ones.
        Assert.All(accepted, a => Assert.NotNull(a.ChainId));
        Assert.Equal(outbox.Count, shown);
        Assert.All(feeds, f => Assert.Equal(2, f.Accepted.Count(a => a.ChainId == f.Accepted[0].ChainId)));
    }

    /// <summary>A user's feed: the first call is accepted but answered after the client's timeout; later calls are answered at once.</summary>
    private FeedRoute Feed(string userId)
    {
        var route = new FeedRoute();
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{userId}/teamwork/sendActivityNotification").UsingPost())
            .RespondWith(Response.Create().WithCallback(route.Answer));
        return route;
    }

    private sealed class FeedRoute
    {
        private readonly Lock _gate = new();
        private readonly List<(long? ChainId, string Body)> _accepted = [];
        private int _late;

        public IReadOnlyList<(long? ChainId, string Body)> Accepted
        {
            get
            {
                lock (_gate)
                {
                    return [.. _accepted];
                }
            }
        }

        public int LateAnswers => Volatile.Read(ref _late);

        public ResponseMessage Answer(IRequestMessage request)
        {
            var body = request.Body ?? "{}";
            using var json = JsonDocument.Parse(body);
            long? chainId = json.RootElement.TryGetProperty("chainId", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : null;
            bool first;
            lock (_gate)
            {
                _accepted.Add((chainId, body));
                first = _accepted.Count == 1;
            }

            if (first)
            {
                // Accepted (it is in the feed now), but the answer comes after the client's 2 s.
                Interlocked.Increment(ref _late);
                Thread.Sleep(TimeSpan.FromMilliseconds(2500));
            }

            return new ResponseMessage { StatusCode = 204 };
        }
    }
}
