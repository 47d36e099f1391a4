using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PestProtocol.Bot.Tests.Storage;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>
/// Issue 16: no file links a student's chat to an anonymous report. The scan looks at the database files byte for byte
/// WHILE the bot runs (SQLite's WAL is not merged yet), during an unsent draft and after the report was sent, and at
/// PostgreSQL: every table's contents and the server's write-ahead log since the test began.
/// </summary>
public sealed class DraftTraceTests : IDisposable
{
    // Unique per run, so that a WAL segment of an earlier run (the server recycles them) cannot be mistaken for this one.
    private static readonly string Run = Guid.NewGuid().ToString("N")[..10];
    private static readonly string DraftStory = $"Bij de kluisjes pakken ze mijn telefoon af, zegt Wolfert{Run} Hagelslag steeds.";
    private static readonly string Conversation = $"a:YY{Run}-traceable-conversation";
    private static readonly string From = $"29:YY{Run}-traceable-sender";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-trace-" + Guid.NewGuid().ToString("N"));
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero));

    private static string[] Identifying => [Conversation, From, "YY" + Run, "Wolfert" + Run, "Hagelslag", "kluisjes"];

    private string DatabasePath => Path.Combine(_folder, "bot.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task While_the_bot_runs_the_sqlite_files_hold_neither_an_unsent_draft_nor_the_chat_of_a_student_who_reported()
    {
        Directory.CreateDirectory(_folder);
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        await using var holder = await HoldOpenAsync(DatabasePath);
        var student = bot.Chat("unknown-yy", From, "Yara Traceerbaar", Conversation);

        // Half-way: the story is typed, the student is at the second question. No checkpoint: the WAL is as it is.
        await bot.Flow(student)
            .Send("anoniem melden")
            .AssertCardContains("Wat is er gebeurd?")
            .ClickButton("Volgende", new { wat = DraftStory })
            .AssertCardContains("Gaat het over jou of over iemand anders?")
            .StartTestAsync();
        var files = ReadDatabaseFiles();
        Assert.Contains(files.Keys, name => name.EndsWith("-wal", StringComparison.Ordinal));
        AssertNoneOf(Identifying, files);

        // The student stops; another student sends a report. Still no trace of the first, and the second's chat is nowhere.
        await bot.Flow(student).Send("stop").AssertReply(_ => { }, "stopped").StartTestAsync();
        Assert.Equal(0, bot.Services.GetRequiredService<PestProtocol.Bot.Features.AnonymousReports.Drafts.DraftKeepingStorage>().OpenDrafts);
        var second = bot.Chat("unknown-yy2", $"29:XX{Run}-second-sender", "Xander", $"a:XX{Run}-second-conversation");
        await bot.Flow(second).Report(online: false).StartTestAsync();

        files = ReadDatabaseFiles();
        Assert.Contains(files.Values, bytes => Contains(bytes, "klassenapp"));
        AssertNoneOf([.. Identifying, "XX" + Run], files);
    }

    [Fact]
    public async Task Postgresql_tables_and_write_ahead_log_hold_neither_an_unsent_draft_nor_the_chat_of_a_student_who_reported()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        try
        {
            var connectionString = await database.CreateSchemaAsync();
            await using var walKept = await KeepWalAsync(connectionString);
            var walStart = await ScalarAsync<string>(connectionString, "SELECT pg_current_wal_lsn()::text");
            await using var bot = await BotHarness.StartAsync(DatabasePath, _clock, overrides: new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["ConnectionStrings:PestProtocol"] = connectionString,
            });

            var student = bot.Chat("unknown-yy", From, "Yara Traceerbaar", Conversation);
            await bot.Flow(student)
                .Send("anoniem melden")
                .AssertCardContains("Wat is er gebeurd?")
                .ClickButton("Volgende", new { wat = DraftStory })
                .AssertCardContains("Gaat het over jou of over iemand anders?")
                .StartTestAsync();
            var second = bot.Chat("unknown-yy2", $"29:XX{Run}-second-sender", "Xander", $"a:XX{Run}-second-conversation");
            await bot.Flow(second).Report(online: false).StartTestAsync();

            // Every row of every table of the bot's schema, as text.
            var rows = await AllRowsAsync(connectionString);
            Assert.Contains(rows, row => row.Contains("klassenapp", StringComparison.Ordinal));
            foreach (var value in (string[])[.. Identifying, "XX" + Run])
            {
                Assert.DoesNotContain(rows, row => row.Contains(value, StringComparison.OrdinalIgnoreCase));
            }

            // The server's WAL segments written since the test began (read through the server: its data directory is not ours).
            var wal = await WalSinceAsync(connectionString, walStart);
            Assert.NotNull(wal);
            {
                Assert.True(Contains(wal, "klassenapp"), "the WAL scan found not even the sent report: it does not see the writes");
                foreach (var value in (string[])[.. Identifying, "XX" + Run])
                {
                    Assert.False(Contains(wal, value), $"'{value}' found in PostgreSQL's write-ahead log");
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await database.DisposeAsync();
        }
    }

    private Dictionary<string, byte[]> ReadDatabaseFiles()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(_folder))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[Path.GetFileName(path)] = copy.ToArray();
        }

        return files;
    }

    private static void AssertNoneOf(IEnumerable<string> values, Dictionary<string, byte[]> files)
    {
        foreach (var value in values)
        {
            foreach (var (name, bytes) in files)
            {
                Assert.False(Contains(bytes, value), $"'{value}' found in {name}");
            }
        }
    }

    /// <summary>
    /// A connection of the test's own that keeps the SQLite database open until it is disposed. SQLite checkpoints the
    /// <c>-wal</c> file into the database and deletes it when the last connection closes; on a slow machine the bot's pool
    /// may close its idle connections before the test reads the files, and the scan "as the files are while the bot runs"
    /// would then find no WAL to read. One read leaves this connection holding its shared lock in WAL mode, so it is never
    /// the last one; it writes nothing and changes nothing the bot does.
    /// </summary>
    internal static async Task<SqliteConnection> HoldOpenAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        await command.ExecuteScalarAsync();
        return connection;
    }

    internal static bool Contains(byte[] haystack, string value) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0;

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<List<string>> AllRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("bot_state", tables);
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        return rows;
    }

    /// <summary>
    /// Keeps the server's write-ahead log from now on until disposed, with a physical replication slot that reserves it:
    /// without it a checkpoint (other tests write a lot at the same time) may recycle a segment between the start LSN and
    /// the read, and <see cref="WalSinceAsync"/> would fail or, worse, read less than was written. A server that does not
    /// allow slots keeps its old behaviour.
    /// </summary>
    internal static async Task<IAsyncDisposable> KeepWalAsync(string connectionString)
    {
        var slot = "pestprotocol_test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("SELECT pg_create_physical_replication_slot(@slot, true)", connection);
        create.Parameters.AddWithValue("slot", slot);
        try
        {
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException)
        {
            return new WalSlot(null, null);
        }

        return new WalSlot(connectionString, slot);
    }

    private sealed class WalSlot(string? connectionString, string? slot) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connectionString is null || slot is null)
            {
                return;
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("SELECT pg_drop_replication_slot(@slot)", connection);
            drop.Parameters.AddWithValue("slot", slot);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The WAL segment files from <paramref name="startLsn"/> to now, read with pg_read_binary_file (needs a superuser,
    /// as the test server's postgres is); null when the server does not allow it.
    /// </summary>
    internal static async Task<byte[]?> WalSinceAsync(string connectionString, string startLsn)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var flush = new NpgsqlCommand("SELECT pg_switch_wal()", connection))
        {
            try
            {
                await flush.ExecuteScalarAsync();
            }
            catch (PostgresException)
            {
                return null;
            }
        }

        var segments = new List<string>();
        await using (var names = new NpgsqlCommand(
            "SELECT name FROM pg_ls_waldir() WHERE name >= pg_walfile_name(@start::pg_lsn) AND name <= pg_walfile_name(pg_current_wal_lsn()) AND name ~ '^[0-9A-F]{24}$' ORDER BY name", connection))
        {
            names.Parameters.AddWithValue("start", startLsn);
            await using var reader = await names.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                segments.Add(reader.GetString(0));
            }
        }

        using var all = new MemoryStream();
        foreach (var segment in segments)
        {
            await using var read = new NpgsqlCommand("SELECT pg_read_binary_file('pg_wal/' || @name)", connection);
            read.Parameters.AddWithValue("name", segment);
            var bytes = (byte[])(await read.ExecuteScalarAsync())!;
            all.Write(bytes);
        }

        return all.Length == 0 ? null : all.ToArray();
    }
}
