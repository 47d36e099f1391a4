using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.TeamChannels;

/// <summary>
/// "Ik pak dit op" pressed on the coordinators' channel card: the coordinator's own card in his personal chat must show
/// that he took it too (found end to end in the Agents Playground: it kept offering "Ik pak dit op").
/// </summary>
public sealed class TakeFromChannelTests : NotificationTests
{
    private const string ChannelId = "19:e2e-channel-zorg@thread.tacv2";
    private const string CoordinatorChat = "a:coordinator-chat";
    private const string MentorChat = "a:mentor-chat";

    [Fact]
    public async Task Taking_it_on_the_channel_card_changes_the_coordinators_own_card_in_his_chat()
    {
        await using var bot = await StartAsync();
        var (caseId, entryId) = await OpenCaseWithAlertsPostedAsync(bot);

        var answer = await TakeAsync(bot, ChannelId + ";messageid=1", "channel", caseId, entryId);

        Assert.Contains("Opgepakt door Jeroen Bakker", Assert.IsType<AdaptiveCard>(answer.Value).ToJson(), StringComparison.Ordinal);
        await bot.WaitUntilSettledAsync(6);
        var own = Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId == CoordinatorChat);
        Assert.Contains("Opgepakt door Jeroen Bakker", own.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ik pak dit op", own.Body, StringComparison.Ordinal);
        Assert.Contains("Daan", own.Body, StringComparison.Ordinal);
        Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId == MentorChat);
    }

    [Fact]
    public async Task Taking_it_in_his_own_chat_leaves_that_card_to_the_answer_and_changes_the_others()
    {
        await using var bot = await StartAsync();
        var (caseId, entryId) = await OpenCaseWithAlertsPostedAsync(bot);

        var answer = await TakeAsync(bot, CoordinatorChat, "personal", caseId, entryId);

        Assert.Contains("Opgepakt door Jeroen Bakker", Assert.IsType<AdaptiveCard>(answer.Value).ToJson(), StringComparison.Ordinal);
        await bot.WaitUntilSettledAsync(5);
        Assert.DoesNotContain(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId == CoordinatorChat);
        Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId == MentorChat);
        Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId!.StartsWith(ChannelId, StringComparison.Ordinal));
    }

    private Task<NotificationHarness> StartAsync() =>
        NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            ["Directory:Locations:0:CoordinatorsChannel:TeamId"] = "19:e2e-team-general@thread.tacv2",
            ["Directory:Locations:0:CoordinatorsChannel:ChannelId"] = ChannelId,
            ["Directory:Locations:0:CoordinatorsChannel:Name"] = "Zorg en veiligheid",
        });

    /// <summary>A case whose alert reached the mentor's and the coordinator's chat and the channel.</summary>
    private static async Task<(Guid CaseId, Guid EntryId)> OpenCaseWithAlertsPostedAsync(NotificationHarness bot)
    {
        await bot.SaveReferenceAsync(People.Mentor, MentorChat, "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, CoordinatorChat, "29:coordinator");
        var (caseId, entryId, _) = await bot.OpenCaseAsync();
        await bot.StartDispatcherAsync();
        await bot.WaitUntilSettledAsync(3);
        return (caseId, entryId);
    }

    /// <summary>The coordinator presses "Ik pak dit op" on the card in the given conversation.</summary>
    private async Task<AdaptiveCardInvokeResponse> TakeAsync(NotificationHarness bot, string conversationId, string conversationType, Guid caseId, Guid entryId)
    {
        var handler = bot.Services.GetServices<ICardActionHandler>().Single(h => h.Verbs.Contains(CaseAlertCard.TakeVerb));
        var activity = new Activity
        {
            Type = ActivityTypes.Invoke,
            Id = "invoke-1",
            ChannelId = Channels.MsTeams,
            ServiceUrl = Connector.ServiceUrl.ToString(),
            From = new ChannelAccount { Id = "29:coordinator", AadObjectId = People.Coordinator },
            Recipient = new ChannelAccount { Id = "28:bot-app-id" },
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = conversationType, IsGroup = conversationType == "channel" ? true : null },
        };
        var context = new TurnContext(new TestAdapter(), activity);
        await using var scope = bot.Services.CreateAsyncScope();
        context.TurnState.Set(new TurnServiceProvider(scope.ServiceProvider));
        var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });
        return await handler.HandleAsync(context, CaseAlertCard.TakeVerb, data, CancellationToken.None);
    }
}
