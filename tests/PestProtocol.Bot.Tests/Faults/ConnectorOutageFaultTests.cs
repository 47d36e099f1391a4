using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Testing.Connector;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Faults;

/// <summary>
/// Fault suite, the channel side (issue 16): the Bot Connector answers nothing but 429, 5xx and timeouts for a long
/// stretch (compressed: the outbox's back-off is milliseconds here, minutes in production). Afterwards the outbox drains:
/// every alert arrives, none is lost, none arrives twice.
/// </summary>
public sealed class ConnectorOutageFaultTests(ITestOutputHelper output) : NotificationTests
{
    private const int Cases = 8;

    [Fact]
    public async Task After_a_long_stretch_of_429_5xx_and_timeouts_every_alert_arrives_exactly_once()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "1000",
            ["Notifications:BackoffBase"] = "00:00:00.005",
            ["Notifications:BackoffMax"] = "00:00:00.050",
            ["BotConnector:Resilience:MaxRetryAttempts"] = "1",
            ["BotConnector:Resilience:AttemptTimeout"] = "00:00:01",
            ["BotConnector:Resilience:TotalTimeout"] = "00:00:02",
        });
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");

        // The outage: every answer is a refusal, in a fixed mix, before anything gets through.
        var faults = 0;
        for (var round = 0; round < 12; round++)
        {
            Connector.RespondNext(429, times: 3);
            Connector.RespondNextWithError(500, "InternalServerError", "Oops.", times: 2);
            Connector.RespondNextWithError(502, "BadGateway", "Bad gateway.");
            Connector.RespondNextWithError(503, "ServiceUnavailable", "Busy.", times: 2);
            Connector.RespondNext(504);
            faults += 9;
        }

        Connector.RespondNext(504, delay: TimeSpan.FromSeconds(3), times: 3);
        faults += 3;
        for (var i = 0; i < Cases; i++)
        {
            await bot.OpenCaseAsync();
        }

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(Cases * 2, TimeSpan.FromMinutes(3));

        var sends = Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus is >= 200 and < 300).ToList();
        var refused = Connector.Calls.Count(c => c.ResponseStatus is 429 or >= 500);
        output.WriteLine($"faults injected: {faults}, refused calls seen: {refused}, alerts: {outbox.Count}, delivered: {sends.Count}");
        Assert.Equal(faults, refused);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        Assert.Equal(Cases * 2, outbox.Count);

        // None lost, none doubled: exactly one delivered card per alert, one per case in each chat.
        Assert.Equal(Cases * 2, sends.Count);
        Assert.Equal(Cases, sends.Count(c => c.ConversationId == "a:mentor-chat"));
        Assert.Equal(Cases, sends.Count(c => c.ConversationId == "a:coordinator-chat"));
        Assert.Equal(sends.Count, sends.Select(c => c.BodyJson.GetRawText()).Distinct().Count());
    }
}
