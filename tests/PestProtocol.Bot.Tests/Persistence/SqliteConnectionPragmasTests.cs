using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Storage;
using PestProtocol.Bot.Tests.Storage;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>
/// The case database's connections commit with <c>synchronous = FULL</c> (a stored step survives a power cut) and wait
/// for the writer lock (<c>busy_timeout</c>), also when the pool hands out a connection the bot-state store set up last
/// (<c>synchronous = NORMAL</c>): the settings run once per native connection, not once per open, and not "once ever".
/// </summary>
public sealed class SqliteConnectionPragmasTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public SqliteConnectionPragmasTests() => Directory.CreateDirectory(Path.GetDirectoryName(_database.FilePath)!);

    public void Dispose() => _database.Dispose();

    private string SharedConnectionString => new SqliteConnectionStringBuilder(_database.ConnectionString) { Pooling = true }.ToString();

    [Fact]
    public async Task A_case_connection_opened_again_from_the_pool_still_commits_durably_and_waits_for_the_lock()
    {
        await using (var first = CaseDatabase())
        {
            Assert.Equal((2L, 5000L, 1L), await SettingsAsync(first));
        }

        await using var again = CaseDatabase();
        Assert.Equal((2L, 5000L, 1L), await SettingsAsync(again));
    }

    [Fact]
    public async Task A_pooled_connection_the_state_store_set_up_last_is_durable_again_when_the_case_database_opens_it()
    {
        object? caseHandle;
        await using (var first = CaseDatabase())
        {
            Assert.Equal((2L, 5000L, 1L), await SettingsAsync(first));
            caseHandle = LastHandle;
        }

        // The state store on the same file with the same connection string draws from the same pool and sets NORMAL.
        var storage = new SqliteStorage(new StateStorageOptions { ConnectionString = SharedConnectionString });
        await storage.ReadAsync(["msteams/conversations/c1"]);
        await using (var raw = new SqliteConnection(SharedConnectionString))
        {
            await raw.OpenAsync();
            Assert.Same(caseHandle, raw.Handle);
            Assert.Equal(1L, await ScalarAsync(raw, "PRAGMA synchronous"));
        }

        await using var again = CaseDatabase();
        Assert.Equal((2L, 5000L, 1L), await SettingsAsync(again));
        Assert.Same(caseHandle, LastHandle);
    }

    /// <summary>The native connection <see cref="SettingsAsync"/> read last.</summary>
    private object? LastHandle { get; set; }

    private SqlitePestProtocolDbContext CaseDatabase() =>
        new(new DbContextOptionsBuilder<SqlitePestProtocolDbContext>()
            .UseSqlite(SharedConnectionString)
            .AddInterceptors(new SqliteBusyTimeoutInterceptor(TimeSpan.FromSeconds(5)))
            .Options);

    /// <summary>(synchronous, busy_timeout, secure_delete) on the context's connection, opened as a turn opens it.</summary>
    private async Task<(long Synchronous, long BusyTimeout, long SecureDelete)> SettingsAsync(PestProtocolDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            LastHandle = ((SqliteConnection)connection).Handle;
            return (await ScalarAsync(connection, "PRAGMA synchronous"), await ScalarAsync(connection, "PRAGMA busy_timeout"), await ScalarAsync(connection, "PRAGMA secure_delete"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
