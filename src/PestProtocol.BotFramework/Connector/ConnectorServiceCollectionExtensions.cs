using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using PestProtocol.BotFramework.Authentication;

namespace PestProtocol.BotFramework.Connector;

/// <summary>Registers the outbound Bot Connector client.</summary>
public static partial class ConnectorServiceCollectionExtensions
{
    /// <summary>Name of the typed HttpClient and of its resilience pipeline.</summary>
    public const string HttpClientName = "BotConnector";

    /// <summary>
    /// Registers <see cref="IConnectorClient"/> (typed HttpClient with retries) and
    /// <see cref="IBotTokenProvider"/> (<see cref="MsalBotTokenProvider"/>, singleton, unless one is
    /// already registered). Binds <see cref="BotAuthenticationOptions"/> from the configuration's root
    /// keys and <see cref="ConnectorResilienceOptions"/> from <see cref="ConnectorResilienceOptions.SectionName"/>.
    /// The client's default request logging is removed: request URIs carry conversation ids.
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

        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();

        var client = services.AddHttpClient<IConnectorClient, ConnectorClient>(HttpClientName);

        // The default HttpClient logging writes the request URI, and the URI holds conversation and
        // activity ids (personal data in a 1:1 chat). ConnectorClient logs failures without them.
        client.RemoveAllLoggers();
        client.AddResilienceHandler(HttpClientName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorClient));
            AddConnectorStrategies(pipeline, options, logger);
        });
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

    /// <summary>Total timeout, then retries, then a timeout per attempt (outermost first).</summary>
    internal static void AddConnectorStrategies(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConnectorResilienceOptions options, ILogger logger)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "ConnectorTotalTimeout", Timeout = options.TotalTimeout });
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            Name = "ConnectorRetry",
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = arguments => ValueTask.FromResult(IsRetryable(arguments.Outcome, arguments.Context.GetRequestMessage()?.Method, options.MaxRetryAfter)),
            OnRetry = arguments =>
            {
                var outcome = arguments.Outcome.Result is { } response
                    ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : arguments.Outcome.Exception?.GetType().Name;
                LogRetry(logger, arguments.AttemptNumber + 1, outcome, arguments.RetryDelay);
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "ConnectorAttemptTimeout", Timeout = options.AttemptTimeout });
    }

    // Status or exception type and the delay only: the request URI holds conversation ids.
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connector retry {RetryNumber} after {Outcome}, waiting {RetryDelay}")]
    private static partial void LogRetry(ILogger logger, int retryNumber, string? outcome, TimeSpan retryDelay);

    /// <summary>
    /// Retried: 429, 412, 502, 503, 504 (the connector says it did not process the request), connections that could
    /// not be made, and, for idempotent requests only (PUT, GET, DELETE), attempt timeouts and connections that broke
    /// after the request went out. A POST (send, reply, create conversation) that timed out or broke after it was sent
    /// may have been processed: sending it again could show the message twice, and the Connector API has no idempotency
    /// key, so the call ends as <see cref="ConnectorErrorKind.OutcomeUnknown"/> and the caller decides (an outbox retries
    /// later, accepting that one duplicate window). A Retry-After longer than <paramref name="maxRetryAfter"/> is left
    /// to the caller.
    /// </summary>
    internal static bool IsRetryable(Outcome<HttpResponseMessage> outcome, HttpMethod? method, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception switch
            {
                HttpRequestException connection when RequestSafety.WasNotSent(connection) => true,
                HttpRequestException or TimeoutRejectedException => RequestSafety.IsIdempotent(method),
                _ => false,
            };
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
        if (!retryable)
        {
            return false;
        }

        var retryAfter = ConnectorErrorReader.ReadRetryAfter(response.Headers, TimeProvider.System);
        return retryAfter is null || retryAfter <= maxRetryAfter;
    }
}
