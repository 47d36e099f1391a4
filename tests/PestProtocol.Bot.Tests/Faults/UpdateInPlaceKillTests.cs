using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Connector;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Faults;

/// <summary>
/// Fault suite, the in-flight window of an update in place (issue 16 item 5): the coordinator takes an alert, the outbox
/// changes the mentor's copy of the card (PUT), and the instance dies right after Teams answered, before it wrote
/// anything down. A fresh instance sends the update again. The Connector API cannot read a message back to check first,
/// and need not: a PUT replaces the message with that id, so the second one shows the same card again, not a second card.
/// </summary>
public sealed class UpdateInPlaceKillTests(ITestOutputHelper output) : NotificationTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_update_sent_again_after_a_kill_replaces_the_same_card_and_the_chat_shows_no_second_one()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["Notifications:LeaseDuration"] = Lease.ToString(),
        };
        Guid caseId, entryId;
        await using (var first = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings))
        {
            await first.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
            await first.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
            (caseId, entryId, _) = await first.OpenCaseAsync();
            await DrainAsync(first, 2, CancellationToken.None);

            // The coordinator takes it: an update of the mentor's copy is planned.
            var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });
            var handler = first.Services.GetServices<ICardActionHandler>().Single(h => h.Verbs.Contains(CaseAlertCard.TakeVerb));
            var activity = new Activity
            {
                Type = ActivityTypes.Invoke,
                Id = "invoke-1",
                ChannelId = Channels.MsTeams,
                ServiceUrl = Connector.ServiceUrl.ToString(),
                From = new ChannelAccount { Id = "29:coordinator", AadObjectId = People.Coordinator },
                Recipient = new ChannelAccount { Id = "28:bot-app-id" },
                Conversation = new ConversationAccount { Id = "a:invoke", ConversationType = "personal" },
            };
            var context = new TurnContext(new TestAdapter(), activity);
            await using var scope = first.Services.CreateAsyncScope();
            context.TurnState.Set(new TurnServiceProvider(scope.ServiceProvider));
            await handler.HandleAsync(context, CaseAlertCard.TakeVerb, data, CancellationToken.None);
        }

        var cardsBefore = Sends().Count;

        // An instance that dies right after Teams answered the PUT, before anything is written.
        using var dying = new CancellationTokenSource();
        await using (var doomed = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings, services => DyingAfterUpdate.Wrap(services, dying)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DrainAsync(doomed, 3, dying.Token));
        }

        Assert.Single(Puts());

        // A fresh instance takes over when the lease runs out and sends the update again.
        await using (var fresh = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings))
        {
            var outbox = await DrainAsync(fresh, 3, CancellationToken.None);
            Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        }

        var puts = Puts();
        output.WriteLine($"cards posted: {Sends().Count} (before the update {cardsBefore}); PUTs of the mentor's copy: {puts.Count}, to {puts.Select(p => p.ActivityId).Distinct().Count()} message(s), {puts.Select(p => p.Body).Distinct().Count()} distinct card(s)");

        // Sent twice, shown once: both PUTs replace the same message with the same card; no card was posted anew.
        Assert.Equal(2, puts.Count);
        Assert.Single(puts.Select(p => (p.ConversationId, p.ActivityId)).Distinct());
        Assert.Single(puts.Select(p => p.Body).Distinct());
        Assert.Contains("Opgepakt door", puts[0].Body, StringComparison.Ordinal);
        Assert.Equal(cardsBefore, Sends().Count);
        Assert.Equal(2, cardsBefore);
    }

    private List<RecordedCall> Sends() => [.. Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus is >= 200 and < 300)];

    private List<RecordedCall> Puts() => [.. Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ResponseStatus is >= 200 and < 300)];

    private static async Task<IReadOnlyList<OutboxMessage>> DrainAsync(NotificationHarness bot, int expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        IReadOnlyList<OutboxMessage> outbox;
        while (!((outbox = await bot.OutboxAsync()).Count == expected && outbox.All(o => o.Status is OutboxStatus.Sent or OutboxStatus.Failed)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not settle within a minute.");
            if (await bot.Dispatcher.DispatchOnceAsync(cancellationToken) == 0)
            {
                await Task.Delay(Lease / 3, cancellationToken);
            }
        }

        return outbox;
    }

    /// <summary>The real connector client; its instance dies right after Teams answered an update in place.</summary>
    private sealed class DyingAfterUpdate(IConnectorClient inner, CancellationTokenSource dying) : IConnectorClient
    {
        public static void Wrap(IServiceCollection services, CancellationTokenSource dying)
        {
            var original = services.Last(d => d.ServiceType == typeof(IConnectorClient));
            services.Remove(original);
            services.Add(ServiceDescriptor.Describe(typeof(IConnectorClient), sp => new DyingAfterUpdate(
                original.ImplementationFactory is { } factory ? (IConnectorClient)factory(sp)
                : original.ImplementationInstance is IConnectorClient instance ? instance
                : (IConnectorClient)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), dying), original.Lifetime));
        }

        public async Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
        {
            var result = await inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken).ConfigureAwait(false);
            dying.Cancel();
            dying.Token.ThrowIfCancellationRequested();
            return result;
        }

        public Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

        public Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.ReplyToActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

        public Task<ConnectorResult<bool>> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default) =>
            inner.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken);

        public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
            inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
    }
}
