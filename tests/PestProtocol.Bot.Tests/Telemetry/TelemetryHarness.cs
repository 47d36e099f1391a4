using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PestProtocol.Bot.Telemetry;

namespace PestProtocol.Bot.Tests.Telemetry;

/// <summary>Tests that read metric values run alone: every meter named PestProtocol.Bot in the process feeds every listener.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

/// <summary>
/// The services as <see cref="TelemetryServiceCollectionExtensions.AddPestProtocolTelemetry"/> registers them,
/// with in-memory exporters added after the bot's own processors (where an OTLP exporter would sit). Without a configured
/// collector the bot registers no SDK at all; the harness asks for it as if one were configured.
/// </summary>
internal sealed class TelemetryHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterProvider _meterProvider;

    public TelemetryHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        configure?.Invoke(services);
        services.AddPestProtocolTelemetry(new ConfigurationBuilder().Build(), collectWithoutExporter: true);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<TracerProvider>();
        _meterProvider = _services.GetRequiredService<MeterProvider>();

        // The bot resolves it with its middleware at start; its instruments exist from then on.
        _services.GetRequiredService<BotTelemetry>();

        // A parent span of our own: this test's spans are the ones in its trace.
        // Marked as recorded, as a sampled incoming request would be, so the default parent-based sampler keeps its children.
        Trace = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        Trace.ActivityTraceFlags = ActivityTraceFlags.Recorded;
    }

    public List<Activity> Spans { get; } = [];

    public List<MetricSnapshot> Metrics { get; } = [];

    public Activity Trace { get; }

    public IReadOnlyList<Activity> SpansOfThisTest => [.. Spans.Where(span => span.TraceId == Trace.TraceId)];

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Collects the metrics now and returns the bot's own (meter <c>PestProtocol.Bot</c>).</summary>
    public IReadOnlyList<MetricSnapshot> CollectBotMetrics()
    {
        Metrics.Clear();
        _meterProvider.ForceFlush();
        return [.. Metrics.Where(metric => metric.MeterName == BotTelemetry.Name)];
    }

    public void Dispose()
    {
        Trace.Stop();
        Trace.Dispose();
        _services.Dispose();
    }
}
