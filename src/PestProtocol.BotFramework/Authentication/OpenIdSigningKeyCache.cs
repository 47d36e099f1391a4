using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PestProtocol.BotFramework.Authentication;

/// <summary>
/// The signing keys of one OpenID metadata document, with the Bot Framework <c>endorsements</c> of each key.
/// Metadata and key set are fetched together, so keys and endorsements always belong to the same JWKS.
/// </summary>
/// <param name="KeysById">Signing keys by <c>kid</c>.</param>
/// <param name="EndorsementsById">The <c>endorsements</c> array per <c>kid</c>; a key without the property has no entry.</param>
/// <param name="RefreshDue">When the set must be fetched again.</param>
internal sealed record SigningKeySet(
    IReadOnlyDictionary<string, SecurityKey> KeysById,
    IReadOnlyDictionary<string, IReadOnlySet<string>> EndorsementsById,
    DateTimeOffset RefreshDue);

/// <summary>
/// Caches the signing keys behind one OpenID metadata URL. Keys are fetched again once
/// the refresh interval has passed, and at once when a token names an unknown <c>kid</c>
/// (at most one such forced refresh per <see cref="ForcedRefreshMinimumInterval"/>).
/// Thread-safe: readers see an immutable <see cref="SigningKeySet"/>; fetches are serialised.
/// </summary>
internal sealed class OpenIdSigningKeyCache
{
    /// <summary>Minimum time between two refreshes forced by unknown key ids (guards against refresh storms).</summary>
    public static readonly TimeSpan ForcedRefreshMinimumInterval = TimeSpan.FromMinutes(5);

    /// <summary>After a failed refresh, the previous keys are kept and the fetch is retried after this delay.</summary>
    public static readonly TimeSpan FailedRefreshRetryDelay = TimeSpan.FromMinutes(1);

    private readonly string _metadataUrl;
    private readonly Func<HttpClient> _createHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshInterval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private volatile SigningKeySet? _current;
    private DateTimeOffset? _lastForcedRefresh;

    public OpenIdSigningKeyCache(string metadataUrl, Func<HttpClient> createHttpClient, TimeProvider timeProvider, TimeSpan refreshInterval, ILogger logger)
    {
        _metadataUrl = metadataUrl;
        _createHttpClient = createHttpClient;
        _timeProvider = timeProvider;
        _refreshInterval = refreshInterval;
        _logger = logger;
    }

    /// <summary>The current keys, fetched first when missing or due; null when they cannot be obtained.</summary>
    public async Task<SigningKeySet?> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && _timeProvider.GetUtcNow() < current.RefreshDue)
        {
            return current;
        }

        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && _timeProvider.GetUtcNow() < current.RefreshDue)
            {
                return current; // another caller refreshed while we waited
            }

            return await RefreshAsync(current, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    /// <summary>
    /// The keys after a refresh forced by <paramref name="keyId"/> being unknown; when a forced refresh
    /// happened less than <see cref="ForcedRefreshMinimumInterval"/> ago, the cached keys are returned as they are.
    /// </summary>
    public async Task<SigningKeySet?> GetAfterUnknownKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (current is not null && current.KeysById.ContainsKey(keyId))
            {
                return current; // another caller already picked the new key up
            }

            var now = _timeProvider.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < ForcedRefreshMinimumInterval)
            {
                return current;
            }

            _lastForcedRefresh = now;
            return await RefreshAsync(current, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private async Task<SigningKeySet?> RefreshAsync(SigningKeySet? previous, CancellationToken cancellationToken)
    {
        try
        {
            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _current = fetched;
            return fetched;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception type is logged: the metadata URL is configuration, not personal data, but keep it short.
            _logger.LogWarning("Fetching channel signing keys failed ({ExceptionType}); {Fallback}",
                exception.GetType().Name, previous is null ? "no keys available" : "keeping the previous keys");
            if (previous is null)
            {
                return null;
            }

            var kept = previous with { RefreshDue = _timeProvider.GetUtcNow() + FailedRefreshRetryDelay };
            _current = kept;
            return kept;
        }
    }

    private async Task<SigningKeySet> FetchAsync(CancellationToken cancellationToken)
    {
        var httpClient = _createHttpClient();
        var metadataJson = await RetrieverFor(httpClient, _metadataUrl).GetDocumentAsync(_metadataUrl, cancellationToken).ConfigureAwait(false);
        var metadata = OpenIdConnectConfiguration.Create(metadataJson);
        if (string.IsNullOrWhiteSpace(metadata.JwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata document has no jwks_uri.");
        }

        var keySetJson = await RetrieverFor(httpClient, metadata.JwksUri).GetDocumentAsync(metadata.JwksUri, cancellationToken).ConfigureAwait(false);
        var keySet = new JsonWebKeySet(keySetJson);

        var keysById = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in keySet.GetSigningKeys())
        {
            if (!string.IsNullOrEmpty(key.KeyId))
            {
                keysById.TryAdd(key.KeyId, key);
            }
        }

        return new SigningKeySet(
            keysById.ToFrozenDictionary(StringComparer.Ordinal),
            ReadEndorsements(keySetJson),
            _timeProvider.GetUtcNow() + _refreshInterval);
    }

    /// <summary>http:// is allowed only for loopback addresses (local test authorities).</summary>
    private static HttpDocumentRetriever RetrieverFor(HttpClient httpClient, string address) =>
        new(httpClient) { RequireHttps = !IsLoopback(address) };

    internal static bool IsLoopback(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>
    /// The Bot Framework extension to JWK: <c>"endorsements": ["msteams", ...]</c>, the channels a key may sign for.
    /// IdentityModel does not model it, so it is read from the raw key set.
    /// </summary>
    private static FrozenDictionary<string, IReadOnlySet<string>> ReadEndorsements(string keySetJson)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(keySetJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result.ToFrozenDictionary(StringComparer.Ordinal);
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var endorsements))
            {
                continue;
            }

            var channels = endorsements.ValueKind == JsonValueKind.Array
                ? endorsements.EnumerateArray()
                    .Where(channel => channel.ValueKind == JsonValueKind.String)
                    .Select(channel => channel.GetString()!)
                    .ToFrozenSet(StringComparer.Ordinal)
                : FrozenSet<string>.Empty;
            result[kid.GetString()!] = channels;
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
