using PestProtocol.Bot.Features.Cases;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using WireMock.Server;
using WireMock.Settings;

namespace PestProtocol.Bot.Tests.Notifications;

/// <summary>The people of the development directory (invented).</summary>
internal static class People
{
    public const string Mentor = "e2e0c000-0000-4000-a000-000000000001";
    public const string Coordinator = "e2e0c000-0000-4000-a000-000000000002";
    public const string Docent = "e2e0c000-0000-4000-a000-000000000003";
    public const string Student = "e2e0c000-0000-4000-a000-000000000006";
    public const string Location = "dewilgen";
}

/// <summary>
/// Tests that run the real bot against a fake connector and a fake Graph on 127.0.0.1, each test with its own
/// temp folder (and SQLite file in it), connector and Graph.
/// </summary>
public abstract class NotificationTests : IAsyncLifetime
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "pestprotocol-notify-" + Guid.NewGuid().ToString("N"));

    protected FakeConnector Connector { get; private set; } = null!;

    protected FakeGraph Graph { get; private set; } = null!;

    /// <summary>The bot's SQLite file in <see cref="Folder"/>.</summary>
    protected string DatabaseFile => Path.Combine(Folder, "bot.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Connector = await FakeConnector.StartAsync();
        Graph = FakeGraph.Start();
    }

    public async Task DisposeAsync()
    {
        await Connector.DisposeAsync();
        Graph.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms: the temp folder is cleaned later.
        }
    }
}

/// <summary>A local Graph (WireMock on 127.0.0.1) reached through the real Graph SDK.</summary>
public sealed class FakeGraph : IDisposable
{
    private FakeGraph(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public string BaseUrl => Server.Urls[0] + "/v1.0";

    public static FakeGraph Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new FakeGraph(WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] }));
    }

    /// <summary>How long the bot's Graph client waits for an answer (the HttpClient default when null).</summary>
    public TimeSpan? ClientTimeout { get; set; }

    public GraphServiceClient CreateClient()
    {
        var http = new HttpClient();
        if (ClientTimeout is { } timeout)
        {
            http.Timeout = timeout;
        }

        return new(http, new AnonymousAuthenticationProvider(), BaseUrl);
    }

    /// <summary>Calls whose path ends with <paramref name="suffix"/>.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> CallsTo(string method, string suffix) =>
        [.. Server.LogEntries.Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path.EndsWith(suffix, StringComparison.Ordinal))];

    public void Dispose() => Server.Stop();
}

/// <summary>
/// One bot instance for notification tests: the app's persistence on a SQLite file, the development directory, the real
/// connector client pointed at a <see cref="FakeConnector"/>, the real Graph SDK pointed at a <see cref="FakeGraph"/>, and
/// <see cref="NotificationServiceCollectionExtensions.AddNotifications"/> with fast timings. Several harnesses may share a file.
/// </summary>
public sealed class NotificationHarness : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private NotificationHarness(ServiceProvider services, FakeConnector connector) => (Services, Connector) = (services, connector);

    public ServiceProvider Services { get; }

    public FakeConnector Connector { get; }

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public static async Task<NotificationHarness> CreateAsync(string databaseFile, FakeConnector connector, FakeGraph graph, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:PestProtocol"] = $"Data Source={databaseFile}",
            ["Notifications:PollInterval"] = "00:00:00.050",
            ["Notifications:BackoffBase"] = "00:00:00.020",
            ["Notifications:BackoffMax"] = "00:00:00.200",
            ["Notifications:LeaseDuration"] = "00:00:30",
            ["Notifications:MaxAttempts"] = "8",
            ["Notifications:TeamsAppCatalogId"] = "catalog-app-1",
            ["Notifications:MailSender"] = "pestprotocol@dewilgen.example",
            ["Notifications:BotId"] = "28:bot-app-id",
            ["Notifications:TenantId"] = "tenant-1",
            ["Notifications:DefaultServiceUrl"] = connector.ServiceUrl.ToString(),
            ["BotConnector:Resilience:MaxRetryAttempts"] = "1",
            ["BotConnector:Resilience:BaseDelay"] = "00:00:00.010",
            ["BotConnector:Resilience:MaxRetryAfter"] = "00:00:00",
            ["BotConnector:Resilience:AttemptTimeout"] = "00:00:05",
            ["BotConnector:Resilience:TotalTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(CardValidator.RepositoryRoot, "src", "PestProtocol.Bot", "appsettings.Development.json"))
            .AddInMemoryCollection(values)
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBotConnector(configuration);
        services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider, NoTokenProvider>());
        services.AddPestProtocolPersistence(configuration);
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection(DirectoryOptions.Section));
        services.AddSingleton<IDirectory, ConfigurationDirectory>();
        services.AddScoped<ICaseNotifier, DirectoryCaseNotifier>();
        services.AddSingleton(graph.CreateClient());
        services.AddCaseUseCases();
        services.AddNotifications(configuration);
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider();
        await provider.MigratePestProtocolDatabaseAsync();
        return new NotificationHarness(provider, connector);
    }

    /// <summary>Starts the dispatcher as the host would.</summary>
    public async Task StartDispatcherAsync()
    {
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            _started.Add(hosted);
        }
    }

    /// <summary>Stops the dispatcher as the host would on shutdown.</summary>
    public async Task StopDispatcherAsync()
    {
        foreach (var hosted in _started)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        _started.Clear();
    }

    /// <summary>Stores a staff member's personal-chat reference on the fake connector.</summary>
    public async Task SaveReferenceAsync(string aadObjectId, string conversationId, string teamsUserId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(aadObjectId, new ConversationReference
        {
            ChannelId = Channels.MsTeams,
            ServiceUrl = Connector.ServiceUrl.ToString(),
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "tenant-1" },
            User = new ChannelAccount { Id = teamsUserId, AadObjectId = aadObjectId },
            Bot = new ChannelAccount { Id = "28:bot-app-id", Name = "PestProtocol" },
        }, CancellationToken.None);
    }

    /// <summary>
    /// A docent signals a suspicion about Daan (class 2b): the case, its members and its planned alerts, committed in one
    /// transaction. With <paramref name="handedToMentor"/> the case is handed on to the mentor at intake, as the melding
    /// flow does for a docent (the mentor then holds the next step); the alerts are the same.
    /// </summary>
    public async Task<(Guid CaseId, Guid EntryId, IReadOnlyList<OutboxMessage> Alerts)> OpenCaseAsync(bool handedToMentor = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        var notifier = scope.ServiceProvider.GetRequiredService<ICaseNotifier>();
        var @case = Case.Open(new NewSuspicion(
            People.Student, "2b", People.Location, new StaffRef(People.Docent, StaffRole.Docent),
            [Bijlage1Signalen.SchoolSignals[0].Id], false, "Daan wordt in de pauze uitgescholden."), DateTimeOffset.UtcNow);
        var entry = @case.Dossier[0];
        if (handedToMentor)
        {
            @case.HandOver(@case.SignalledBy, new StaffRef(People.Mentor, StaffRole.Mentor), "Anouk de Vries", DateTimeOffset.UtcNow, "Volgens het protocol gaat de mentor verder met stap 1.");
        }

        var alerts = await notifier.PlanAsync(@case, entry, CancellationToken.None);
        await store.AddAsync(@case,
            [new CaseMember(People.Docent, StaffRole.Docent), new CaseMember(People.Mentor, StaffRole.Mentor), new CaseMember(People.Coordinator, StaffRole.AntiPestCoordinator)],
            alerts, CancellationToken.None);
        return (@case.Id, entry.Id, alerts);
    }

    /// <summary>The outbox as stored.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
    }

    /// <summary>Waits until no message is Pending or Sending (or the time is up), then returns the outbox.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> WaitUntilSettledAsync(int expectedMessages, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var outbox = await OutboxAsync();
            if (outbox.Count >= expectedMessages && outbox.All(o => o.Status is OutboxStatus.Sent or OutboxStatus.Failed))
            {
                return outbox;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Outbox not settled: {string.Join(", ", outbox.Select(o => $"{o.Kind}={o.Status}/{o.Attempts}/{o.LastErrorCode}"))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopDispatcherAsync();
        await Services.DisposeAsync();
    }

    private sealed class NoTokenProvider : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
