namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// How the connector client retries transient refusals (429, 412, 502, 503, 504, connections that
/// could not be made; attempt timeouts only for idempotent PUT/GET/DELETE, never for a POST that may
/// have arrived): exponential backoff with jitter, honouring <c>Retry-After</c>.
/// Bound from the configuration section <see cref="SectionName"/>.
/// </summary>
public sealed class ConnectorResilienceOptions
{
    public const string SectionName = "BotConnector:Resilience";

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; it doubles on each next retry (plus jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for a computed backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Randomise the backoff so that many senders do not retry in step.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// A <c>Retry-After</c> longer than this is not waited for inside the call: the call ends as
    /// <see cref="ConnectorErrorKind.Throttled"/> with the connector's <c>RetryAfter</c>, for a queue to honour.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for the whole call, retries and delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
