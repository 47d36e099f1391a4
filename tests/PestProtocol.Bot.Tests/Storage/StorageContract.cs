using System.Text.Json;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Tests.Storage;

/// <summary>What every <see cref="IStorage"/> must do; each store runs this same suite.</summary>
public abstract class StorageContract
{
    protected abstract IStorage CreateStorage();

    private static JsonElement Doc(object value) => BotJson.ToElement(value);

    private static Task<IReadOnlyDictionary<string, string>> WriteAsync(IStorage storage, string key, JsonElement document, string? etag) =>
        storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new StoreItem(document, etag) });

    [Fact]
    public async Task Reading_a_missing_key_finds_nothing()
    {
        var storage = CreateStorage();

        var found = await storage.ReadAsync(["msteams/conversations/none"]);

        Assert.Empty(found);
    }

    [Fact]
    public async Task A_written_document_reads_back_with_the_etag_the_write_returned()
    {
        var storage = CreateStorage();
        const string key = "msteams/conversations/a:1Xy;messageid=17";

        var etags = await WriteAsync(storage, key, Doc(new { count = 3, note = "één" }), null);
        var found = await storage.ReadAsync([key]);

        var item = found[key];
        Assert.Equal(3, item.Document.GetProperty("count").GetInt32());
        Assert.Equal("één", item.Document.GetProperty("note").GetString());
        Assert.False(string.IsNullOrEmpty(item.ETag));
        Assert.Equal(etags[key], item.ETag);
    }

    [Fact]
    public async Task A_document_with_any_text_reads_back_exactly_as_written()
    {
        var storage = CreateStorage();
        const string key = "msteams/conversations/a:tekst";
        var document = JsonElement.Parse(
            """{"dialogState":{"dialogStack":[{"id":"melding","state":{"leerling":"Zoë van den Bërg","notitie":"‘grapjes’ – \"citaat\" \\ <b>&amp;</b>\n\tregel 😟 \u0000 \ud83d\ude1f","n":1.50,"leeg":null}}]},"turnFailuresInARow":0}""");

        await WriteAsync(storage, key, document, null);
        var found = await storage.ReadAsync([key]);

        Assert.Equal(document.GetRawText(), found[key].Document.GetRawText());
        Assert.Equal("Zoë van den Bërg", found[key].Document.GetProperty("dialogState").GetProperty("dialogStack")[0].GetProperty("state").GetProperty("leerling").GetString());
    }

    [Fact]
    public async Task Changing_the_written_object_afterwards_does_not_change_what_is_stored()
    {
        var storage = CreateStorage();
        var list = new List<string> { "first" };
        await WriteAsync(storage, "k", Doc(new { list }), null);

        list.Add("second");
        var found = await storage.ReadAsync(["k"]);

        Assert.Equal(1, found["k"].Document.GetProperty("list").GetArrayLength());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_keeps_the_newer_document()
    {
        var storage = CreateStorage();
        var first = await WriteAsync(storage, "k", Doc(new { v = 1 }), null);
        await WriteAsync(storage, "k", Doc(new { v = 2 }), first["k"]);

        var failure = await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => WriteAsync(storage, "k", Doc(new { v = 3 }), first["k"]));

        Assert.Equal("k", failure.Key);
        Assert.Equal(2, (await storage.ReadAsync(["k"]))["k"].Document.GetProperty("v").GetInt32());
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_gives_a_new_etag()
    {
        var storage = CreateStorage();
        var first = await WriteAsync(storage, "k", Doc(new { v = 1 }), null);

        var second = await WriteAsync(storage, "k", Doc(new { v = 2 }), first["k"]);

        Assert.NotEqual(first["k"], second["k"]);
        Assert.Equal(2, (await storage.ReadAsync(["k"]))["k"].Document.GetProperty("v").GetInt32());
    }

    [Theory]
    [InlineData(StoreItem.AnyETag)]
    [InlineData(null)]
    public async Task A_star_or_null_etag_overwrites_whatever_is_stored(string? etag)
    {
        var storage = CreateStorage();
        await WriteAsync(storage, "k", Doc(new { v = 1 }), null);
        await WriteAsync(storage, "k", Doc(new { v = 2 }), null);

        await WriteAsync(storage, "k", Doc(new { v = 9 }), etag);

        Assert.Equal(9, (await storage.ReadAsync(["k"]))["k"].Document.GetProperty("v").GetInt32());
    }

    [Fact]
    public async Task A_create_only_write_succeeds_once_and_then_fails()
    {
        var storage = CreateStorage();

        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = StoreItem.CreateOnly(Doc(new { v = 1 })) });
        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() =>
            storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = StoreItem.CreateOnly(Doc(new { v = 2 })) }));

        Assert.Equal(1, (await storage.ReadAsync(["k"]))["k"].Document.GetProperty("v").GetInt32());
    }

    [Fact]
    public async Task A_write_with_an_etag_to_a_deleted_document_fails_instead_of_bringing_it_back()
    {
        var storage = CreateStorage();
        var etags = await WriteAsync(storage, "k", Doc(new { v = 1 }), null);
        await storage.DeleteAsync(["k"]);

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => WriteAsync(storage, "k", Doc(new { v = 2 }), etags["k"]));

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task Delete_removes_the_document_and_ignores_missing_keys()
    {
        var storage = CreateStorage();
        await WriteAsync(storage, "a", Doc(new { v = 1 }), null);
        await WriteAsync(storage, "b", Doc(new { v = 2 }), null);

        await storage.DeleteAsync(["a", "never-written"]);

        var found = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(["b"], found.Keys);
    }

    [Fact]
    public async Task A_batch_read_returns_every_found_key_and_skips_missing_ones()
    {
        var storage = CreateStorage();
        var keys = Enumerable.Range(0, 7).Select(i => $"msteams/users/29:user-{i}").ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            await WriteAsync(storage, key, Doc(new { i }), null);
        }

        var found = await storage.ReadAsync([.. keys, "missing-1", "missing-2"]);

        Assert.Equal(7, found.Count);
        Assert.All(keys.Select((k, i) => (k, i)), pair => Assert.Equal(pair.i, found[pair.k].Document.GetProperty("i").GetInt32()));
    }

    [Fact]
    public async Task A_batch_write_with_one_stale_etag_writes_nothing()
    {
        var storage = CreateStorage();
        var a = await WriteAsync(storage, "a", Doc(new { v = 1 }), null);
        await WriteAsync(storage, "a", Doc(new { v = 2 }), a["a"]);

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["b"] = new StoreItem(Doc(new { v = 10 }), StoreItem.AnyETag),
            ["a"] = new StoreItem(Doc(new { v = 3 }), a["a"]),
        }));

        var found = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(2, found["a"].Document.GetProperty("v").GetInt32());
        Assert.False(found.ContainsKey("b"));
    }

    [Fact]
    public async Task Fifty_concurrent_read_modify_write_loops_lose_no_increment()
    {
        var storage = CreateStorage();
        const string key = "msteams/conversations/busy";

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => IncrementAsync(storage, key))));

        var found = await storage.ReadAsync([key]);
        Assert.Equal(50, found[key].Document.GetProperty("counter").GetInt32());
    }

    private static async Task IncrementAsync(IStorage storage, string key)
    {
        while (true)
        {
            var found = await storage.ReadAsync([key]);
            var (counter, etag) = found.TryGetValue(key, out var item)
                ? (item.Document.GetProperty("counter").GetInt32(), item.ETag)
                : (0, StoreItem.CreateOnlyETag);
            try
            {
                await WriteAsync(storage, key, Doc(new { counter = counter + 1 }), etag);
                return;
            }
            catch (StoragePreconditionFailedException)
            {
                // Someone else won: read again and retry.
            }
        }
    }
}

public sealed class MemoryStorageContractTests : StorageContract
{
    protected override IStorage CreateStorage() => new MemoryStorage();
}

public sealed class SqliteStorageContractTests : StorageContract, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override IStorage CreateStorage() => _database.CreateStorage();

    public void Dispose() => _database.Dispose();
}
