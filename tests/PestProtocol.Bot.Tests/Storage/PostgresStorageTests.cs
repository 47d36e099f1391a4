using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PestProtocol.Bot.Storage;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Tests.Storage;

public sealed class PostgresStorageTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly List<PostgresStorage> _storages = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await database.CreateSchemaAsync();

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }
    }

    private PostgresStorage CreateStorage(string? connectionString = null)
    {
        var storage = new PostgresStorage(new StateStorageOptions { ConnectionString = connectionString ?? _connectionString });
        _storages.Add(storage);
        return storage;
    }

    [Fact]
    public async Task The_state_table_is_created_on_first_use_in_an_empty_database()
    {
        var storage = CreateStorage();

        Assert.True(await storage.IsReachableAsync());

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'bot_state'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_instances_started_together_both_work_on_one_table()
    {
        var instanceA = CreateStorage();
        var instanceB = CreateStorage();

        await Task.WhenAll(
            instanceA.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = new StoreItem(BotJson.ToElement(new { v = 1 }), null) }),
            instanceB.WriteAsync(new Dictionary<string, StoreItem> { ["b"] = new StoreItem(BotJson.ToElement(new { v = 2 }), null) }));

        var found = await instanceA.ReadAsync(["a", "b"]);
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public async Task A_restarted_bot_sees_what_the_previous_process_wrote()
    {
        var before = CreateStorage();
        var etags = await before.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["msteams/conversations/c1"] = new StoreItem(BotJson.ToElement(new { step = "route-b", note = "één" }), null),
        });
        await before.DisposeAsync();

        var after = CreateStorage();
        var found = await after.ReadAsync(["msteams/conversations/c1"]);

        Assert.Equal("één", found["msteams/conversations/c1"].Document.GetProperty("note").GetString());
        Assert.Equal(etags["msteams/conversations/c1"], found["msteams/conversations/c1"].ETag);
    }

    [Fact]
    public async Task Two_instances_catch_each_others_stale_writes()
    {
        var instanceA = CreateStorage();
        var instanceB = CreateStorage();
        var created = await instanceA.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = StoreItem.CreateOnly(BotJson.ToElement(new { v = 1 })) });

        await instanceB.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(BotJson.ToElement(new { v = 2 }), created["k"]) });

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() =>
            instanceA.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(BotJson.ToElement(new { v = 3 }), created["k"]) }));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_reported_as_unreachable()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var storage = CreateStorage("Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3;Pooling=false");

        Assert.False(await storage.IsReachableAsync());
    }

    [Fact]
    public void The_postgresql_provider_is_chosen_from_configuration_with_the_named_connection_string()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["ConnectionStrings:PestProtocol"] = _connectionString,
            })
            .Build();

        using var services = new ServiceCollection().AddLogging().AddStateStorage(configuration).BuildServiceProvider();

        var storage = Assert.IsType<PostgresStorage>(services.GetRequiredService<IStorage>());
        Assert.Same(storage, services.GetRequiredService<IStorageHealth>());
        Assert.Same(storage, services.GetRequiredService<ConversationState>().Storage);
    }

    [Fact]
    public void Without_a_connection_string_the_postgresql_provider_refuses_to_start_and_names_the_key()
    {
        var failure = Assert.Throws<ArgumentException>(() => new PostgresStorage(new StateStorageOptions { Provider = StateStorageProviders.PostgreSql }));

        Assert.Contains("ConnectionStrings:PestProtocol", failure.Message);
    }
}
