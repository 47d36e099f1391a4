using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// The whole bot over HTTP (WebApplicationFactory), on a temp SQLite file, with replies going to a
/// fake Bot Connector on 127.0.0.1. Settings are passed as host settings, which the bot reads before it
/// builds its services.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pp-http-").FullName;
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;
    private readonly bool _onlyCapturedLogs;

    public BotApp(FakeConnector connector, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool onlyCapturedLogs = false)
    {
        _onlyCapturedLogs = onlyCapturedLogs;
        Connector = connector;
        _services = services;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:PestProtocol"] = $"Data Source={Path.Combine(_dataDir, "pestprotocol.db")}",
            ["Storage:Provider"] = "Sqlite",
            ["MicrosoftAppId"] = "",
            ["Notifications:DispatcherEnabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public FakeConnector Connector { get; }

    public string DataDirectory => _dataDir;

    public List<string> LogLines { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            if (_onlyCapturedLogs)
            {
                // Long runs (the fuzz suite): no console output, and only what can matter to an assertion is kept.
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Warning);
            }

            logging.AddProvider(new ListLoggerProvider(LogLines, _onlyCapturedLogs ? LogLevel.Error : LogLevel.Trace));
        });
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>A Teams-shaped personal-chat activity from the mentor of the mock school.</summary>
    public Activity Message(string text, string? aadObjectId = "e2e0c000-0000-4000-a000-000000000001", string conversationId = "a:http-test-conversation") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        ChannelId = Channels.MsTeams,
        ServiceUrl = Connector.ServiceUrl.ToString(),
        From = new ChannelAccount { Id = "29:http-test-user", Name = "Anouk de Vries", AadObjectId = aadObjectId },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "PestProtocol" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "e2e0a000-0000-4000-a000-00000000a001" },
        Locale = "nl-NL",
    };

    public async Task<HttpResponseMessage> PostAsync(object activityOrJson, string? bearer = null)
    {
        using var client = CreateClient();
        var json = activityOrJson as string ?? BotJson.Serialize(activityOrJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private sealed class ListLoggerProvider(List<string> lines, LogLevel minimum = LogLevel.Trace) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines, categoryName, minimum);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines, string category, LogLevel minimum) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel < minimum)
                {
                    return;
                }

                lock (lines)
                {
                    lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
