using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Hosting;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>The real bot built from DI on a temporary SQLite file, with the anonymous module registered, logs captured.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string CoordinatorWilgen = "e2e0c000-0000-4000-a000-000000000002";
    public const string CoordinatorKastanje = "e2e0c000-0000-4000-a000-000000000007";
    public const string Mentor = "e2e0c000-0000-4000-a000-000000000001";

    private BotHarness(ServiceProvider services, string databasePath, CapturedLogs logs)
    {
        Services = services;
        DatabasePath = databasePath;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public string DatabasePath { get; }

    public CapturedLogs Logs { get; }

    public IBot Bot => Services.GetRequiredService<IBot>();

    public static async Task<BotHarness> StartAsync(string databasePath, TimeProvider clock, CapturedLogs? logs = null, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? before = null)
    {
        logs ??= new CapturedLogs();
        var settings = Settings(databasePath);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();

        // As the web host does (the OpenTelemetry SDK used to register a fallback; without a collector it is not registered).
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock);
        before?.Invoke(services);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddPestProtocol(configuration, new HostingEnvironment { EnvironmentName = "Development", ApplicationName = "PestProtocol.Bot", ContentRootPath = AppContext.BaseDirectory });
        services.Replace(ServiceDescriptor.Singleton(new PassphraseHasher(new Argon2Parameters(1024, 1, 1))));
        var provider = services.BuildServiceProvider();
        await provider.MigratePestProtocolDatabaseAsync();
        return new BotHarness(provider, databasePath, logs);
    }

    /// <summary>A Teams personal chat with one user, through the production middleware.</summary>
    public TestAdapter Chat(string aadObjectId, string userId = "29:some-user", string name = "Iemand", string conversationId = "a:some-chat", string tenantId = "test-tenant", TimeProvider? clock = null)
    {
        var adapter = new TestAdapter(clock ?? Services.GetRequiredService<TimeProvider>());
        adapter.Conversation.User = new ChannelAccount { Id = userId, Name = name, AadObjectId = aadObjectId };
        adapter.Conversation.Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = tenantId };
        foreach (var middleware in Services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }

        return adapter;
    }

    public TestFlow Flow(TestAdapter adapter) => new(adapter, Bot);

    /// <summary>Runs a query on the database file.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The code and passphrase on the "verstuurd" card.</summary>
    public static (string Code, string Passphrase) CredentialsFrom(TestAdapter adapter)
    {
        var card = adapter.SentActivities.Select(ReceivedCard.From).OfType<ReceivedCard>().Last(c => c.ContainsText("Je melding is verstuurd"));
        var facts = FindFacts(card.Json).ToDictionary(f => f.Title, f => f.Value);
        return (facts["Code"], facts["Wachtwoord"]);
    }

    /// <summary>The card in an invoke response.</summary>
    public static JsonObject CardOf(InvokeResponse response)
    {
        var body = JsonSerializer.SerializeToNode(response.Body, response.Body!.GetType(), BotJson.Options)!;
        return body["value"]!.AsObject();
    }

    public static IEnumerable<(string Title, string Value)> FindFacts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "FactSet")
                {
                    foreach (var fact in obj["facts"]!.AsArray())
                    {
                        yield return (fact!["title"]!.GetValue<string>(), fact["value"]!.GetValue<string>());
                    }
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var f in FindFacts(child))
                    {
                        yield return f;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var f in FindFacts(child))
                    {
                        yield return f;
                    }
                }

                break;
        }
    }

    private static Dictionary<string, string?> Settings(string databasePath)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:PestProtocol"] = $"Data Source={databasePath}",
            ["Directory:Source"] = "Configuration",
            ["Directory:Locations:0:Id"] = "dewilgen",
            ["Directory:Locations:0:Name"] = "Locatie De Wilgen",
            ["Directory:Locations:1:Id"] = "dekastanje",
            ["Directory:Locations:1:Name"] = "Locatie De Kastanje",
            ["Directory:Classes:0:Name"] = "2b",
            ["Directory:Classes:0:Location"] = "dewilgen",
            ["Directory:Classes:0:Mentor"] = Mentor,
        };
        var people = new (string Id, string Name, string Kind, string Location, string? Role, string? Class)[]
        {
            (Mentor, "Anouk de Vries", "Staff", "dewilgen", "Mentor", null),
            (CoordinatorWilgen, "Jeroen Bakker", "Staff", "dewilgen", "AntiPestCoordinator", null),
            ("e2e0c000-0000-4000-a000-000000000003", "Fatima El Amrani", "Staff", "dewilgen", "Docent", null),
            (CoordinatorKastanje, "Petra Kuipers", "Staff", "dekastanje", "AntiPestCoordinator", null),
            ("e2e0c000-0000-4000-a000-000000000006", "Daan Mulder", "Student", "dewilgen", null, "2b"),
        };
        for (var i = 0; i < people.Length; i++)
        {
            var p = people[i];
            settings[$"Directory:People:{i}:Id"] = p.Id;
            settings[$"Directory:People:{i}:Name"] = p.Name;
            settings[$"Directory:People:{i}:Kind"] = p.Kind;
            settings[$"Directory:People:{i}:Location"] = p.Location;
            if (p.Role is not null)
            {
                settings[$"Directory:People:{i}:Roles:0:Role"] = p.Role;
            }

            if (p.Class is not null)
            {
                settings[$"Directory:People:{i}:Class"] = p.Class;
            }
        }

        return settings;
    }
}

/// <summary>Everything logged, as text: message, structured values, scopes and exceptions.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly List<string> _lines = [];
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<string> Lines { get { lock (_lines) { return [.. _lines]; } } }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => p.Key + "=" + p.Value)) : "";
            owner.Add($"{category} {logLevel}: {formatter(state, exception)} [{values}] [{string.Join(";", scopes)}] {exception}");
        }
    }
}
