using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

/// <summary>A fixed bearer token, counting how often it was asked for.</summary>
internal sealed class FixedTokenProvider(string? token) : IBotTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
}

/// <summary>Collects every log line (message and structured values) for privacy assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : string.Empty;
            owner.Lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
        }
    }
}

/// <summary>The connector client as the bot gets it from DI: typed HttpClient with the retry pipeline, fast delays.</summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConnectorHarness(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
        Client = services.GetRequiredService<IConnectorClient>();
    }

    public IConnectorClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public static ConnectorHarness Create(
        string? token = "test-token",
        Action<ConnectorResilienceOptions>? configure = null,
        IDictionary<string, string?>? settings = null,
        IBotTokenProvider? tokenProvider = null,
        Action<ConnectorTracingOptions>? tracing = null)
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(tokenProvider ?? new FixedTokenProvider(token));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        services.AddBotConnector(configuration, options =>
        {
            options.BaseDelay = TimeSpan.FromMilliseconds(10);
            options.MaxDelay = TimeSpan.FromMilliseconds(50);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.TotalTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(options);
        });
        if (tracing is not null)
        {
            services.Configure(tracing);
        }

        return new ConnectorHarness(services.BuildServiceProvider(), logs);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
