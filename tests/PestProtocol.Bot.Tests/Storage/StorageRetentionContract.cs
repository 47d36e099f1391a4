using System.Text.Json;
using PestProtocol.Bot.Storage;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Storage;

/// <summary>What every store's <see cref="IStorageRetention"/> must do, on a fake clock; each store runs this same suite.</summary>
public abstract class StorageRetentionContract
{
    protected TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    protected abstract IStorage CreateStorage(TimeProvider time);

    private static JsonElement Doc(object value) => BotJson.ToElement(value);

    private static Task WriteAsync(IStorage storage, string key, object document) =>
        storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new StoreItem(Doc(document), null) });

    private static bool IsDraft(JsonElement document) => document.TryGetProperty("kind", out var kind) && kind.GetString() == "draft";

    [Fact]
    public async Task Only_documents_that_are_both_old_and_chosen_are_deleted()
    {
        var storage = CreateStorage(Clock);
        await WriteAsync(storage, "old-draft", new { kind = "draft", text = "oud" });
        await WriteAsync(storage, "old-other", new { kind = "other" });
        Clock.Advance(TimeSpan.FromHours(3));
        await WriteAsync(storage, "new-draft", new { kind = "draft", text = "nieuw" });

        var deleted = await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Clock.GetUtcNow() - TimeSpan.FromHours(1), IsDraft);

        Assert.Equal(1, deleted);
        var left = await storage.ReadAsync(["old-draft", "old-other", "new-draft"]);
        Assert.Equal(["new-draft", "old-other"], left.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_document_written_again_is_young_again()
    {
        var storage = CreateStorage(Clock);
        await WriteAsync(storage, "draft", new { kind = "draft", step = 1 });
        Clock.Advance(TimeSpan.FromHours(3));
        await WriteAsync(storage, "draft", new { kind = "draft", step = 2 });
        Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Clock.GetUtcNow() - TimeSpan.FromHours(1), IsDraft));
        Assert.Single(await storage.ReadAsync(["draft"]));
    }

    [Fact]
    public async Task A_document_written_while_it_was_being_examined_is_kept()
    {
        var storage = CreateStorage(Clock);
        await WriteAsync(storage, "draft", new { kind = "draft", step = 1 });
        Clock.Advance(TimeSpan.FromHours(3));

        // The student answers at the very moment the sweep looks at the document.
        var deleted = await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Clock.GetUtcNow() - TimeSpan.FromHours(1), document =>
        {
            WriteAsync(storage, "draft", new { kind = "draft", step = 2 }).GetAwaiter().GetResult();
            return true;
        });

        Assert.Equal(0, deleted);
        Assert.Equal(2, (await storage.ReadAsync(["draft"]))["draft"].Document.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task The_text_filter_is_literal_and_only_matching_documents_are_examined()
    {
        var storage = CreateStorage(Clock);
        await WriteAsync(storage, "a", new { note = "flow_50%" });
        await WriteAsync(storage, "b", new { note = "flowX50 percent" });
        await WriteAsync(storage, "c", new { note = "nothing" });
        Clock.Advance(TimeSpan.FromHours(3));
        var examined = 0;

        var deleted = await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Clock.GetUtcNow(), _ =>
        {
            examined++;
            return true;
        }, mustContain: "flow_50%");

        Assert.Equal(1, deleted);
        Assert.Equal(1, examined);
        Assert.Equal(["b", "c"], (await storage.ReadAsync(["a", "b", "c"])).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Many_old_documents_are_all_swept_in_one_call()
    {
        var storage = CreateStorage(Clock);
        var keys = Enumerable.Range(0, 450).Select(i => $"msteams/conversations/a:{i:D4}").ToList();
        await storage.WriteAsync(keys.ToDictionary(k => k, k => new StoreItem(Doc(new { kind = k.EndsWith('7') ? "other" : "draft" }), null)));
        Clock.Advance(TimeSpan.FromDays(1));

        var deleted = await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Clock.GetUtcNow(), IsDraft);

        Assert.Equal(405, deleted);
        Assert.Equal(45, (await storage.ReadAsync(keys)).Count);
    }
}

/// <summary>The retention contract on SQLite.</summary>
public sealed class SqliteStorageRetentionTests : StorageRetentionContract, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override IStorage CreateStorage(TimeProvider time) => new SqliteStorage(new StateStorageOptions { ConnectionString = _database.ConnectionString }, time: time);

    public void Dispose() => _database.Dispose();
}

/// <summary>The retention contract in memory.</summary>
public sealed class MemoryStorageRetentionTests : StorageRetentionContract
{
    protected override IStorage CreateStorage(TimeProvider time) => new MemoryStorage(time);
}

/// <summary>The retention contract on a real PostgreSQL server (<c>PESTPROTOCOL_TEST_POSTGRES</c>): one schema per test.</summary>
public sealed class PostgresStorageRetentionTests(PostgresTestDatabase database)
    : StorageRetentionContract, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly List<PostgresStorage> _storages = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await database.CreateSchemaAsync();

    protected override IStorage CreateStorage(TimeProvider time)
    {
        var storage = new PostgresStorage(new StateStorageOptions { ConnectionString = _connectionString }, time: time);
        _storages.Add(storage);
        return storage;
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }
    }
}
