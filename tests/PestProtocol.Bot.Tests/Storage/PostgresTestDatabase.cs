using Npgsql;

namespace PestProtocol.Bot.Tests.Storage;

/// <summary>
/// A throwaway database on the PostgreSQL server named by <c>PESTPROTOCOL_TEST_POSTGRES</c>: created for
/// one test class, dropped (with its open connections) when the class is done. Each test gets its own
/// schema in it, so tests never see each other's rows.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public const string VariableName = "PESTPROTOCOL_TEST_POSTGRES";

    private string? _serverConnectionString;

    /// <summary>The database's name, <c>pp_test_</c> and a random suffix.</summary>
    public string Name { get; } = "pp_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Connection string to this class's database (no schema chosen).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The server's connection string; fails the test with instructions when it is not set.</summary>
    public static string ServerConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{VariableName} is not set, so the PostgreSQL storage tests cannot run. Run ./test.sh (it starts a throwaway server), " +
                "or start one yourself as root: install -d -o postgres /tmp/pg && " +
                "runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D /tmp/pg/data -A trust -U postgres --no-sync && " +
                "runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pg/data -l /tmp/pg/log -w " +
                "-o \"-c listen_addresses=127.0.0.1 -p 55432 -k /tmp/pg -c fsync=off\" start, then " +
                $"export {VariableName}=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"");
        }

        return value;
    }

    public async Task InitializeAsync()
    {
        _serverConnectionString = ServerConnectionString();
        await ExecuteOnServerAsync($"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = Name }.ToString();
    }

    /// <summary>A fresh, empty schema in this database and a connection string whose search path is that schema.</summary>
    public async Task<string> CreateSchemaAsync()
    {
        var schema = "s_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_serverConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
