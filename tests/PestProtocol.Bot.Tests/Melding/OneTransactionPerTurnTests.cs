using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// One load and one write per turn, on the real bot: a step submit reads the case once, and writes the conversation
/// state, the case change, its dossier entry and its outbox rows in ONE transaction; a failure on either side stores
/// nothing of the turn and sends no "Vastgelegd"; a case someone else changed first gives the clear Dutch answer.
/// </summary>
public abstract class OneTransactionPerTurnContract<TDatabase> : IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Confirm = "Ja, het vermoeden klopt";

    private static readonly Dictionary<string, object?> ConfirmNote = new() { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." };

    private readonly TDatabase _database;
    private readonly ITestOutputHelper _output;
    private readonly ArmableNotifier.Trigger _beforePlan = new();
    private string _connectionString = string.Empty;
    private BotHarness _bot = null!;
    private SqlTrace _sql = null!;

    protected OneTransactionPerTurnContract(TDatabase database, ITestOutputHelper output)
    {
        _database = database;
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _connectionString = await _database.CreateEmptyDatabaseAsync();
        // Subscribed before the bot starts: EF Core's pooled contexts keep their loggers, which cache whether anyone listens.
        _sql = new SqlTrace(Identity());
        var file = _database is SqliteTestDatabase ? new SqliteConnectionStringBuilder(_connectionString).DataSource : BotHarness.NewDatabaseFile();
        var services = await DevelopmentBot.StartAsync(
            file,
            new Dictionary<string, string?>
            {
                ["Storage:Provider"] = _database.Provider,
                ["ConnectionStrings:PestProtocol"] = _connectionString,
            },
            after: s =>
            {
                s.RemoveAll<ICaseNotifier>();
                s.AddSingleton(_beforePlan);
                s.AddScoped<DirectoryCaseNotifier>();
                s.AddScoped<ICaseNotifier>(sp => new ArmableNotifier(sp.GetRequiredService<DirectoryCaseNotifier>(), sp.GetRequiredService<ArmableNotifier.Trigger>()));
            });
        _bot = BotHarness.Wrap(services, file);
    }

    private protected BotHarness Bot => _bot;

    protected ITestOutputHelper Output => _output;

    protected const string ConfirmButton = Confirm;

    protected static Dictionary<string, object?> ConfirmNoteData => new(ConfirmNote);

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _sql.Dispose();
    }

    [Fact]
    public async Task A_step_submit_reads_the_case_once_and_stores_state_case_dossier_and_outbox_in_one_transaction()
    {
        var talk = await OpenCaseAsync();
        var sql = _sql.Restart();

        await talk.Continue(_bot).Click(Confirm, ConfirmNote).Expect($"Vastgelegd in melding {CaseCodes.First}").Expect("Wie gaat welke stappen ondernemen?").RunAsync();

        foreach (var line in sql.Events)
        {
            _output.WriteLine(line);
        }

        var commands = sql.Events.Where(e => e.StartsWith("SQL ", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, sql.Count("BEGIN"));
        Assert.Equal(1, sql.Count("COMMIT"));
        Assert.Equal(0, sql.Count("ROLLBACK"));
        Assert.Single(commands, c => c.Contains("FROM cases ", StringComparison.Ordinal));
        var begin = sql.Events.IndexOf("BEGIN");
        var commit = sql.Events.IndexOf("COMMIT");
        var stateWrite = sql.Events.FindIndex(e => e.StartsWith("SQL ", StringComparison.Ordinal) && e.Contains("bot_state", StringComparison.Ordinal));
        var dossierWrite = sql.Events.FindIndex(e => e.StartsWith("SQL ", StringComparison.Ordinal) && e.Contains("INSERT INTO dossier_entries", StringComparison.Ordinal));
        Assert.InRange(stateWrite, begin + 1, commit - 1);
        Assert.InRange(dossierWrite, begin + 1, commit - 1);

        // Before this change one such turn took about 17 round trips and a second transaction for the state.
        Assert.InRange(commands.Count, 1, 10);

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, @case.CurrentStep);
    }

    [Fact]
    public async Task A_staff_members_first_turn_in_a_chat_stores_the_chat_for_alerts_with_the_state_in_one_transaction()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        var first = _sql.Restart();
        {
            await talk.Say("melding").Expect("Over welke leerling").RunAsync();

            Assert.Equal(1, first.Count("BEGIN"));
            Assert.Equal(1, first.Count("COMMIT"));
            var begin = first.Events.IndexOf("BEGIN");
            var commit = first.Events.IndexOf("COMMIT");
            Assert.InRange(first.Events.FindIndex(e => e.Contains("INSERT INTO conversation_references", StringComparison.Ordinal)), begin + 1, commit - 1);
            Assert.InRange(first.Events.FindIndex(e => e.StartsWith("SQL ", StringComparison.Ordinal) && e.Contains("bot_state", StringComparison.Ordinal)), begin + 1, commit - 1);
        }

        // The alerts can reach her in this chat.
        var stored = await _bot.WithDbAsync(db => db.ConversationReferences.AsNoTracking().SingleAsync(r => r.UserAadObjectId == BotHarness.Anouk));
        Assert.Contains("a:chat-" + BotHarness.Anouk, stored.Reference, StringComparison.Ordinal);

        // The next turn in the same chat does not write it again.
        var next = _sql.Restart();
        await talk.Continue(_bot).Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien").RunAsync();
        Assert.DoesNotContain(next.Events, e => e.Contains("conversation_references", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_state_cannot_be_written_the_step_is_not_stored_and_not_reported_as_recorded()
    {
        var talk = await OpenCaseAsync();
        var outboxBefore = (await _bot.OutboxAsync()).Count;

        // Another instance writes this conversation's state while the turn runs: the turn's state write loses its ETag check.
        talk.Adapter.Use(new BeforeBot(() => ExecuteAsync("UPDATE bot_state SET etag = 'written-elsewhere'")));
        await talk.Continue(_bot).Click(Confirm, ConfirmNote).ExpectNone("Vastgelegd in melding").RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(ProtocolStep.Step1Suspicion, @case.CurrentStep);
        Assert.Single(await _bot.DossierAsync(@case.Id));
        Assert.Equal(outboxBefore, (await _bot.OutboxAsync()).Count);
    }

    [Fact]
    public async Task When_the_case_cannot_be_written_the_conversation_state_stays_as_it_was_and_the_card_still_works()
    {
        var talk = await OpenCaseAsync();
        var stateBefore = await StateAsync();
        await ExecuteAsync(FailDossierInserts(on: true));

        await talk.Continue(_bot).Click(Confirm, ConfirmNote).ExpectNone("Vastgelegd in melding").RunAsync();

        // The dialog is where it was (the error middleware only counts the failed turn, so a looping conversation can be reset).
        Assert.Equal(stateBefore, await StateAsync());
        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Single(await _bot.DossierAsync(@case.Id));

        // Nothing was lost: the same card, pressed again once the database accepts it, records the step.
        await ExecuteAsync(FailDossierInserts(on: false));
        await talk.Continue(_bot).Click(Confirm, ConfirmNote).Expect($"Vastgelegd in melding {CaseCodes.First}").RunAsync();
        Assert.Equal(2, (await _bot.DossierAsync(@case.Id)).Count);
    }

    [Fact]
    public async Task When_someone_else_changed_the_case_in_the_meantime_the_user_is_told_and_nothing_of_the_step_is_stored()
    {
        var talk = await OpenCaseAsync();
        var outboxBefore = (await _bot.OutboxAsync()).Count;

        // Between loading the case and storing the step, another instance stores a change to it.
        _beforePlan.Once = () => ExecuteAsync("UPDATE cases SET version = version + 1");
        await talk.Continue(_bot).Click(Confirm, ConfirmNote)
            .Expect($"Iemand anders heeft melding {CaseCodes.First} net aangepast. Wat je nu invulde is niet opgeslagen.")
            .Expect("Klopt het vermoeden?")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(ProtocolStep.Step1Suspicion, @case.CurrentStep);
        Assert.Single(await _bot.DossierAsync(@case.Id));
        Assert.Equal(outboxBefore, (await _bot.OutboxAsync()).Count);
    }

    private protected async Task<MeldingConversation> OpenCaseAsync()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await talk
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .RunAsync();
        return talk;
    }

    private bool IsSqlite => _database is SqliteTestDatabase;

    protected string Identity() => IsSqlite
        ? new SqliteConnectionStringBuilder(_connectionString).DataSource
        : new NpgsqlConnectionStringBuilder(_connectionString).Database!;

    private string FailDossierInserts(bool on) => (IsSqlite, on) switch
    {
        (true, true) => "CREATE TRIGGER test_fail_dossier BEFORE INSERT ON dossier_entries BEGIN SELECT RAISE(ABORT, 'test: dossier write fails'); END;",
        (true, false) => "DROP TRIGGER test_fail_dossier;",
        (false, true) => "CREATE FUNCTION test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'test: dossier write fails'; END $$ LANGUAGE plpgsql; " +
                         "CREATE TRIGGER test_fail_dossier BEFORE INSERT ON dossier_entries FOR EACH ROW EXECUTE FUNCTION test_fail();",
        (false, false) => "DROP TRIGGER test_fail_dossier ON dossier_entries;",
    };

    private async Task<string> StateAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, document FROM bot_state ORDER BY key";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            // Everything but the failed-turn counter of the error middleware (TurnErrorMiddleware's loop guard).
            var document = System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(1))!.AsObject();
            document.Remove("turnFailuresInARow");
            rows.Add($"{reader.GetString(0)}|{document.ToJsonString()}");
        }

        return string.Join("\n", rows);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(_connectionString + ";Pooling=False") : new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs an action in the turn after its state was loaded and before the bot handles it.</summary>
    private sealed class BeforeBot(Func<Task> action) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            await action();
            await next(cancellationToken);
        }
    }

    /// <summary>The app's notifier, with a hook that runs once between the domain step and the save.</summary>
    private sealed class ArmableNotifier(ICaseNotifier inner, ArmableNotifier.Trigger trigger) : ICaseNotifier
    {
        public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(Case @case, DossierEntry entry, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref trigger.Once, null) is { } once)
            {
                await once();
            }

            return await inner.PlanAsync(@case, entry, cancellationToken);
        }

        public sealed class Trigger
        {
#pragma warning disable CA1051 // a test hook
            public Func<Task>? Once;
#pragma warning restore CA1051
        }
    }

    /// <summary>
    /// The commands and transactions on one database, in order: EF Core's (from its DiagnosticListener: commands and the
    /// turn's transaction) and the plain commands of the case turn (from <see cref="CaseStoreSql.Trace"/>).
    /// </summary>
    private sealed class SqlTrace : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly ConcurrentQueue<string> _events = new();
        private readonly List<IDisposable> _subscriptions = [];

        public SqlTrace(string database)
        {
            _database = database;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public List<string> Events => [.. _events];

        public int Count(string marker) => _events.Count(e => e == marker);

        /// <summary>Forgets what was recorded so far; returns itself.</summary>
        public SqlTrace Restart()
        {
            _events.Clear();
            return this;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name || value.Name == CaseStoreSql.TraceName)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            // EF Core's commands, and the plain ones of the case turn (CaseStoreSql.Trace), the same way.
            var executed = value.Value switch
            {
                CommandExecutedEventData command => command.Command,
                DbCommand command when value.Key == "Command" => command,
                _ => null,
            };
            if (executed is not null && Ours(executed.Connection))
            {
                _events.Enqueue("SQL " + executed.CommandText.ReplaceLineEndings(" ").Replace("\"", string.Empty, StringComparison.Ordinal));
            }
            else if (value.Value is TransactionEventData transaction && Ours(transaction.Context?.Database.GetDbConnection()))
            {
                var marker = value.Key == RelationalEventId.TransactionStarted.Name ? "BEGIN"
                    : value.Key == RelationalEventId.TransactionCommitted.Name ? "COMMIT"
                    : value.Key == RelationalEventId.TransactionRolledBack.Name ? "ROLLBACK"
                    : null;
                if (marker is not null)
                {
                    _events.Enqueue(marker);
                }
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
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }

        /// <summary>True for a connection to this test's database (an open in-memory SQLite database has no file name).</summary>
        private bool Ours(DbConnection? connection) =>
            connection is not null && (connection.DataSource == _database || connection.Database == _database
                || (connection is SqliteConnection { DataSource.Length: > 0 } sqlite && Path.GetFullPath(sqlite.DataSource) == Path.GetFullPath(_database)));
    }
}

public sealed class OneTransactionPerTurnSqliteTests(SqliteTestDatabase database, ITestOutputHelper output)
    : OneTransactionPerTurnContract<SqliteTestDatabase>(database, output), IClassFixture<SqliteTestDatabase>;

public sealed class OneTransactionPerTurnPostgresTests(PostgresTestDatabase database, ITestOutputHelper output)
    : OneTransactionPerTurnContract<PostgresTestDatabase>(database, output), IClassFixture<PostgresTestDatabase>
{
    /// <summary>
    /// Round trips to PostgreSQL in a step submit, counted as Npgsql counts them (one activity per command or batch sent;
    /// BEGIN rides along with the first statement, COMMIT is not an activity): the case row comes back with its dossier
    /// and its members in one batch; the case row's update and the dossier entry go out as one batch whose LAST statement
    /// reads the posted alert copies (a batch's statements run in order, each with its own snapshot, so the read runs
    /// after the UPDATE holds the case row's lock); the outbox rows with their locks go in one more. The turn: the state
    /// read, the case with its dossier and members, the case write with the copies read, the outbox write, the state
    /// write: 5 (it was 7 with the members and the copies read apart, and 10 before the batches).
    /// </summary>
    [Fact]
    public async Task A_step_submit_sends_its_case_writes_to_postgresql_in_two_round_trips_around_the_alert_copies_read()
    {
        var talk = await OpenCaseAsync();
        var database = Identity();
        var sent = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name"), database))
                {
                    sent.Enqueue(activity.DisplayName + ": " + (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await talk.Continue(Bot).Click(ConfirmButton, ConfirmNoteData).Expect($"Vastgelegd in melding {CaseCodes.First}").Expect("Wie gaat welke stappen ondernemen?").RunAsync();

        var trips = sent.ToList();
        trips.ForEach(Output.WriteLine);
        var read = Assert.Single(trips, t => t.Contains("FROM cases ", StringComparison.Ordinal));
        Assert.Contains("FROM dossier_entries", read, StringComparison.Ordinal);
        Assert.Contains("FROM case_members", read, StringComparison.Ordinal);
        Assert.DoesNotContain(trips, t => t != read && t.Contains("FROM case_members", StringComparison.Ordinal));
        // The case row and its dossier entry go out in one batch that ends with the posted alert copies read (after the
        // UPDATE, which holds the case row's lock then: Features/Alerts/AlertRefreshPlanner says why); then the outbox rows.
        var write = Assert.Single(trips, t => t.Contains("UPDATE cases", StringComparison.Ordinal));
        Assert.Contains("INSERT INTO dossier_entries", write, StringComparison.Ordinal);
        var copies = Assert.Single(trips, t => t.Contains("FROM notification_deliveries", StringComparison.Ordinal));
        Assert.Equal(write, copies);
        Assert.True(
            write.IndexOf("UPDATE cases", StringComparison.Ordinal) < write.IndexOf("FROM notification_deliveries", StringComparison.Ordinal)
            && write.IndexOf("INSERT INTO dossier_entries", StringComparison.Ordinal) < write.IndexOf("FROM notification_deliveries", StringComparison.Ordinal),
            "the copies are read by the batch's last statement, after the case row's update");
        var outbox = Assert.Single(trips, t => t.Contains("INSERT INTO outbox", StringComparison.Ordinal));
        Assert.True(trips.IndexOf(write) < trips.IndexOf(outbox), "the case write with the copies read, then the outbox rows");
        Assert.DoesNotContain(trips, t => t != write && t.Contains("INSERT INTO dossier_entries", StringComparison.Ordinal));
        Assert.InRange(trips.Count, 1, 5);
        Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, Assert.Single(await Bot.CasesAsync()).CurrentStep);
    }
}
