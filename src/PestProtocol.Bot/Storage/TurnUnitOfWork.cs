using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Storage;

/// <summary>
/// One database transaction per turn (scoped: one per turn's service scope). The first case change of a turn
/// (<see cref="CaseStore"/>) begins it on the turn's <see cref="PestProtocolDbContext"/>; every later write of the turn
/// joins it; at the end of the turn <see cref="AutoSaveTurnMiddleware"/> writes the changed conversation and user state
/// in it too and commits. So the case change, its dossier entries, its outbox rows and the conversation state land
/// together or not at all. While the transaction is open, the turn's replies are held back and sent only after the
/// commit: a user never reads "Vastgelegd" for a step that is not stored.
/// </summary>
/// <remarks>
/// Outside a turn (the outbox dispatcher, the retention jobs, tests that use the store directly) nothing is attached
/// and <see cref="JoinAsync"/> returns false: the caller commits its own transaction, as before.
/// </remarks>
public sealed class TurnUnitOfWork(Func<PestProtocolDbContext> database, TimeProvider time, SqliteTurnWriteGate? gate = null)
{
    /// <summary>
    /// A connection string's parts, parsed once per connection string (an app has one or two; the tests a few hundred)
    /// instead of on every turn (0.7 % of a melding turn's CPU in the profile).
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> SqliteDataSources = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string> PostgresIdentities = new(StringComparer.Ordinal);

    private PestProtocolDbContext? _db;
    private IDisposable? _gateHeld;
    private IDbContextTransaction? _transaction;
    private ITurnContext? _turn;
    private List<Activity>? _held;
    private List<(Func<CancellationToken, Task> Write, Action Committed)>? _staged;
    private List<Action>? _afterCommit;

    /// <summary>A unit of work on an existing context (tests, jobs).</summary>
    public TurnUnitOfWork(PestProtocolDbContext db, TimeProvider time, SqliteTurnWriteGate? gate = null)
        : this(() => db, time, gate)
    {
    }

    /// <summary>
    /// The turn's context, asked for at the first write: a turn that writes nothing (help, most card views) takes no
    /// context from the pool (renting and returning one was ~1.8 % of a help turn's CPU).
    /// </summary>
    private PestProtocolDbContext Db => _db ??= database();

    /// <summary>True while the turn's transaction is open (a change is staged but not committed).</summary>
    public bool IsOpen => _transaction is not null;

    /// <summary>True once attached to a bot turn: the scope is one turn, so what a read found may be reused in it.</summary>
    public bool IsAttached => _turn is not null;

    /// <summary>How often this turn rolled back: a read reused within the turn is valid only while this has not changed.</summary>
    public int Rollbacks { get; private set; }

    /// <summary>Makes this the unit of work of <paramref name="turnContext"/>: writes join its transaction, replies wait for the commit.</summary>
    public void Attach(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        _turn = turnContext;
        SqliteTurnWriteGate.BeginTurn();
        turnContext.OnSendActivities(HoldWhileOpenAsync);
    }

    /// <summary>
    /// Joins the turn's transaction, beginning it at the first change. False when no turn is attached: then the caller
    /// runs and commits its own transaction.
    /// </summary>
    public async Task<bool> JoinAsync(CancellationToken cancellationToken)
    {
        if (_turn is null)
        {
            return false;
        }

        if (_transaction is null)
        {
            if (gate is not null && _gateHeld is null && SqliteFile() is { } file)
            {
                _gateHeld = await gate.EnterAsync(file, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                _transaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                LeaveGate();
                throw;
            }
        }

        return true;
    }

    /// <summary>
    /// Stages a write that belongs to the turn but to none of its use cases (the staff member's conversation reference):
    /// it runs at the end of the turn, inside the turn's transaction (<see cref="WriteStagedAsync"/>), so such a turn still
    /// takes the database's write lock once. <paramref name="committed"/> runs only after that transaction committed.
    /// </summary>
    public void Stage(Func<CancellationToken, Task> write, Action committed)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(committed);
        (_staged ??= []).Add((write, committed));
    }

    /// <summary>
    /// Runs the staged writes in the turn's transaction, beginning it when the turn changed no case, so the state written
    /// next joins it. Called once at the end of the turn, before the state is written.
    /// </summary>
    public async Task WriteStagedAsync(CancellationToken cancellationToken)
    {
        if (_staged is not { Count: > 0 } staged)
        {
            return;
        }

        _staged = null;
        var joined = await JoinAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (write, committed) in staged)
        {
            await write(cancellationToken).ConfigureAwait(false);
            if (joined)
            {
                (_afterCommit ??= []).Add(committed);
            }
            else
            {
                committed();
            }
        }
    }

    /// <summary>
    /// Undoes everything written in this turn's transaction (a case someone else changed first, or a failure) and drops
    /// the replies held back for it: they spoke of changes that are not stored. The turn may begin a new transaction.
    /// </summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        var transaction = _transaction;
        Rollbacks++;
        _held = null;
        _afterCommit = null;
        if (transaction is null)
        {
            LeaveGate();
            return;
        }

        _transaction = null;
        try
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            Db.ChangeTracker.Clear();
            LeaveGate();
        }
    }

    /// <summary>Commits the turn's transaction (if one is open), then sends the replies that waited for it.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            try
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                LeaveGate();
            }
        }

        if (_afterCommit is { } afterCommit)
        {
            _afterCommit = null;
            afterCommit.ForEach(committed => committed());
        }

        if (_held is { Count: > 0 } held && _turn is { } turn)
        {
            _held = null;
            await turn.Adapter.SendActivitiesAsync(turn, held, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes changed state documents: inside the turn's transaction when one is open and the state table lives in the
    /// same database (SQLite file or PostgreSQL database), else through <paramref name="storage"/> as usual.
    /// The ETag rules are those of <see cref="SqlStateStorage"/> (<see cref="StateSql"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> WriteStateAsync(IStorage storage, IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(changes);
        if (storage is Features.AnonymousReports.Drafts.DraftKeepingStorage drafts)
        {
            // Open anonymous drafts never reach the database (not even inside this transaction); the rest joins it.
            return await drafts.WriteAsync(changes, (rest, ct) => WriteStateAsync(drafts.Inner, rest, ct), cancellationToken).ConfigureAwait(false);
        }

        if (_transaction is null || !SharesDatabase(storage))
        {
            return await storage.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
        }

        var updatedAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var etags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        var session = await SqlSession.OpenAsync(Db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            foreach (var (key, item) in changes)
            {
                var etag = Guid.NewGuid().ToString("N");
                var sql = item.ETag switch
                {
                    null or StoreItem.AnyETag => StateSql.Upsert,
                    StoreItem.CreateOnlyETag => StateSql.InsertNew,
                    _ => StateSql.UpdateIfMatch,
                };
                var command = session.Command(sql);
                await using (command.ConfigureAwait(false))
                {
                    CaseStoreSql.AddText(command, "@key", key);
                    CaseStoreSql.AddText(command, "@document", item.Document.GetRawText());
                    CaseStoreSql.AddText(command, "@etag", etag);
                    CaseStoreSql.AddText(command, "@updated_at", updatedAt);
                    if (ReferenceEquals(sql, StateSql.UpdateIfMatch))
                    {
                        CaseStoreSql.AddText(command, "@expected_etag", item.ETag!);
                    }

                    if (await SqlSession.ExecuteAsync(command, cancellationToken).ConfigureAwait(false) != 1)
                    {
                        throw new StoragePreconditionFailedException(key);
                    }
                }

                etags[key] = etag;
            }
        }

        return etags;
    }

    private void LeaveGate()
    {
        var held = _gateHeld;
        _gateHeld = null;
        held?.Dispose();
    }

    /// <summary>The case database's data source (a file, or a shared in-memory database's name) on SQLite, else null.</summary>
    private string? SqliteFile() =>
        Db is SqlitePestProtocolDbContext && Db.Database.GetConnectionString() is { Length: > 0 } connectionString
        && SqliteDataSource(connectionString) is { Length: > 0 } dataSource
            ? dataSource
            : null;

    private Task<ResourceResponse[]> HoldWhileOpenAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        if (_transaction is null)
        {
            return next();
        }

        (_held ??= []).AddRange(activities);
        return Task.FromResult(activities.Select(_ => new ResourceResponse()).ToArray());
    }

    /// <summary>True when the state table is in the database this context writes to.</summary>
    private bool SharesDatabase(IStorage storage)
    {
        var connectionString = Db.Database.GetConnectionString();
        if (string.IsNullOrEmpty(connectionString))
        {
            return false;
        }

        return storage switch
        {
            SqliteStorage sqlite when Db is SqlitePestProtocolDbContext =>
                SameFile(sqlite.DataSource, SqliteDataSource(connectionString)),
            PostgresStorage postgres when Db is PostgresPestProtocolDbContext =>
                string.Equals(postgres.DatabaseIdentity, PostgresIdentities.GetOrAdd(connectionString, PostgresStorage.Identity), StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>A SQLite connection string's data source, parsed once per connection string.</summary>
    internal static string SqliteDataSource(string connectionString) =>
        SqliteDataSources.GetOrAdd(connectionString, static c => new SqliteConnectionStringBuilder(c).DataSource);

    private static bool SameFile(string a, string b) =>
        !string.IsNullOrEmpty(a) && a != ":memory:"
        && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
