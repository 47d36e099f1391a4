using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Storage;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Tests.Storage;

public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_database_file_is_created_where_configured_with_its_folder()
    {
        var storage = _database.CreateStorage();

        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(BotJson.ToElement(new { v = 1 }), null) });

        Assert.True(File.Exists(_database.FilePath));
        Assert.Equal(_database.FilePath, storage.DataSource);
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        var storage = _database.CreateStorage();
        Assert.True(await storage.IsReachableAsync());

        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_new_storage_on_the_same_file_sees_what_the_previous_one_wrote()
    {
        var before = _database.CreateStorage();
        var etags = await before.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["msteams/conversations/c1"] = new StoreItem(BotJson.ToElement(new { step = "route-b" }), null),
        });

        var after = _database.CreateStorage();
        var found = await after.ReadAsync(["msteams/conversations/c1"]);

        Assert.Equal("route-b", found["msteams/conversations/c1"].Document.GetProperty("step").GetString());
        Assert.Equal(etags["msteams/conversations/c1"], found["msteams/conversations/c1"].ETag);
    }

    [Fact]
    public async Task Two_storages_on_one_file_catch_each_others_stale_writes()
    {
        var instanceA = _database.CreateStorage();
        var instanceB = _database.CreateStorage();
        var created = await instanceA.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = StoreItem.CreateOnly(BotJson.ToElement(new { v = 1 })) });

        await instanceB.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(BotJson.ToElement(new { v = 2 }), created["k"]) });

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() =>
            instanceA.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(BotJson.ToElement(new { v = 3 }), created["k"]) }));
    }

    [Fact]
    public async Task An_unopenable_database_is_reported_as_unreachable()
    {
        var missing = Path.Combine(_database.Directory, "absent.db");
        var storage = new SqliteStorage(new StateStorageOptions { ConnectionString = $"Data Source={missing};Mode=ReadOnly" });

        Assert.False(await storage.IsReachableAsync());
    }

    [Fact]
    public void Without_a_provider_the_state_storage_is_sqlite_on_the_configured_file()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = _database.ConnectionString })
            .Build();

        using var services = new ServiceCollection().AddLogging().AddStateStorage(configuration).BuildServiceProvider();

        var storage = Assert.IsType<SqliteStorage>(services.GetRequiredService<IStorage>());
        Assert.Same(storage, services.GetRequiredService<IStorageHealth>());
        Assert.Same(storage, services.GetRequiredService<ConversationState>().Storage);
        Assert.Same(storage, services.GetRequiredService<UserState>().Storage);
        Assert.NotNull(services.GetRequiredService<ConversationTurnGate>());
        Assert.Equal(2, services.GetRequiredService<AutoSaveStateMiddleware>().States.States.Count);
    }

    [Fact]
    public void The_memory_provider_can_be_chosen_and_an_unknown_one_is_refused()
    {
        static IConfiguration Config(string provider) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = provider })
            .Build();

        using var services = new ServiceCollection().AddStateStorage(Config("memory")).BuildServiceProvider();

        Assert.IsType<MemoryStorage>(services.GetRequiredService<IStorage>());
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddStateStorage(Config("Cassandra")));
    }
}
