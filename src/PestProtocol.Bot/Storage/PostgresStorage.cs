using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace PestProtocol.Bot.Storage;

/// <summary>
/// Bot state in PostgreSQL (the production store), through one pooled <see cref="NpgsqlDataSource"/>.
/// It runs the same statements as SQLite (<see cref="StateSql"/>) and creates the table on first use.
/// Under PostgreSQL's default READ COMMITTED isolation a conditional update waits for a concurrent
/// writer of the same row and then re-checks the ETag, so two bot instances cannot both win.
/// </summary>
public sealed class PostgresStorage : SqlStateStorage, IAsyncDisposable, IDisposable
{
    // PostgreSQL reports a table created concurrently by another instance as one of these.
    private const string UniqueViolation = "23505";
    private const string DuplicateTable = "42P07";
    private const string DuplicateObject = "42710"; // the table's row type, created by a concurrent CREATE TABLE IF NOT EXISTS

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresStorage(StateStorageOptions options, ILogger<PostgresStorage>? logger = null, TimeProvider? time = null)
        : base(logger ?? NullLogger<PostgresStorage>.Instance, time ?? TimeProvider.System)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException(
                "Storage:Provider PostgreSql needs a connection string in ConnectionStrings:PestProtocol (or Storage:ConnectionString).",
                nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        DatabaseIdentity = Identity(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Host, port and database of the state table (to tell whether a case-database transaction can hold state writes too).</summary>
    public string DatabaseIdentity { get; }

    /// <summary>"host:port/database" of a connection string.</summary>
    public static string Identity(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
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

    public ValueTask DisposeAsync()
    {
        _schemaLock.Dispose();
        return _dataSource.DisposeAsync();
    }

    public void Dispose()
    {
        _schemaLock.Dispose();
        _dataSource.Dispose();
    }

    private async Task CreateSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = StateSql.CreateTable;
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException exception) when (exception.SqlState is UniqueViolation or DuplicateTable or DuplicateObject)
                {
                    // Another instance created it between our check and our CREATE: the table is there.
                }
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
