using PestProtocol.Bot.Storage;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Tests.Storage;

/// <summary>The storage contract on a real PostgreSQL server: one database for the class, one schema per test.</summary>
public sealed class PostgresStorageContractTests(PostgresTestDatabase database)
    : StorageContract, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly List<PostgresStorage> _storages = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await database.CreateSchemaAsync();

    protected override IStorage CreateStorage()
    {
        var storage = new PostgresStorage(new StateStorageOptions { ConnectionString = _connectionString });
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
