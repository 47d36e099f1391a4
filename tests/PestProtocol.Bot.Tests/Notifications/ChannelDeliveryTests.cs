using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Notifications;

/// <summary>Alerts for a location's coordinators also go, once, to its coordinators' Teams channel, without names.</summary>
public sealed class ChannelDeliveryTests : NotificationTests
{
    private const string TeamId = "19:e2e-team-general@thread.tacv2";
    private const string ChannelId = "19:e2e-channel-zorg@thread.tacv2";
    private const string ChannelRecipientId = "channel:" + People.Location;

    /// <summary>Location dewilgen (Directory:Locations:0) names its coordinators' channel, as the e2e playground will.</summary>
    private static Dictionary<string, string?> ConfiguredChannel(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Directory:Locations:0:CoordinatorsChannel:TeamId"] = TeamId,
            ["Directory:Locations:0:CoordinatorsChannel:ChannelId"] = ChannelId,
            ["Directory:Locations:0:CoordinatorsChannel:Name"] = "Zorg en veiligheid",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task A_configured_channel_gets_one_new_thread_without_the_students_name_and_the_log_shows_it()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel());
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, _, _) = await bot.OpenCaseAsync();

        // Planned in the same save as the personal copies.
        var planned = await bot.OutboxAsync();
        Assert.Equal(3, planned.Count);
        var channelMessage = Assert.Single(planned, o => o.RecipientId == ChannelRecipientId);
        Assert.EndsWith(":" + ChannelRecipientId, channelMessage.DedupKey, StringComparison.Ordinal);

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(3);

        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        var post = Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.CreateConversation);
        var body = post.BodyJson;
        Assert.True(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal(ChannelId, body.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal(TeamId, body.GetProperty("channelData").GetProperty("team").GetProperty("id").GetString());
        Assert.Equal("tenant-1", body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("28:bot-app-id", body.GetProperty("bot").GetProperty("id").GetString());
        var cardJson = body.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.DoesNotContain("Daan", cardJson, StringComparison.Ordinal);
        var shown = string.Join("\n", ShownTexts(body.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content")));
        Assert.Contains("De Wilgen", shown, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b2b\b", shown); // the class; ids in the action data may contain "2b" by chance
        Assert.DoesNotContain("uitgescholden", cardJson, StringComparison.Ordinal);
        Assert.Contains("Ik pak dit op", cardJson, StringComparison.Ordinal);
        Assert.Contains("De Wilgen", cardJson, StringComparison.Ordinal);
        var card = AdaptiveCard.FromJson(cardJson);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
        Assert.Equal(2, Connector.Calls.Count(c => c.Operation == FakeConnectorOperation.SendToConversation));

        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var copy = await db.AlertCards.AsNoTracking().SingleAsync(a => a.SubjectId == caseId && a.RecipientId == ChannelRecipientId);
        Assert.StartsWith(ChannelId + ";messageid=", copy.ConversationId, StringComparison.Ordinal);
        Assert.EndsWith(";messageid=" + copy.ActivityId, copy.ConversationId, StringComparison.Ordinal);
        var log = await scope.ServiceProvider.GetRequiredService<IDeliveryLog>().ListForCaseAsync(caseId, CancellationToken.None);
        Assert.Equal("Bereikt: mentor (Teams-chat), anti-pestcoördinator (Teams-chat). Kanaal Zorg en veiligheid: geplaatst.", DeliveryLog.Describe(log));
    }

    [Fact]
    public async Task Without_a_channel_nothing_extra_is_planned()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });

        await bot.OpenCaseAsync();

        Assert.DoesNotContain(await bot.OutboxAsync(), o => o.RecipientId == ChannelRecipientId);
    }

    [Fact]
    public async Task Taking_the_case_updates_the_channel_copy_in_place_still_without_names()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel());
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, entryId, _) = await bot.OpenCaseAsync();
        await bot.StartDispatcherAsync();
        await bot.WaitUntilSettledAsync(3);
        var thread = await ChannelCopyAsync(bot, caseId);

        // The coordinator presses "Ik pak dit op" on the channel copy: the answer is the channel card.
        var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });
        var answer = await InvokeInChannelAsync(bot, People.Coordinator, data);
        var answered = Assert.IsType<AdaptiveCard>(answer.Value).ToJson();
        Assert.Contains("Opgepakt door Jeroen Bakker", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan", answered, StringComparison.Ordinal);

        var outbox = await bot.WaitUntilSettledAsync(5);
        Assert.Single(outbox, o => o.Kind == AlertUpdatePayload.Kind && o.RecipientId == ChannelRecipientId);
        var put = Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId == thread.ConversationId);
        Assert.Equal(thread.ActivityId, put.ActivityId);
        Assert.Contains("Opgepakt door Jeroen Bakker", put.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan", put.Body, StringComparison.Ordinal);
        Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.CreateConversation);
    }

    [Fact]
    public async Task Someone_outside_the_case_pressing_take_in_the_channel_gets_the_usual_refusal()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel(("Notifications:DispatcherEnabled", "false")));
        var (caseId, entryId, _) = await bot.OpenCaseAsync();
        var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });

        var answer = await InvokeInChannelAsync(bot, "e2e0c000-0000-4000-a000-000000000005", data);

        Assert.Equal("Je hebt geen toegang tot deze melding.", answer.Value);
    }

    [Fact]
    public async Task A_channel_the_bot_is_not_in_is_retried_and_recorded_while_the_personal_copies_arrive()
    {
        await using var refusing = await FakeConnector.StartAsync("/_team");
        refusing.RespondNextWithError(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.", times: 50);
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel(("Notifications:MaxAttempts", "3")));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            // The team was heard from on another connector address: the channel is reached there.
            await scope.ServiceProvider.GetRequiredService<ICoordinatorsChannels>().RememberTeamAsync(TeamId, refusing.ServiceUrl.ToString(), "tenant-1", CancellationToken.None);
        }

        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, _, _) = await bot.OpenCaseAsync();

        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(3);

        Assert.Equal(2, Connector.Calls.Count(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus == 201));
        var channel = Assert.Single(outbox, o => o.RecipientId == ChannelRecipientId);
        Assert.Equal(OutboxStatus.Failed, channel.Status);
        Assert.Equal(3, channel.Attempts);
        Assert.Equal(3, refusing.Calls.Count);
        Assert.All(refusing.Calls, c => Assert.Equal(FakeConnectorOperation.CreateConversation, c.Operation));
        Assert.DoesNotContain(outbox, o => o.Kind == DeliveryFailedPayload.Kind);

        await using var check = bot.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var attempts = await db.NotificationDeliveries.AsNoTracking().Where(d => d.RecipientId == ChannelRecipientId).ToListAsync();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(DeliveryChannels.TeamsChannel, a.Channel));
        Assert.All(attempts, a => Assert.StartsWith("BotNotInRoster", a.ErrorCode, StringComparison.Ordinal));
        var log = await check.ServiceProvider.GetRequiredService<IDeliveryLog>().ListForCaseAsync(caseId, CancellationToken.None);
        Assert.EndsWith("Kanaal Zorg en veiligheid: niet gelukt.", DeliveryLog.Describe(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_post_without_an_answer_is_recorded_as_unknown_and_sent_again_later()
    {
        await using var slow = await FakeConnector.StartAsync("/_team");
        slow.RespondNext(201, "{\"id\":\"19:e2e-channel-zorg@thread.tacv2;messageid=1\",\"activityId\":\"1\"}", delay: TimeSpan.FromSeconds(5));
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel(("BotConnector:Resilience:AttemptTimeout", "00:00:00.300")));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ICoordinatorsChannels>().RememberTeamAsync(TeamId, slow.ServiceUrl.ToString(), "tenant-1", CancellationToken.None);
        }

        var (caseId, _, _) = await bot.OpenCaseAsync();
        await bot.StartDispatcherAsync();
        var outbox = await bot.WaitUntilSettledAsync(3);

        Assert.Equal(OutboxStatus.Sent, Assert.Single(outbox, o => o.RecipientId == ChannelRecipientId).Status);
        // One POST per dispatcher attempt: the connector client never repeats a POST that may have arrived.
        Assert.Equal(2, slow.Calls.Count);
        await using var check = bot.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var attempts = await db.NotificationDeliveries.AsNoTracking().Where(d => d.RecipientId == ChannelRecipientId).OrderBy(d => d.AttemptedAt).ToListAsync();
        Assert.Equal([DeliveryOutcomes.Unknown, DeliveryOutcomes.Sent], attempts.Select(a => a.Outcome));
        Assert.Equal("OutcomeUnknown", attempts[0].ErrorCode);
        await using var logScope = bot.Services.CreateAsyncScope();
        var log = await logScope.ServiceProvider.GetRequiredService<IDeliveryLog>().ListForCaseAsync(caseId, CancellationToken.None);
        Assert.EndsWith("Kanaal Zorg en veiligheid: geplaatst.", DeliveryLog.Describe(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_report_puts_a_card_without_the_students_words_in_the_channel()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel());
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var reports = new AnonymousReportService(services.GetRequiredService<PestProtocolDbContext>(), services.GetRequiredService<IDirectory>(), new PassphraseHasher(new Argon2Parameters(1024, 1, 1)), services.GetRequiredService<ChannelCopies>(), TimeProvider.System);
            await reports.SubmitAsync(new ReportDraft { LocationId = People.Location, WhatHappened = "Sanne en Lars schelden mij elke pauze uit.", WhoDoesIt = "Sanne, Lars" }, CancellationToken.None);
        }

        var planned = await bot.OutboxAsync();
        var channelAlert = Assert.Single(planned, o => o.RecipientId == ChannelRecipientId);
        Assert.Equal(AnonymousReportKinds.Alert, channelAlert.Kind);

        await bot.StartDispatcherAsync();
        await bot.WaitUntilSettledAsync(planned.Count);

        var post = Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.CreateConversation);
        var cardJson = post.BodyJson.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("Nieuwe anonieme melding van een leerling", cardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Sanne", cardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("schelden", cardJson, StringComparison.Ordinal);
        var card = AdaptiveCard.FromJson(cardJson);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }

    [Fact]
    public async Task A_channel_linked_from_Teams_wins_over_the_configured_one()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, ConfiguredChannel(("Notifications:DispatcherEnabled", "false")));
        await using var scope = bot.Services.CreateAsyncScope();
        var channels = scope.ServiceProvider.GetRequiredService<ICoordinatorsChannels>();

        var configured = await channels.FindAsync(People.Location, CancellationToken.None);
        Assert.Equal(CoordinatorsChannelSource.Configuration, configured!.Source);
        Assert.Equal(ChannelId, configured.ChannelId);
        Assert.Equal(Connector.ServiceUrl.ToString(), configured.ServiceUrl);

        await channels.LinkAsync(new CoordinatorsChannel(People.Location, "19:other-team@thread.tacv2", "19:linked@thread.tacv2", "Zorgteam", "https://smba.example/emea/", "tenant-1", CoordinatorsChannelSource.Linked), People.Coordinator, CancellationToken.None);
        var linked = await channels.FindAsync(People.Location, CancellationToken.None);
        Assert.Equal(CoordinatorsChannelSource.Linked, linked!.Source);
        Assert.Equal("19:linked@thread.tacv2", linked.ChannelId);

        Assert.True(await channels.UnlinkAsync(People.Location, CancellationToken.None));
        Assert.Equal(ChannelId, (await channels.FindAsync(People.Location, CancellationToken.None))!.ChannelId);
    }

    private static async Task<(string ConversationId, string ActivityId)> ChannelCopyAsync(NotificationHarness bot, Guid caseId)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var copy = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().AlertCards.AsNoTracking()
            .SingleAsync(a => a.SubjectId == caseId && a.RecipientId == ChannelRecipientId);
        return (copy.ConversationId, copy.ActivityId);
    }

    private async Task<AdaptiveCardInvokeResponse> InvokeInChannelAsync(NotificationHarness bot, string aadObjectId, JsonElement data)
    {
        var handler = bot.Services.GetServices<ICardActionHandler>().Single(h => h.Verbs.Contains(CaseAlertCard.TakeVerb));
        var activity = new Activity
        {
            Type = ActivityTypes.Invoke,
            Id = "invoke-1",
            ChannelId = Channels.MsTeams,
            ServiceUrl = Connector.ServiceUrl.ToString(),
            From = new ChannelAccount { Id = "29:" + aadObjectId, AadObjectId = aadObjectId },
            Recipient = new ChannelAccount { Id = "28:bot-app-id" },
            Conversation = new ConversationAccount { Id = ChannelId + ";messageid=1", ConversationType = "channel", IsGroup = true },
        };
        var context = new TurnContext(new TestAdapter(), activity);
        await using var scope = bot.Services.CreateAsyncScope();
        context.TurnState.Set(new TurnServiceProvider(scope.ServiceProvider));
        return await handler.HandleAsync(context, CaseAlertCard.TakeVerb, data, CancellationToken.None);
    }

    /// <summary>Every text a person can read on a card (text, titles, fact values), not the ids in action data.</summary>
    private static IEnumerable<string> ShownTexts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var text in ShownTexts(item))
                {
                    yield return text;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "data")
                {
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.String && property.Name is "text" or "title" or "value" or "placeholder" or "label")
                {
                    yield return property.Value.GetString()!;
                }
                else
                {
                    foreach (var text in ShownTexts(property.Value))
                    {
                        yield return text;
                    }
                }
            }
        }
    }
}
