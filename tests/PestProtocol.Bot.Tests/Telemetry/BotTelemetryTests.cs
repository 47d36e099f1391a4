using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PestProtocol.Bot.Telemetry;
using PestProtocol.BotFramework.Connector;

namespace PestProtocol.Bot.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class BotTelemetryTests
{
    private sealed class WaitingNotifications(long depth) : IOutboxDepthSource
    {
        public long GetDepth() => depth;
    }

    private static long GaugeValue(TelemetryHarness harness) =>
        Assert.Single(Assert.Single(harness.CollectBotMetrics(), m => m.Name == "pestprotocol.outbox.depth").MetricPoints).GetGaugeLastValueLong();

    [Fact]
    public void Before_an_outbox_exists_the_outbox_depth_reads_zero()
    {
        using var harness = new TelemetryHarness();

        Assert.IsType<EmptyOutboxDepthSource>(harness.Get<IOutboxDepthSource>());
        Assert.Equal(0, GaugeValue(harness));
    }

    [Fact]
    public void A_registered_outbox_reports_how_many_notifications_wait()
    {
        using var harness = new TelemetryHarness(services => services.AddSingleton<IOutboxDepthSource>(new WaitingNotifications(7)));

        Assert.Equal(7, GaugeValue(harness));
    }

    [Fact]
    public void Failed_notifications_are_counted_per_channel_kind()
    {
        using var harness = new TelemetryHarness();
        var telemetry = harness.Get<BotTelemetry>();

        telemetry.RecordNotificationFailed("mail");
        telemetry.RecordNotificationFailed("mail");
        telemetry.RecordNotificationFailed("activity-feed");
        telemetry.RecordNotificationFailed("anna.geheim@school.example");

        var failed = Assert.Single(harness.CollectBotMetrics(), m => m.Name == "pestprotocol.notifications.failed");
        var counts = new Dictionary<string, long>();
        foreach (var point in failed.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                counts[(string)tag.Value!] = point.GetSumLong();
            }
        }

        Assert.Equal(new Dictionary<string, long> { ["mail"] = 2, ["activity-feed"] = 1, [TelemetryTags.Other] = 1 }, counts);
    }

    [Fact]
    public void The_telemetry_and_the_middleware_are_single_shared_instances()
    {
        using var harness = new TelemetryHarness();

        Assert.Same(harness.Get<BotTelemetry>(), harness.Get<BotTelemetry>());
        Assert.Same(harness.Get<TurnTelemetryMiddleware>(), harness.Get<TurnTelemetryMiddleware>());
        Assert.Equal(BotTelemetry.Name, harness.Get<BotTelemetry>().ActivitySource.Name);
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryConfigurationTests
{
    [Fact]
    public void A_malformed_collector_address_stops_the_start_and_names_the_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = "collector:4317" })
            .Build();

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPestProtocolTelemetry(configuration));

        Assert.Contains("OpenTelemetry:OtlpEndpoint", failure.Message);
    }

    [Fact]
    public void Without_a_collector_nothing_collects_spans_or_metrics_but_the_bot_still_counts_its_turns()
    {
        using var services = new ServiceCollection().AddLogging().AddPestProtocolTelemetry(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Null(services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        services.GetRequiredService<BotTelemetry>().RecordTurn("message", "success", 1.0);
        Assert.NotNull(services.GetRequiredService<TurnTelemetryMiddleware>());
        Assert.False(services.GetRequiredService<IOptions<ConnectorTracingOptions>>().Value.PropagateTraceContext);
    }

    [Fact]
    public void With_a_collector_the_spans_and_metrics_are_collected()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:9" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddPestProtocolTelemetry(configuration).BuildServiceProvider();

        Assert.NotNull(services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.True(services.GetRequiredService<IOptions<ConnectorTracingOptions>>().Value.PropagateTraceContext);
    }
}
