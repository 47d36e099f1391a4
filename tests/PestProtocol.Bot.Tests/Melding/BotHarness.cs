using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// The real bot as production composes it (all middleware, SQLite file for cases and bot state, the
/// development directory), plus /melding. A second harness on the same file is a restarted bot.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string Anouk = "e2e0c000-0000-4000-a000-000000000001";   // mentor of 2b
    public const string Jeroen = "e2e0c000-0000-4000-a000-000000000002";  // anti-pestcoördinator
    public const string Fatima = "e2e0c000-0000-4000-a000-000000000003";  // docent
    public const string Marco = "e2e0c000-0000-4000-a000-000000000004";   // teamleider
    public const string Daan = "e2e0c000-0000-4000-a000-000000000006";    // student
    public const string Sanne = "e2e0e000-0000-4000-a000-000000000101";   // student 2b
    public const string Lars = "e2e0e000-0000-4000-a000-000000000102";    // student 2b

    private BotHarness(ServiceProvider services, string databaseFile)
    {
        Services = services;
        DatabaseFile = databaseFile;
        Bot = services.GetRequiredService<IBot>();
    }

    public ServiceProvider Services { get; }

    public string DatabaseFile { get; }

    public IBot Bot { get; }

    /// <summary>A fresh temporary SQLite file.</summary>
    public static string NewDatabaseFile() =>
        Path.Combine(Path.GetTempPath(), "pestprotocol-melding-" + Guid.NewGuid().ToString("N"), "pestprotocol.db");

    /// <summary>A harness over a bot composed elsewhere (e.g. with a decorated service, or on PostgreSQL).</summary>
    public static BotHarness Wrap(ServiceProvider services, string databaseFile) => new(services, databaseFile);

    public static async Task<BotHarness> StartAsync(string? databaseFile = null)
    {
        var file = databaseFile ?? NewDatabaseFile();
        var provider = await DevelopmentBot.StartAsync(file);
        return new BotHarness(provider, file);
    }

    /// <summary>A personal chat with the given directory person, running the production middleware.</summary>
    public TestAdapter Chat(string aadObjectId)
    {
        var adapter = new TestAdapter();
        adapter.Conversation.User!.AadObjectId = aadObjectId;
        adapter.Conversation.User.Id = "29:" + aadObjectId;
        adapter.Conversation.Conversation!.Id = "a:chat-" + aadObjectId;
        return adapter.WithProductionMiddleware(Services);
    }

    public async Task<T> WithDbAsync<T>(Func<PestProtocolDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>());
    }

    public Task<List<CaseRecord>> CasesAsync() => WithDbAsync(db => db.Cases.AsNoTracking().ToListAsync());

    public Task<List<DossierEntryRecord>> DossierAsync(Guid caseId) =>
        WithDbAsync(db => db.DossierEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync());

    public Task<List<OutboxMessage>> OutboxAsync() => WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Stops the bot and removes its temporary database folder: the end of a test class's bot.</summary>
    public async Task DisposeAndDeleteDatabaseAsync()
    {
        var file = DatabaseFile;
        await DisposeAsync();
        DeleteDatabase(file);
    }

    /// <summary>Removes the temporary database folder.</summary>
    public static void DeleteDatabase(string file)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder later.
        }
    }
}
