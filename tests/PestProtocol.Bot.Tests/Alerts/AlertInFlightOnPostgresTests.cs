using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Notifications.Delivery;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Storage;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Tests.Alerts;

/// <summary>
/// The in-flight alert card on PostgreSQL (READ COMMITTED), the two transactions interleaved on two connections: a step
/// (the case row UPDATE, then the read of the posted copies) and the dispatcher recording a card rendered before the step
/// (the delivery row, then the case version read <c>FOR UPDATE</c>). Whichever takes the case row first, exactly one
/// <c>alert-update</c> is planned for the card, and once sent the card shows the case as it is.
/// </summary>
public sealed class AlertInFlightOnPostgresTests(PostgresTestDatabase database) : NotificationTests, IClassFixture<PostgresTestDatabase>
{
    private const string HeldConversation = "a:mentor-chat";
    private const string HeldActivity = "activity-in-flight";

    [Fact]
    public async Task The_step_holds_the_case_row_first_and_the_recorder_waits_for_it_and_plans_the_update()
    {
        await using var bot = await StartAsync();
        var flight = await RenderMentorAlertAsync(bot);

        // The step: UPDATE of the case row and the copies read, in a turn's transaction that is not committed yet.
        await using var turnScope = bot.Services.CreateAsyncScope();
        var turn = AttachTurn(turnScope.ServiceProvider);
        Assert.Equal(StepApplied.Saved, (await ConfirmAsync(turnScope.ServiceProvider, flight.CaseId)).Outcome);

        // The recorder: its delivery row, then the version read, which waits for the step's row lock.
        var recorded = Task.Run(() => RecordAsync(bot, flight));
        await WaitForALockWaitAsync(bot);
        Assert.False(recorded.IsCompleted);

        await turn.CommitAsync(CancellationToken.None);
        await recorded.WaitAsync(TimeSpan.FromSeconds(30));

        var update = await SingleUpdateOfAsync(bot, flight.AlertId);
        Assert.StartsWith($"{AlertUpdatePayload.Kind}:late:", update.DedupKey, StringComparison.Ordinal);
        await AssertTheCardEndsCurrentAsync(bot, flight.CaseId);
    }

    [Fact]
    public async Task The_recorder_holds_the_case_row_first_and_the_step_after_it_sees_the_copy_and_plans_the_update()
    {
        await using var bot = await StartAsync();
        var flight = await RenderMentorAlertAsync(bot);
        var databaseName = new NpgsqlConnectionStringBuilder(ConnectionString).Database;

        // The recorder stops right after its version read FOR UPDATE: it holds the case row, its transaction still open.
        using var pause = new PauseAfter(DeliveryRecorder.CaseVersionForUpdateSql, databaseName!);
        var recorded = Task.Run(() => RecordAsync(bot, flight));
        await pause.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The step's UPDATE waits for the recorder's row lock.
        await using var turnScope = bot.Services.CreateAsyncScope();
        var turn = AttachTurn(turnScope.ServiceProvider);
        var stepped = Task.Run(() => ConfirmAsync(turnScope.ServiceProvider, flight.CaseId));
        await WaitForALockWaitAsync(bot);
        Assert.False(stepped.IsCompleted);

        pause.Release();
        await recorded.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StepApplied.Saved, (await stepped.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
        await turn.CommitAsync(CancellationToken.None);

        var update = await SingleUpdateOfAsync(bot, flight.AlertId);
        Assert.DoesNotContain(":late:", update.DedupKey, StringComparison.Ordinal);
        await AssertTheCardEndsCurrentAsync(bot, flight.CaseId);
    }

    private string ConnectionString { get; set; } = string.Empty;

    private async Task<NotificationHarness> StartAsync()
    {
        ConnectionString = await database.CreateEmptyDatabaseAsync();
        var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = PersistenceProviders.PostgreSql,
            ["ConnectionStrings:PestProtocol"] = ConnectionString,
            ["Notifications:CoordinatorDigestWindow"] = "00:00:01",
        }, services => services.AddScoped(sp => new TurnUnitOfWork(sp.GetRequiredService<PestProtocolDbContext>(), TimeProvider.System)));
        await bot.SaveReferenceAsync(People.Mentor, HeldConversation, "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        return bot;
    }

    /// <summary>A card about the new case, rendered for the mentor as the dispatcher does (the version read first), and posted.</summary>
    private static async Task<Flight> RenderMentorAlertAsync(NotificationHarness bot)
    {
        var (caseId, _, alerts) = await bot.OpenCaseAsync(handedToMentor: true);
        var alert = alerts.Single(a => a.Kind == CaseAlertPayload.Kind && a.RecipientId == People.Mentor);
        var recorder = bot.Services.GetRequiredService<DeliveryRecorder>();
        var version = await recorder.CaseVersionAsync(caseId, CancellationToken.None);
        Assert.NotNull(version);
        await using var scope = bot.Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetServices<IAlertCardRenderer>().Single(r => r.Kind == CaseAlertPayload.Kind);
        var card = await renderer.RenderAsync(alert, CancellationToken.None);
        return new Flight(caseId, alert, version.Value, card!);
    }

    private static Task RecordAsync(NotificationHarness bot, Flight flight) =>
        bot.Services.GetRequiredService<DeliveryRecorder>().SentAsync(
            flight.Alert,
            "lease-of-the-test",
            DeliveryAttempt.Sent(DeliveryChannels.Chat, bot.Connector.ServiceUrl.ToString(), HeldConversation, HeldActivity),
            flight.Card,
            CancellationToken.None,
            flight.RenderedFrom);

    private static TurnUnitOfWork AttachTurn(IServiceProvider services)
    {
        var turn = services.GetRequiredService<TurnUnitOfWork>();
        turn.Attach(new TurnContext(new TestAdapter(), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = Channels.MsTeams,
            From = new ChannelAccount { Id = "29:mentor", AadObjectId = People.Mentor },
            Recipient = new ChannelAccount { Id = "28:bot-app-id" },
            Conversation = new ConversationAccount { Id = HeldConversation, ConversationType = "personal" },
        }));
        return turn;
    }

    private static Task<StepResult> ConfirmAsync(IServiceProvider services, Guid caseId) =>
        services.GetRequiredService<ApplyStep>().ExecuteAsync(People.Mentor, caseId, (loaded, now) =>
        {
            loaded.Case.ConfirmSuspicion(loaded.Actor, now, "Het vermoeden klopt.");
            return Task.CompletedTask;
        }, CancellationToken.None);

    /// <summary>Waits until a session of this database waits for a row lock (the other transaction holds the case row).</summary>
    private async Task WaitForALockWaitAsync(NotificationHarness bot)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "no transaction ever waited for the case row");
            await Task.Delay(20);
        }
    }

    /// <summary>The one alert-update planned for the mentor's card in flight (whose copy is the delivery just recorded).</summary>
    private static async Task<OutboxMessage> SingleUpdateOfAsync(NotificationHarness bot, Guid alertId)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var copy = await db.NotificationDeliveries.AsNoTracking().SingleAsync(d => d.OutboxMessageId == alertId && d.Outcome == DeliveryOutcomes.Sent);
        var updates = (await db.OutboxMessages.AsNoTracking().Where(o => o.Kind == AlertUpdatePayload.Kind).ToListAsync())
            .Where(o => JsonSerializer.Deserialize<AlertUpdatePayload>(o.Payload, JsonSerializerOptions.Web)!.CopyId == copy.Id)
            .ToList();
        return Assert.Single(updates);
    }

    /// <summary>The dispatcher sends what is left; the card in flight is then updated in place to the case as it is.</summary>
    private async Task AssertTheCardEndsCurrentAsync(NotificationHarness bot, Guid caseId)
    {
        await bot.StartDispatcherAsync();
        await bot.WaitUntilSettledAsync(1, TimeSpan.FromSeconds(60));
        await using var scope = bot.Services.CreateAsyncScope();
        var @case = (await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None))!;
        var puts = Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ConversationId == HeldConversation && c.ActivityId == HeldActivity).ToList();
        var put = Assert.Single(puts);
        Assert.Contains("Wat nu: " + @case.NextAction, ShownCardTexts.Of(put.Body));
        Assert.DoesNotContain(Connector.Calls, c => c.Operation == FakeConnectorOperation.SendToConversation && c.ConversationId == HeldConversation && c.Body.Contains("Ik pak dit op", StringComparison.Ordinal));
    }

    private sealed record Flight(Guid CaseId, OutboxMessage Alert, int RenderedFrom, PestProtocol.BotFramework.Cards.AdaptiveCard Card)
    {
        public Guid AlertId => Alert.Id;
    }

    /// <summary>Stops the command with this text on this database right after it ran (in the SQL trace), until released.</summary>
    private sealed class PauseAfter : IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _sql;
        private readonly string _database;
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();
        private readonly IDisposable _subscription;

        public PauseAfter(string sql, string database)
        {
            (_sql, _database) = (sql, database);
            _subscription = CaseStoreSql.Trace.Subscribe(this);
        }

        public Task Reached => _reached.Task;

        public void Release() => _released.Set();

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "Command" && value.Value is System.Data.Common.DbCommand command && command.CommandText == _sql
                && command.Connection?.Database == _database && _reached.TrySetResult())
            {
                _released.Wait(TimeSpan.FromSeconds(60));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _released.Set();
            _subscription.Dispose();
            _released.Dispose();
        }
    }
}
