using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PestProtocol.BotFramework.Connector;

namespace PestProtocol.Bot.Telemetry;

/// <summary>Registers the bot's OpenTelemetry traces and metrics.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Configuration key of the OTLP collector's address, e.g. <c>http://127.0.0.1:4317</c>.</summary>
    public const string OtlpEndpointKey = "OpenTelemetry:OtlpEndpoint";

    /// <summary>Configuration key of the OTLP protocol: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocolKey = "OpenTelemetry:OtlpProtocol";

    /// <summary>The standard OpenTelemetry environment variable, honoured when <see cref="OtlpEndpointKey"/> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Registers <see cref="BotTelemetry"/>, <see cref="TurnTelemetryMiddleware"/> and a default
    /// <see cref="IOutboxDepthSource"/> (0; register your own to replace it) as singletons, and OpenTelemetry
    /// tracing (the bot's source, ASP.NET Core, HttpClient) and metrics (the bot's meter, ASP.NET Core,
    /// HttpClient) with every URL redacted (<see cref="UrlRedactionProcessor"/>). Spans and metrics go to an
    /// OTLP collector only when <c>OpenTelemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without
    /// one the OpenTelemetry SDK is not registered at all (nothing would read what it collects, and its listeners cost
    /// every request a span, a redaction pass and metric aggregation), and connector requests carry no trace headers
    /// (<see cref="ConnectorTracingOptions"/>). The bot's meter still exists, so
    /// <c>dotnet-counters</c> can read <c>pestprotocol.*</c> on the server.
    /// </summary>
    public static IServiceCollection AddPestProtocolTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPestProtocolTelemetry(configuration, collectWithoutExporter: false);

    /// <summary>
    /// As <see cref="AddPestProtocolTelemetry(IServiceCollection, IConfiguration)"/>; with <paramref name="collectWithoutExporter"/>
    /// the SDK is registered even without a collector, for an exporter added later (tests add an in-memory one).
    /// </summary>
    internal static IServiceCollection AddPestProtocolTelemetry(this IServiceCollection services, IConfiguration configuration, bool collectWithoutExporter)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddMetrics();
        services.TryAddSingleton<IOutboxDepthSource, EmptyOutboxDepthSource>();
        services.TryAddSingleton<BotTelemetry>();
        services.TryAddSingleton<TurnTelemetryMiddleware>();

        var exporter = OtlpTarget.From(configuration);
        if (exporter is null && !collectWithoutExporter)
        {
            // Nobody collects traces: connector requests need no trace headers (nor the Activity per request behind them).
            services.Configure<ConnectorTracingOptions>(options => options.PropagateTraceContext = false);
            return services;
        }

        AddOpenTelemetrySdk(services, exporter);
        return services;
    }

    /// <summary>
    /// A method of its own: without a collector it is never compiled, so the OpenTelemetry SDK and exporter assemblies are
    /// never loaded (they stayed mapped in every bot, collector or not).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetrySdk(IServiceCollection services, OtlpTarget? exporter)
    {
        var version = typeof(BotTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name, serviceVersion: version))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(BotTelemetry.Name)
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        options.RecordException = false;
                        options.EnrichWithHttpRequest = (span, _) => UrlRedactionProcessor.Redact(span);
                    })
                    .AddHttpClientInstrumentation(options =>
                    {
                        options.RecordException = false;
                        options.EnrichWithHttpRequestMessage = (span, _) => UrlRedactionProcessor.Redact(span);
                    })
                    .AddProcessor(new UrlRedactionProcessor());

                // After the redaction processor: processors run in the order they were added.
                exporter?.AddTo(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(BotTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                exporter?.AddTo(metrics);
            });
    }

    /// <summary>Where OTLP data goes, or null when no collector is configured.</summary>
    private sealed record OtlpTarget(Uri? Endpoint, bool HttpProtobuf)
    {
        public static OtlpTarget? From(IConfiguration configuration)
        {
            // A bool, not OtlpExportProtocol: this runs without a collector too and must not load the exporter's assembly.
            var protocol = string.Equals(configuration[OtlpProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase);
            var configured = configuration[OtlpEndpointKey];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                {
                    throw new InvalidOperationException($"{OtlpEndpointKey} must be an absolute http(s) URL, e.g. http://127.0.0.1:4317.");
                }

                return new OtlpTarget(endpoint, protocol);
            }

            // The exporter reads OTEL_EXPORTER_OTLP_* itself (endpoint, protocol, headers).
            return string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]) ? null : new OtlpTarget(null, protocol);
        }

        public void AddTo(TracerProviderBuilder tracing) =>
            tracing.AddOtlpExporter(options => Apply(options, "v1/traces"));

        public void AddTo(MeterProviderBuilder metrics) =>
            metrics.AddOtlpExporter(options => Apply(options, "v1/metrics"));

        private void Apply(OtlpExporterOptions options, string signalPath)
        {
            if (Endpoint is null)
            {
                return;
            }

            options.Protocol = HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

            // gRPC takes the collector's base address; HTTP/protobuf needs the signal's own path.
            options.Endpoint = HttpProtobuf
                ? new Uri(Endpoint, Endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
                : Endpoint;
        }
    }
}
