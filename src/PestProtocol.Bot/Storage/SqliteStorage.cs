using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PestProtocol.Bot.Storage;

/// <summary>
/// Bot state in a SQLite file (the embedded default), through Microsoft.Data.Sqlite with pooled
/// connections. The database runs in WAL mode (readers never wait for the writer) with
/// <c>synchronous=NORMAL</c> and a busy timeout, and the table is created on first use.
/// SQLite is in-process, so its "async" calls complete synchronously: no thread is parked on I/O.
/// </summary>
public sealed class SqliteStorage : SqlStateStorage
{
    /// <summary>Used when no connection string is configured.</summary>
    public const string DefaultConnectionString = "Data Source=./data/pestprotocol.db";

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly SqliteTurnWriteGate? _gate;
    private readonly string _dataSource;
    private readonly TimeSpan _busyTimeout;
    private volatile bool _schemaReady;

    /// <summary>
    /// Creates the store. With a <paramref name="gate"/> (the bot's), its writes queue for the file with the turns that
    /// change a case, asynchronously and in order, instead of sleeping in SQLite's busy handler.
    /// </summary>
    public SqliteStorage(StateStorageOptions options, ILogger<SqliteStorage>? logger = null, TimeProvider? time = null, SqliteTurnWriteGate? gate = null)
        : base(logger ?? NullLogger<SqliteStorage>.Instance, time ?? TimeProvider.System)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gate = gate;
        _busyTimeout = options.BusyTimeout;
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultConnectionString : options.ConnectionString)
        {
            Pooling = true,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        _connectionString = builder.ToString();
        _dataSource = builder.Mode == SqliteOpenMode.Memory ? string.Empty : builder.DataSource;
        var busyMilliseconds = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // secure_delete: a deleted or rewritten state document (e.g. an anonymous report's dialog) is overwritten with zeros, not left in free space.
        _connectionPragmas = "PRAGMA busy_timeout = " + busyMilliseconds + "; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";
    }

    /// <summary>The database file in use.</summary>
    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <inheritdoc />
    protected override Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        _gate is null ? Task.FromResult<IDisposable?>(null) : _gate.TryEnterAsync(_dataSource, _busyTimeout, cancellationToken);

    /// <summary>SQLite keeps TEXT as UTF-8 (the database's encoding): its bytes are parsed as they are stored.</summary>
    protected override JsonElement ReadDocument(DbDataReader reader, int ordinal) =>
        JsonElement.Parse(reader.GetFieldValue<byte[]>(ordinal));

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per-connection settings: run once per native connection, which the pool hands out again with them set.
            await Persistence.SqliteConnectionPragmas.ApplyAsync(connection, _connectionPragmas, cancellationToken).ConfigureAwait(false);
            if (!_schemaReady)
            {
                await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            // WAL is a property of the file: set once, every later connection uses it.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, StateSql.CreateTable, cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
