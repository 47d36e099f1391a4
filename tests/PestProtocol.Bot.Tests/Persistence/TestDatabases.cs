using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PestProtocol.Bot.Persistence;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>
/// A real database for one test class: migrated once, shared by its tests (each test uses its own location and
/// staff ids). Further empty databases can be made for migration tests; all are removed at the end.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    /// <summary>Storage:Provider value for this database.</summary>
    public abstract string Provider { get; }

    /// <summary>Connection string of the shared, migrated database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A context on the shared database, with optional interceptors (e.g. to see the SQL sent).</summary>
    public PestProtocolDbContext CreateContext(params IInterceptor[] interceptors) => CreateContext(ConnectionString, interceptors);

    /// <summary>A context on any database of this provider.</summary>
    public abstract PestProtocolDbContext CreateContext(string connectionString, params IInterceptor[] interceptors);

    /// <summary>A new, empty database (not migrated); removed when the class is done.</summary>
    public abstract Task<string> CreateEmptyDatabaseAsync();

    /// <summary>A service provider wired the way the app wires it, on the given database.</summary>
    public ServiceProvider CreateServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = Provider,
                ["ConnectionStrings:PestProtocol"] = connectionString,
            })
            .Build();
        return new ServiceCollection().AddPestProtocolPersistence(configuration).BuildServiceProvider();
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateEmptyDatabaseAsync();
        await using var services = CreateServices(ConnectionString);
        await services.MigratePestProtocolDatabaseAsync();
    }

    public abstract Task DisposeAsync();
}

/// <summary>SQLite files in a fresh temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-persistence-" + Guid.NewGuid().ToString("N"));

    public override string Provider => PersistenceProviders.Sqlite;

    /// <summary>The folder the files are in (created by the code under test, not by the fixture).</summary>
    public string Folder => _folder;

    public override PestProtocolDbContext CreateContext(string connectionString, params IInterceptor[] interceptors) =>
        new SqlitePestProtocolDbContext(new DbContextOptionsBuilder<SqlitePestProtocolDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(interceptors)
            .Options);

    public override Task<string> CreateEmptyDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_folder, "data", Guid.NewGuid().ToString("N") + ".db")}");

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Fresh PostgreSQL databases on the server named by <c>PESTPROTOCOL_TEST_POSTGRES</c> (created here, dropped at the end).
/// Without that variable every PostgreSQL test fails, saying how to start a server.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string EnvironmentVariable = "PESTPROTOCOL_TEST_POSTGRES";

    private readonly ConcurrentBag<string> _databases = [];
    private readonly string _server;

    public PostgresTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(EnvironmentVariable) ?? string.Empty;
    }

    public override string Provider => PersistenceProviders.PostgreSql;

    public override PestProtocolDbContext CreateContext(string connectionString, params IInterceptor[] interceptors) =>
        new PostgresPestProtocolDbContext(new DbContextOptionsBuilder<PostgresPestProtocolDbContext>()
            .UseNpgsql(connectionString)
            .AddInterceptors(interceptors)
            .Options);

    public override async Task<string> CreateEmptyDatabaseAsync()
    {
        if (string.IsNullOrWhiteSpace(_server))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL persistence tests need a server: set {EnvironmentVariable} to an Npgsql connection string of a " +
                "user allowed to CREATE DATABASE, e.g. 'Host=127.0.0.1;Port=55441;Username=postgres'. A throwaway server: " +
                "install -d -o postgres /tmp/pg && runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D /tmp/pg/data -A trust -U postgres && " +
                "runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pg/data -l /tmp/pg/log -w " +
                "-o \"-c listen_addresses=127.0.0.1 -p 55441 -k /tmp/pg\" start (see /work/shared/TESTING.md).");
        }

        var name = "pestprotocol_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (_databases.IsEmpty)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Records the SQL a context sends: EF Core's commands (as an interceptor) and the plain commands the case store runs on
/// the same context's connection (reported by <see cref="CaseStoreSql.Trace"/>; the connection is known once EF Core opens it).
/// </summary>
public sealed class SqlLog : DbCommandInterceptor, IDbConnectionInterceptor, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ConcurrentDictionary<System.Data.Common.DbConnection, bool> _connections = new();
    private readonly IDisposable _subscription;

    private int _failed;

    public SqlLog()
    {
        _subscription = CaseStoreSql.Trace.Subscribe(this);
    }

    public IReadOnlyList<string> Commands => _commands.ToList();

    /// <summary>Commands the database refused (e.g. a unique violation).</summary>
    public int Failed => Volatile.Read(ref _failed);

    public void Dispose() => _subscription.Dispose();

    public InterceptionResult ConnectionOpening(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _connections.TryAdd(connection, true);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        _connections.TryAdd(connection, true);
        return ValueTask.FromResult(result);
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is System.Data.Common.DbCommand command && command.Connection is { } connection && _connections.ContainsKey(connection))
        {
            if (value.Key == "CommandFailed")
            {
                Interlocked.Increment(ref _failed);
            }

            _commands.Enqueue(command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public override Task CommandFailedAsync(System.Data.Common.DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _failed);
        return base.CommandFailedAsync(command, eventData, cancellationToken);
    }

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
