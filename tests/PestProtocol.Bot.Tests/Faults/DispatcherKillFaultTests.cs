using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Faults;

/// <summary>
/// Fault suite, the dispatcher killed (issue 16): at seeded random points an instance of the dispatcher dies, either just
/// before an alert's POST leaves or just after Teams answered it (before anything was written down). Its lease runs out
/// and a fresh instance, under another name, takes over. Afterwards every alert is sent and recorded once and nothing is
/// left leased. A kill before the POST never shows an alert twice; a kill after the POST does, once: the in-flight window
/// that <see cref="OutboxDispatcher"/> documents (the Connector API has no idempotency key). The test counts both.
/// </summary>
public sealed class DispatcherKillFaultTests(ITestOutputHelper output) : NotificationTests
{
    private const int Cases = 6;
    private const int MaxKills = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(20261206)]
    [InlineData(16)]
    public async Task After_kills_at_random_points_a_fresh_instance_delivers_every_alert_and_the_state_is_consistent(int seed)
    {
        output.WriteLine($"seed: {seed}");
        var plan = new KillPlan(new Random(seed));
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "false",
            ["Notifications:LeaseDuration"] = Lease.ToString(),
            ["Notifications:BatchSize"] = "4",
        };
        await using (var setup = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings))
        {
            await setup.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
            await setup.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
            for (var i = 0; i < Cases; i++)
            {
                await setup.OpenCaseAsync();
            }
        }

        var instances = 0;
        IReadOnlyList<OutboxMessage> outbox = [];
        for (var round = 0; round < 200 && !Settled(outbox); round++)
        {
            instances++;
            using var dying = new CancellationTokenSource();
            var named = new Dictionary<string, string?>(settings) { ["Notifications:InstanceName"] = $"instance-{instances}" };
            await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, named, services => KillableConnector.Wrap(services, plan, dying));
            try
            {
                while (!Settled(outbox = await bot.OutboxAsync()))
                {
                    if (await bot.Dispatcher.DispatchOnceAsync(dying.Token) == 0)
                    {
                        // What is left is leased by an instance that died: wait for its lease to run out.
                        await Task.Delay(Lease / 3);
                    }
                }
            }
            catch (OperationCanceledException) when (dying.IsCancellationRequested)
            {
                // This instance is dead: nothing more runs in it. The next one takes over.
            }

            outbox = await bot.OutboxAsync();
        }

        var sends = Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.ResponseStatus is >= 200 and < 300).ToList();
        var doubled = sends.Count - sends.Select(c => c.ConversationId + c.BodyJson.GetRawText()).Distinct().Count();
        output.WriteLine($"instances: {instances}, kills before the POST: {plan.KillsBeforePost}, after the POST: {plan.KillsAfterPost}, " +
            $"alerts: {outbox.Count}, delivered: {sends.Count}, shown twice: {doubled}");

        Assert.True(plan.KillsBeforePost + plan.KillsAfterPost > 0, "The seed killed no instance.");
        Assert.True(instances > 1);

        // Every alert sent, nothing left leased.
        Assert.Equal(Cases * 2, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.Status));
        Assert.All(outbox, o => Assert.Null(o.LeaseOwner));

        // Every alert arrived; only a kill after the POST (the documented in-flight window) shows one twice.
        Assert.Equal(Cases * 2, sends.Count - doubled);
        Assert.Equal(plan.KillsAfterPost, doubled);
        Assert.Equal(Cases, sends.Select(c => c.ConversationId + c.BodyJson.GetRawText()).Distinct().Count(k => k.StartsWith("a:mentor-chat", StringComparison.Ordinal)));

        // Recorded once: one 'sent' delivery and one posted-card address per alert.
        await using var check = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings);
        await using var scope = check.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var delivered = await db.NotificationDeliveries.AsNoTracking().Where(d => d.Outcome == DeliveryOutcomes.Sent).ToListAsync();
        Assert.Equal(Cases * 2, delivered.Count);
        Assert.Equal(Cases * 2, delivered.Select(d => d.OutboxMessageId).Distinct().Count());
        Assert.Equal(Cases * 2, await db.AlertCards.AsNoTracking().CountAsync());
    }

    private static bool Settled(IReadOnlyList<OutboxMessage> outbox) =>
        outbox.Count == Cases * 2 && outbox.All(o => o.Status is OutboxStatus.Sent or OutboxStatus.Failed);

    /// <summary>Decides, per POST, whether the instance dies before it, after it, or not at all (seeded).</summary>
    private sealed class KillPlan(Random random)
    {
        private readonly Lock _gate = new();

        public int KillsBeforePost { get; private set; }

        public int KillsAfterPost { get; private set; }

        /// <summary>0: live on; 1: die before the POST; 2: die after Teams answered it.</summary>
        public int Next()
        {
            lock (_gate)
            {
                if (KillsBeforePost + KillsAfterPost >= MaxKills || random.NextDouble() >= 0.4)
                {
                    return 0;
                }

                if (random.Next(2) == 0)
                {
                    KillsBeforePost++;
                    return 1;
                }

                KillsAfterPost++;
                return 2;
            }
        }
    }

    /// <summary>The real connector client, with a kill switch on each POST of a message into a chat.</summary>
    private sealed class KillableConnector(IConnectorClient inner, KillPlan plan, CancellationTokenSource dying) : IConnectorClient
    {
        public static void Wrap(IServiceCollection services, KillPlan plan, CancellationTokenSource dying)
        {
            var original = services.Last(d => d.ServiceType == typeof(IConnectorClient));
            services.Remove(original);
            services.Add(ServiceDescriptor.Describe(typeof(IConnectorClient),
                sp => new KillableConnector(Create(original, sp), plan, dying), original.Lifetime));
        }

        private static IConnectorClient Create(ServiceDescriptor original, IServiceProvider sp) =>
            original.ImplementationFactory is { } factory ? (IConnectorClient)factory(sp)
            : original.ImplementationInstance is IConnectorClient instance ? instance
            : (IConnectorClient)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);

        public async Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
        {
            var kill = plan.Next();
            if (kill == 1)
            {
                Die();
            }

            var result = await inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
            if (kill == 2)
            {
                Die();
            }

            return result;
        }

        public Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.ReplyToActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

        public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

        public Task<ConnectorResult<bool>> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default) =>
            inner.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken);

        public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
            inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken);

        private void Die()
        {
            dying.Cancel();
            dying.Token.ThrowIfCancellationRequested();
        }
    }
}
