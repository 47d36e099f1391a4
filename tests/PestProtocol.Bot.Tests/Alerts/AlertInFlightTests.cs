using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Cases;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PestProtocol.Bot.Tests.Alerts;

/// <summary>
/// An alert card that is being posted while the case moves on (the mentor confirms half a second after the card went out,
/// before the bot heard back from Teams) does not keep the state it was rendered with: it gets one update in place and
/// ends on the case as it is. A card posted before the step gets exactly one update; a card nothing happened to, none.
/// </summary>
public sealed class AlertInFlightTests : NotificationTests
{
    private const string ChannelId = "19:e2e-channel-zorg@thread.tacv2";
    private const string InstalledChatId = "19:installed-chat@unq.gbl.spaces";

    public static TheoryData<string> HeldCopies => ["mentor's chat", "installed chat", "coordinators' channel"];

    [Theory]
    [MemberData(nameof(HeldCopies))]
    public async Task A_card_posted_while_the_mentor_confirms_ends_on_the_confirmed_state_with_one_update(string held)
    {
        var hold = held switch
        {
            "mentor's chat" => new HeldConnector((operation, conversation) => operation == "send" && conversation == "a:mentor-chat"),
            "installed chat" => new HeldConnector((operation, conversation) => operation == "send" && conversation == InstalledChatId),
            _ => new HeldConnector((operation, _) => operation == "create"),
        };
        await using var bot = await StartAsync(hold, mentorHasChat: held != "installed chat");
        var (caseId, _, alerts) = await bot.OpenCaseAsync(handedToMentor: true);
        var heldRecipient = held == "coordinators' channel" ? ChannelRecipient.For(People.Location) : People.Mentor;
        var heldAlert = alerts.Single(a => a.Kind == CaseAlertPayload.Kind && a.RecipientId == heldRecipient);

        // The card is rendered and posted; Teams shows it, but its answer has not come back yet.
        await hold.Posted.WaitAsync(TimeSpan.FromSeconds(30));
        var @case = await ConfirmAsync(bot, caseId);
        hold.Release();

        var outbox = await bot.WaitUntilSettledAsync(alerts.Count + 1);
        var copy = await CopyOfAsync(bot, heldAlert.Id);
        var updates = outbox.Where(o => o.Kind == AlertUpdatePayload.Kind && CopyIdOf(o) == copy.Id).ToList();
        var update = Assert.Single(updates);
        Assert.Equal(OutboxStatus.Sent, update.Status);

        var shown = LatestShown(copy.ConversationId!, copy.ActivityId!);
        Assert.Contains(StepTitles.For(@case.CurrentStep), shown);
        Assert.Contains("Wat nu: " + @case.NextAction, shown);
        Assert.DoesNotContain(shown, t => t.StartsWith("Wat nu:", StringComparison.Ordinal) && t != "Wat nu: " + @case.NextAction);
    }

    [Fact]
    public async Task A_card_recorded_before_the_step_gets_exactly_one_update_and_a_card_nothing_happened_to_gets_none()
    {
        var hold = new HeldConnector((_, _) => false);
        await using var bot = await StartAsync(hold, mentorHasChat: true);
        var (caseId, _, alerts) = await bot.OpenCaseAsync(handedToMentor: true);
        var settled = await bot.WaitUntilSettledAsync(alerts.Count);
        Assert.DoesNotContain(settled, o => o.Kind == AlertUpdatePayload.Kind);
        Assert.DoesNotContain(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity);

        var @case = await ConfirmAsync(bot, caseId);
        var outbox = await bot.WaitUntilSettledAsync(alerts.Count + 3);
        foreach (var alert in alerts.Where(a => a.Kind == CaseAlertPayload.Kind))
        {
            var copy = await CopyOfAsync(bot, alert.Id);
            Assert.Single(outbox, o => o.Kind == AlertUpdatePayload.Kind && CopyIdOf(o) == copy.Id);
            Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ActivityId == copy.ActivityId && c.ConversationId == copy.ConversationId);
            Assert.Contains("Wat nu: " + @case.NextAction, LatestShown(copy.ConversationId!, copy.ActivityId!));
        }
    }

    private async Task<NotificationHarness> StartAsync(HeldConnector hold, bool mentorHasChat)
    {
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/teamwork/installedApps").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"installation-1\"}"));
        Graph.Server.Given(Request.Create().WithPath("/v1.0/users/*/teamwork/installedApps/installation-1/chat").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($"{{\"id\":\"{InstalledChatId}\"}}"));
        var settings = new Dictionary<string, string?>
        {
            ["Directory:Locations:0:CoordinatorsChannel:TeamId"] = "19:e2e-team-general@thread.tacv2",
            ["Directory:Locations:0:CoordinatorsChannel:ChannelId"] = ChannelId,
            ["Directory:Locations:0:CoordinatorsChannel:Name"] = "Zorg en veiligheid",
            ["Notifications:CoordinatorDigestWindow"] = "00:00:01",
        };
        var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings, hold.Install);
        if (mentorHasChat)
        {
            await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        }

        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        await bot.StartDispatcherAsync();
        return bot;
    }

    /// <summary>The mentor confirms the suspicion through the use case, as the melding dialog does; returns the case as stored.</summary>
    private static async Task<Case> ConfirmAsync(NotificationHarness bot, Guid caseId)
    {
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ApplyStep>().ExecuteAsync(People.Mentor, caseId, (loaded, now) =>
            {
                loaded.Case.ConfirmSuspicion(loaded.Actor, now, "Het vermoeden klopt.");
                return Task.CompletedTask;
            }, CancellationToken.None);
            Assert.True(result.Outcome == StepApplied.Saved, result.Reason);
        }

        await using var read = bot.Services.CreateAsyncScope();
        return (await read.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None))!;
    }

    /// <summary>The posted copy of one alert (the delivery that holds its address).</summary>
    private static async Task<PestProtocol.Bot.Persistence.Records.NotificationDeliveryRecord> CopyOfAsync(NotificationHarness bot, Guid alertId)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().NotificationDeliveries.AsNoTracking()
            .SingleAsync(d => d.OutboxMessageId == alertId && d.Outcome == DeliveryOutcomes.Sent && d.ActivityId != null);
    }

    private static Guid? CopyIdOf(OutboxMessage message) => JsonSerializer.Deserialize<AlertUpdatePayload>(message.Payload, JsonSerializerOptions.Web)!.CopyId;

    /// <summary>The texts the reader sees on the card at this address now: its last update.</summary>
    private List<string> LatestShown(string conversationId, string activityId)
    {
        var update = Connector.Calls.LastOrDefault(c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ActivityId == activityId && c.ConversationId == conversationId);
        Assert.True(update is not null, $"the card {activityId} in {conversationId} was never updated");
        return ShownCardTexts.Of(update.Body);
    }
}

/// <summary>The texts a reader sees on the card of a posted or updated activity (JSON body of the connector call).</summary>
internal static class ShownCardTexts
{
    public static List<string> Of(string activityJson)
    {
        using var document = JsonDocument.Parse(activityJson);
        return [.. Texts(document.RootElement.GetProperty("attachments")[0].GetProperty("content"))];
    }

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts).ToList(),
        JsonValueKind.Object => element.EnumerateObject()
            .Where(p => p.Name is not ("data" or "refresh" or "fallback"))
            .SelectMany(p => p.Value.ValueKind == JsonValueKind.String
                ? (p.Name is "text" or "title" or "value" ? [p.Value.GetString()!] : [])
                : Texts(p.Value))
            .ToList(),
        _ => [],
    };
}
