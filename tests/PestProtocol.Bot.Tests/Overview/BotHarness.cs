using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Overview;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Tests.Overview;

/// <summary>
/// The real bot as production composes it (AddPestProtocol, which registers every feature), on a temporary SQLite file, with the
/// development directory (the mock school) and a fixed clock. Each user talks in their own personal chat.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string Mentor = "e2e0c000-0000-4000-a000-000000000001";
    public const string Coordinator = "e2e0c000-0000-4000-a000-000000000002";
    public const string Docent = "e2e0c000-0000-4000-a000-000000000003";
    public const string Student = "e2e0c000-0000-4000-a000-000000000006";
    public const string Sanne = "e2e0e000-0000-4000-a000-000000000101";
    public const string Emma = "e2e0e000-0000-4000-a000-000000000103";
    public const string Location = "dewilgen";

    private readonly string _folder;

    private BotHarness(string folder, ServiceProvider services, TestClock clock)
    {
        _folder = folder;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public TestClock Clock { get; }

    /// <summary>Tuesday 24 November 2026, 15:00 UTC (16:00 in Amsterdam): a mentor after school.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    public static async Task<BotHarness> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pestprotocol-overview-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new TestClock(Now);
        var provider = await DevelopmentBot.StartAsync(Path.Combine(folder, "pestprotocol.db"), before: services => services.AddSingleton<TimeProvider>(clock), validateScopes: true);
        return new BotHarness(folder, provider, clock);
    }

    /// <summary>A conversation with the real bot, as the directory person <paramref name="aadObjectId"/>.</summary>
    public (TestFlow Flow, TestAdapter Adapter) ChatAs(string aadObjectId)
    {
        var adapter = new TestAdapter(Clock);
        adapter.Conversation.User = new ChannelAccount { Id = "29:" + aadObjectId, Name = "Gebruiker", AadObjectId = aadObjectId };
        adapter.Conversation.Conversation = new ConversationAccount { Id = "a:" + aadObjectId, ConversationType = "personal", TenantId = "test-tenant" };
        adapter.WithProductionMiddleware(Services);
        return (new TestFlow(adapter, Services.GetRequiredService<IBot>()), adapter);
    }

    /// <summary>Stores a case built with the domain, with its members; returns its human code.</summary>
    public async Task<string> AddCaseAsync(Case newCase, params CaseMember[] members)
    {
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        await store.AddAsync(newCase, members, [], CancellationToken.None);
        var summary = await store.GetSummaryAsync(newCase.Id, CancellationToken.None);
        return summary!.CaseCode;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A handle may still be closing; the temp folder is cleaned by the OS later.
        }
    }
}
