using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Testing.Connector;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Faults;

/// <summary>
/// Fault suite, the Graph side (issue 16): Microsoft Graph answers nothing but 429, 5xx and timeouts for a long stretch
/// on every route the outbox uses through Graph: installing the app and reading its chat (a mentor without a stored
/// chat), the activity feed and mail (a coordinator for whom the app cannot be installed). Time is compressed: the
/// outbox's back-off is milliseconds here, minutes in production. Afterwards the outbox drains: every alert arrives
/// once, by the route it would have taken without the outage; none is lost, none arrives twice.
/// </summary>
public sealed class GraphOutageFaultTests(ITestOutputHelper output) : NotificationTests
{
    private const int Cases = 4;
    private const int FaultsPerRoute = 12;
    private const string InstalledChat = "19:installed-chat@unq.gbl.spaces";

    [Fact]
    public async Task After_a_long_stretch_of_Graph_429_5xx_and_timeouts_every_alert_arrives_exactly_once()
    {
        Graph.ClientTimeout = TimeSpan.FromSeconds(2);
        var install = Faulty($"/v1.0/users/{People.Mentor}/teamwork/installedApps", "POST", 201, "{\"id\":\"installation-1\"}");
        var chat = Faulty($"/v1.0/users/{People.Mentor}/teamwork/installedApps/installation-1/chat", "GET", 200, $"{{\"id\":\"{InstalledChat}\"}}");
        var feed = Faulty($"/v1.0/users/{People.Coordinator}/teamwork/sendActivityNotification", "POST",
            403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The app is not installed for the user.\"}}");
        var mail = Faulty("/v1.0/users/pestprotocol@dewilgen.example/sendMail", "POST", 202, null);

        // The app cannot be installed for the coordinator (a policy, not an outage): their alerts go by feed, then mail.
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{People.Coordinator}/teamwork/installedApps").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Installing apps is not allowed.\"}}"));

        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "1000",
            ["Notifications:BackoffBase"] = "00:00:00.005",
            ["Notifications:BackoffMax"] = "00:00:00.050",
        });
        for (var i = 0; i < Cases; i++)
        {
            await bot.OpenCaseAsync();
        }

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(Cases * 2, TimeSpan.FromMinutes(2));

        Route[] routes = [install, chat, feed, mail];
        var injected = routes.Sum(r => r.FaultsServed);
        output.WriteLine($"Graph faults injected: {injected} ({string.Join(", ", routes.Select(r => $"{r.Path}: {r.FaultsServed}"))}), alerts: {outbox.Count}");

        // The whole outage was served: every route answered all its faults before it answered well.
        Assert.All(routes, r => Assert.Equal(FaultsPerRoute, r.FaultsServed));
        Assert.Equal(4 * FaultsPerRoute, injected);

        // None lost: every alert sent.
        Assert.Equal(Cases * 2, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));

        // None doubled: one card per mentor alert in the installed app's chat, one mail per coordinator alert.
        var sends = Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus is >= 200 and < 300).ToList();
        Assert.Equal(Cases, sends.Count);
        Assert.All(sends, s => Assert.Equal(InstalledChat, s.ConversationId));
        Assert.Equal(Cases, sends.Select(c => c.BodyJson.GetRawText()).Distinct().Count());
        Assert.Equal(Cases, mail.Successes);

        // And the record agrees: exactly one 'sent' delivery per message, by the expected route.
        await using var scope = bot.Services.CreateAsyncScope();
        var delivered = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().NotificationDeliveries.AsNoTracking()
            .Where(d => d.Outcome == DeliveryOutcomes.Sent).ToListAsync();
        Assert.Equal(Cases * 2, delivered.Count);
        Assert.Equal(Cases * 2, delivered.Select(d => d.OutboxMessageId).Distinct().Count());
        Assert.All(delivered.Where(d => d.RecipientId == People.Mentor), d => Assert.Equal(DeliveryChannels.InstalledChat, d.Channel));
        Assert.All(delivered.Where(d => d.RecipientId == People.Coordinator), d => Assert.Equal(DeliveryChannels.Mail, d.Channel));
    }

    /// <summary>
    /// A Graph route that first answers <see cref="FaultsPerRoute"/> faults in a fixed cycle (429, 500, 502, 503, 504 and once
    /// a timeout: no answer within the client's timeout), then always <paramref name="status"/>.
    /// </summary>
    private Route Faulty(string path, string method, int status, string? body)
    {
        var route = new Route(path);
        Graph.Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(_ => route.Answer(status, body)));
        return route;
    }

    private sealed class Route(string path)
    {
        private static readonly int[] Cycle = [429, 500, 502, 503, 504, 429, 0, 500, 502, 503, 504, 429];
        private int _calls;
        private int _successes;

        public string Path { get; } = path;

        public int FaultsServed => Math.Min(Volatile.Read(ref _calls), FaultsPerRoute);

        public int Successes => Volatile.Read(ref _successes);

        public ResponseMessage Answer(int status, string? body)
        {
            var call = Interlocked.Increment(ref _calls);
            if (call <= FaultsPerRoute)
            {
                var fault = Cycle[(call - 1) % Cycle.Length];
                if (fault == 0)
                {
                    // No answer in time: the client gives up after 2 s (generous: an ordinary answer on a loaded CI machine must not time out); the late answer is an error too.
                    Thread.Sleep(TimeSpan.FromMilliseconds(2500));
                    fault = 504;
                }

                return Message(fault, $"{{\"error\":{{\"code\":\"Fault{fault}\",\"message\":\"Injected fault.\"}}}}");
            }

            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref _successes);
            }

            return Message(status, body);
        }

        private static ResponseMessage Message(int status, string? body)
        {
            var message = new ResponseMessage { StatusCode = status };
            if (body is not null)
            {
                message.Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
                message.BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body };
            }

            return message;
        }
    }
}
