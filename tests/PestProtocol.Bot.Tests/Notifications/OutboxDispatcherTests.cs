using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.BotFramework.Testing.Connector;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PestProtocol.Bot.Tests.Notifications;

/// <summary>The outbox dispatcher against a fake connector and a fake Graph: every message arrives exactly once.</summary>
public sealed class OutboxDispatcherTests : NotificationTests
{

    private IReadOnlyList<RecordedCall> Sends => [.. Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus is >= 200 and < 300)];

    [Fact]
    public async Task A_staff_member_with_a_stored_chat_gets_one_valid_alert_card_and_the_coordinator_can_see_they_were_reached()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, _, alerts) = await bot.OpenCaseAsync();
        Assert.Equal(2, alerts.Count);

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(2);

        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        Assert.Equal(2, Connector.Calls.Count);
        Assert.Equal(["a:coordinator-chat", "a:mentor-chat"], Sends.Select(c => c.ConversationId!).Order());

        var mentorCall = Sends.Single(c => c.ConversationId == "a:mentor-chat");
        var cardJson = mentorCall.BodyJson.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("Daan Mulder (2b)", cardJson, StringComparison.Ordinal);
        Assert.Contains("Een docent", cardJson, StringComparison.Ordinal);
        Assert.Contains("Als mentor ben je vanaf stap 1 betrokken", cardJson, StringComparison.Ordinal);
        Assert.Contains("\"29:mentor\"", cardJson, StringComparison.Ordinal);
        var card = AdaptiveCard.FromJson(cardJson);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));

        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var copies = await db.AlertCards.AsNoTracking().Where(a => a.SubjectId == caseId).ToListAsync();
        Assert.Equal(2, copies.Count);
        Assert.All(copies, c => Assert.StartsWith("activity-", c.ActivityId, StringComparison.Ordinal));
        var log = await scope.ServiceProvider.GetRequiredService<IDeliveryLog>().ListForCaseAsync(caseId, CancellationToken.None);
        Assert.Equal("Bereikt: mentor (Teams-chat), anti-pestcoördinator (Teams-chat).", DeliveryLog.Describe(log));
    }

    [Fact]
    public async Task Without_a_stored_chat_the_app_is_installed_for_the_recipient_and_the_card_goes_to_the_apps_chat()
    {
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/teamwork/installedApps").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"installation-1\"}"));
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/teamwork/installedApps/installation-1/chat").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"19:installed-chat@unq.gbl.spaces\"}"));
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        await bot.OpenCaseAsync();

        await bot.StartDispatcherAsync();
        await bot.WaitUntilSettledAsync(2);

        var install = Assert.Single(Graph.CallsTo("POST", "/teamwork/installedApps"));
        Assert.Contains($"/users/{People.Mentor}/", install.RequestMessage.Path, StringComparison.Ordinal);
        Assert.Contains("appCatalogs/teamsApps/catalog-app-1", install.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("teamsApp@odata.bind", install.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Single(Graph.CallsTo("GET", "/chat"));
        Assert.Equal(["19:installed-chat@unq.gbl.spaces", "a:coordinator-chat"], Sends.Select(c => c.ConversationId!).Order(StringComparer.Ordinal));
        Assert.Equal(2, Connector.Calls.Count);
    }

    [Fact]
    public async Task A_storm_of_429s_with_Retry_After_is_waited_out_and_each_alert_arrives_once()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        Connector.RespondNextWithThrottle(retryAfterSeconds: 1, times: 3);
        await bot.OpenCaseAsync();

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(2);

        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        Assert.Equal(3, Connector.Calls.Count(c => c.ResponseStatus == 429));
        Assert.Equal(2, Sends.Count);
        Assert.Equal(2, Sends.Select(c => c.ConversationId).Distinct().Count());
        Assert.Equal(5, Connector.Calls.Count);
    }

    [Fact]
    public async Task Server_errors_and_timeouts_are_retried_later_and_the_alert_arrives_once()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            // Generous enough that an ordinary send on a loaded 2-core CI machine never times out
            // (a timed-out send that Teams did accept is the duplicate window the README describes).
            ["BotConnector:Resilience:AttemptTimeout"] = "00:00:03",
            ["BotConnector:Resilience:TotalTimeout"] = "00:00:04",
        });
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        Connector.RespondNextWithError(500, "InternalServerError", "Oops.");
        Connector.RespondNextWithError(503, "ServiceUnavailable", "Busy.");
        Connector.RespondNext(504, delay: TimeSpan.FromSeconds(6));
        await bot.OpenCaseAsync();

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(2);

        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        Assert.Equal(2, Sends.Count);
        Assert.Equal(2, Sends.Select(c => c.ConversationId).Distinct().Count());
        Assert.Equal(5, Connector.Calls.Count);
    }

    [Fact]
    public async Task A_recipient_who_blocked_the_bot_gets_an_activity_feed_notice_and_then_a_mail_without_personal_data()
    {
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/teamwork/sendActivityNotification").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"The app is not installed for the user.\"}}"));
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/sendMail").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        Connector.RespondNextWithError(403, "MessageWritesBlocked", "The bot was blocked by the user.");
        var (caseId, _, _) = await bot.OpenCaseAsync();

        await bot.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        var outbox = await bot.WaitUntilSettledAsync(2, TimeSpan.FromSeconds(5));

        // Only the first send met the block: whose chat was it?
        var first = Connector.Calls.First().ConversationId == "a:mentor-chat" ? People.Mentor : People.Coordinator;
        Assert.Equal(403, Connector.Calls.First().ResponseStatus);

        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        var feed = Assert.Single(Graph.CallsTo("POST", "/teamwork/sendActivityNotification"));
        Assert.Contains($"/users/{first}/", feed.RequestMessage.Path, StringComparison.Ordinal);
        Assert.Contains("nieuweMelding", feed.RequestMessage.Body, StringComparison.Ordinal);
        var mail = Assert.Single(Graph.CallsTo("POST", "/sendMail"));
        Assert.Contains("/users/pestprotocol@dewilgen.example/sendMail", mail.RequestMessage.Path, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan", mail.RequestMessage.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?i)\b2b\b", mail.RequestMessage.Body);
        Assert.Contains("Er is een nieuwe melding voor je in PestProtocol", mail.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Empty(Graph.CallsTo("POST", "/teamwork/installedApps"));
        Assert.Single(Sends);

        await using var scope = bot.Services.CreateAsyncScope();
        var log = await scope.ServiceProvider.GetRequiredService<IDeliveryLog>().ListForCaseAsync(caseId, CancellationToken.None);
        Assert.Contains(log, d => d.RecipientId == first && d.Channel == DeliveryChannels.Mail && d.Reached);
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_fails_and_the_coordinator_is_told_who_was_not_reached()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:MaxAttempts"] = "3" });
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, _, alerts) = await bot.OpenCaseAsync();

        // Only the mentor's alert goes out; the coordinator's is already sent.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            await db.OutboxMessages.Where(o => o.RecipientId == People.Coordinator).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent));
        }

        Connector.RespondNextWithError(500, "InternalServerError", "Oops.", times: 3);
        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(3);

        var failed = Assert.Single(outbox, o => o.RecipientId == People.Mentor);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        var told = Assert.Single(outbox, o => o.Kind == DeliveryFailedPayload.Kind);
        Assert.Equal(People.Coordinator, told.RecipientId);
        Assert.Equal(OutboxStatus.Sent, told.Status);
        var call = Assert.Single(Sends);
        Assert.Equal("a:coordinator-chat", call.ConversationId);
        var cardJson = call.BodyJson.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        await using (var codes = bot.Services.CreateAsyncScope())
        {
            var code = (await codes.ServiceProvider.GetRequiredService<ICaseStore>().GetSummaryAsync(caseId, CancellationToken.None))!.CaseCode;
            Assert.Contains($"Bericht over melding {code} niet aangekomen", cardJson, StringComparison.Ordinal);
            Assert.Contains($"Anouk de Vries (mentor) kon niet worden bereikt over melding {code}", cardJson, StringComparison.Ordinal);
            Assert.Contains("Breng Anouk de Vries zelf op de hoogte", cardJson, StringComparison.Ordinal);
        }

        var card = AdaptiveCard.FromJson(cardJson);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
        Assert.Equal(4, Connector.Calls.Count);

        await using var check = bot.Services.CreateAsyncScope();
        var log = await check.ServiceProvider.GetRequiredService<IDeliveryLog>().ListForCaseAsync(caseId, CancellationToken.None);
        Assert.Contains("Nog niet bereikt: mentor.", DeliveryLog.Describe(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_committed_before_the_process_died_are_sent_once_by_the_next_process()
    {
        await using (var first = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" }))
        {
            await first.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
            await first.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
            await first.OpenCaseAsync();
            await first.StartDispatcherAsync();
            await Task.Delay(200);
        }

        Assert.Empty(Connector.Calls);
        await using var second = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await second.StartDispatcherAsync();
        await second.WaitUntilSettledAsync(2);

        Assert.Equal(2, Sends.Count);
        Assert.Equal(2, Connector.Calls.Count);
    }

    [Fact]
    public async Task A_message_whose_send_was_recorded_before_a_crash_is_marked_sent_without_sending_again()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, _, alerts) = await bot.OpenCaseAsync();
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            var mentorAlert = alerts.Single(a => a.RecipientId == People.Mentor);
            db.NotificationDeliveries.Add(new NotificationDeliveryRecord
            {
                Id = Guid.NewGuid(), OutboxMessageId = mentorAlert.Id, SubjectId = caseId, RecipientId = People.Mentor,
                Channel = DeliveryChannels.Chat, Outcome = DeliveryOutcomes.Sent, ConversationId = "a:mentor-chat", ActivityId = "activity-earlier",
                AttemptedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(2);

        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        var call = Assert.Single(Connector.Calls);
        Assert.Equal("a:coordinator-chat", call.ConversationId);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_deliver_every_message_exactly_once()
    {
        await using var one = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:BatchSize"] = "3" });
        await using var two = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:BatchSize"] = "3" });
        await one.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await one.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        for (var i = 0; i < 10; i++)
        {
            await one.OpenCaseAsync();
        }

        await Task.WhenAll(one.StartDispatcherAsync(), two.StartDispatcherAsync());
        var outbox = await one.WaitUntilSettledAsync(20, TimeSpan.FromSeconds(30));

        Assert.Equal(20, outbox.Count(o => o.Status == OutboxStatus.Sent));
        Assert.Equal(20, Connector.Calls.Count);
        Assert.Equal(20, Sends.Count);
        await using var scope = one.Services.CreateAsyncScope();
        var deliveries = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().NotificationDeliveries.AsNoTracking().ToListAsync();
        Assert.Equal(20, deliveries.Count);
        Assert.Equal(20, deliveries.Select(d => d.OutboxMessageId).Distinct().Count());
    }
    [Fact]
    public async Task A_send_slower_than_the_lease_stays_with_its_instance_and_the_alert_arrives_once()
    {
        // A two-second lease and a first POST that takes six: without renewal the second instance would take both
        // messages over after two seconds and send them again while the first POST is still in flight.
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:LeaseDuration"] = "00:00:02", ["Notifications:BatchSize"] = "5",
            ["BotConnector:Resilience:AttemptTimeout"] = "00:00:20", ["BotConnector:Resilience:TotalTimeout"] = "00:00:30",
        };
        await using var one = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings);
        await using var two = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings);
        await one.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await one.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        await one.OpenCaseAsync();
        Connector.RespondNext(200, "{\"id\":\"activity-slow\"}", delay: TimeSpan.FromSeconds(6));

        var first = one.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        var takenOverBySecond = 0;
        var polls = 0;
        while (!first.IsCompleted)
        {
            takenOverBySecond += await two.Dispatcher.DispatchOnceAsync(CancellationToken.None);
            polls++;
            await Task.Delay(100);
        }

        Assert.Equal(2, await first);
        Assert.True(polls > 20, $"the second instance polled only {polls} times while the first send was in flight");
        Assert.Equal(0, takenOverBySecond);
        var outbox = await one.WaitUntilSettledAsync(2);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        Assert.Equal(2, Sends.Count);
        Assert.Equal(["a:coordinator-chat", "a:mentor-chat"], Sends.Select(c => c.ConversationId!).Order(StringComparer.Ordinal));
    }
}
