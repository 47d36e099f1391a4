using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Authentication;

namespace PestProtocol.BotFramework.Connector;

/// <summary>Registers the outbound Bot Connector client.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Name of the typed HttpClient and of its resilience pipeline.</summary>
    public const string HttpClientName = "BotConnector";

    /// <summary>
    /// Registers <see cref="IConnectorClient"/> (typed HttpClient with retries) and
    /// <see cref="IBotTokenProvider"/> (<see cref="MsalBotTokenProvider"/>, singleton, unless one is
    /// already registered). Binds <see cref="BotAuthenticationOptions"/> from the configuration's root
    /// keys and <see cref="ConnectorResilienceOptions"/> from <see cref="ConnectorResilienceOptions.SectionName"/>.
    /// The client's default request logging is removed: request URIs carry conversation ids.
    /// <see cref="ConnectorTracingOptions"/> decides whether requests carry the turn's trace context.
    /// </summary>
    public static IHttpClientBuilder AddBotConnector(this IServiceCollection services, IConfiguration configuration, Action<ConnectorResilienceOptions>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotAuthenticationOptions>().Bind(configuration);
        services.AddServiceUrlAllowList(configuration);
        var resilience = services.AddOptions<ConnectorResilienceOptions>().Bind(configuration.GetSection(ConnectorResilienceOptions.SectionName));
        if (configureResilience is not null)
        {
            resilience.Configure(configureResilience);
        }

        // Through a factory, not the constructor: the DI container reads every public constructor's parameter types,
        // and MsalBotTokenProvider's name MSAL's types, so the MSAL assembly loaded (and stayed mapped) even in
        // development mode, where no token is ever asked for.
        services.TryAddSingleton<IBotTokenProvider>(static services => BotTokenProviders.For(services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value));

        var client = services.AddHttpClient<IConnectorClient, ConnectorClient>(HttpClientName);

        // The default HttpClient logging writes the request URI, and the URI holds conversation and
        // activity ids (personal data in a 1:1 chat). ConnectorClient logs failures without them.
        client.RemoveAllLoggers();

        // Without trace propagation the primary handler is a SocketsHttpHandler without a header propagator: it then has
        // no DiagnosticsHandler (no Activity, no traceparent per request). With it, the factory's default handler as before.
        services.AddOptions<ConnectorTracingOptions>();
        client.ConfigurePrimaryHttpMessageHandler(static services =>
            services.GetRequiredService<IOptions<ConnectorTracingOptions>>().Value.PropagateTraceContext
                ? new HttpClientHandler()
                : new SocketsHttpHandler { ActivityHeadersPropagator = null });
        client.AddHttpMessageHandler(static services => new ConnectorRetryHandler(
            services.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorClient)),
            TimeProvider.System));
        return client;
    }

    /// <summary>Registers <see cref="ServiceUrlAllowList"/> (once), bound from the root key <c>AllowedServiceUrlHosts</c>.</summary>
    public static IServiceCollection AddServiceUrlAllowList(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ServiceUrlAllowList)))
        {
            return services;
        }

        services.AddOptions<ServiceUrlAllowListOptions>().Bind(configuration);
        services.AddSingleton<ServiceUrlAllowList>();
        return services;
    }
}
