using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using Reasons = PestProtocol.BotFramework.Authentication.ChannelAuthenticationFailureReasons;

namespace PestProtocol.BotFramework.Authentication;

/// <summary>
/// Validates the channel's bearer JWT per the Bot Framework "Bot Connector to bot" rules: RS256 with a key from
/// the OpenID metadata's key set, issuer <c>https://api.botframework.com</c> (or the configured tenant's Entra v1/v2
/// issuer, keys then from the tenant's Entra metadata), audience = the bot's app id, lifetime within the clock skew,
/// the signing key endorsing the activity's <c>channelId</c>, and the <c>serviceurl</c> claim matching the activity.
/// </summary>
/// <remarks>
/// Endorsements: a key from the Bot Framework metadata must list the channel id (a key without the property endorses
/// nothing). A key from the Entra metadata is checked only when it carries the property (Entra keys normally do not).
/// <c>serviceurl</c>: required in Bot Framework tokens; in Entra tokens it is checked when present.
/// Entra issuers are trusted only when <see cref="BotAuthenticationOptions.AcceptEntraIssuedTokens"/> is on and
/// <see cref="BotAuthenticationOptions.MicrosoftAppTenantId"/> is configured, and then only for a token whose authorised
/// party (<c>azp</c> v2, <c>appid</c> v1) is one of <see cref="BotAuthenticationOptions.TrustedEntraCallerAppIds"/>:
/// the protocol documents no authorised-party value for Entra-issued channel tokens (see docs/SECURITY.md).
/// The activity's service URL must be on the <see cref="ServiceUrlAllowList"/> before any key is fetched.
/// Register as a singleton (see <see cref="ChannelAuthenticationServiceCollectionExtensions.AddChannelAuthentication"/>).
/// </remarks>
public sealed class ChannelRequestAuthenticator : IChannelRequestAuthenticator
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client used to fetch OpenID metadata and keys.</summary>
    public const string MetadataHttpClientName = "PestProtocol.BotFramework.ChannelAuthentication";

    /// <summary>The claim that carries the service URL the token was issued for.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    private static readonly TimeSpan MaximumRefreshInterval = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ChannelRequestAuthenticator> _logger;
    private readonly JsonWebTokenHandler _tokenHandler = new();
    private readonly string[] _validAudiences;
    private readonly IssuerAuthority? _botFramework;
    private readonly IssuerAuthority? _entra;
    private readonly HashSet<string> _trustedEntraCallers;
    private readonly ServiceUrlAllowList _serviceUrls;

    public ChannelRequestAuthenticator(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ServiceUrlAllowList serviceUrls,
        ILogger<ChannelRequestAuthenticator> logger)
    {
        _serviceUrls = serviceUrls ?? throw new ArgumentNullException(nameof(serviceUrls));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));

        var appId = _options.MicrosoftAppId?.Trim() ?? string.Empty;
        _validAudiences = [appId, $"api://{appId}", $"api://botid-{appId}"];
        _trustedEntraCallers = new HashSet<string>(
            (_options.TrustedEntraCallerAppIds ?? []).Select(id => id?.Trim() ?? string.Empty).Where(id => id.Length > 0),
            StringComparer.OrdinalIgnoreCase);
        if (_options.IsDevelopmentMode)
        {
            return;
        }

        var refreshInterval = _options.SigningKeyRefreshInterval;
        refreshInterval = refreshInterval > MaximumRefreshInterval ? MaximumRefreshInterval
            : refreshInterval < MinimumRefreshInterval ? MinimumRefreshInterval
            : refreshInterval;
        HttpClient CreateClient() => httpClientFactory.CreateClient(MetadataHttpClientName);

        _botFramework = new IssuerAuthority(
            [BotAuthenticationOptions.BotFrameworkIssuer],
            new OpenIdSigningKeyCache(_options.OpenIdMetadataUrl, CreateClient, timeProvider, refreshInterval, logger),
            RequiresEndorsement: true,
            RequiresServiceUrlClaim: true,
            RequiresTrustedCaller: false);

        var tenant = _options.MicrosoftAppTenantId?.Trim();
        if (_options.AcceptEntraIssuedTokens && !string.IsNullOrEmpty(tenant) && _trustedEntraCallers.Count > 0)
        {
            var metadataUrl = _options.EntraOpenIdMetadataUrlTemplate.Replace("{tenant}", Uri.EscapeDataString(tenant), StringComparison.Ordinal);
            _entra = new IssuerAuthority(
                [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"],
                new OpenIdSigningKeyCache(metadataUrl, CreateClient, timeProvider, refreshInterval, logger),
                RequiresEndorsement: false,
                RequiresServiceUrlClaim: false,
                RequiresTrustedCaller: true);
        }
    }

    /// <inheritdoc />
    public bool IsEnabled => !_options.IsDevelopmentMode;

    /// <inheritdoc />
    public async Task<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (_botFramework is null)
        {
            return ChannelAuthenticationResult.Anonymous;
        }

        var token = ReadBearerToken(authorizationHeader);
        if (token is null)
        {
            _logger.LogInformation("Channel request without bearer token");
            return ChannelAuthenticationResult.Missing;
        }

        var result = _serviceUrls.IsAllowed(activity.ServiceUrl)
            ? await ValidateAsync(token, activity, cancellationToken).ConfigureAwait(false)
            : ChannelAuthenticationResult.Reject(Reasons.ServiceUrlNotAllowed);
        if (result.Status == ChannelAuthenticationStatus.Rejected)
        {
            _logger.LogWarning("Channel request rejected: {Reason}", result.FailureReason);
        }

        return result;
    }

    private async Task<ChannelAuthenticationResult> ValidateAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        JsonWebToken unvalidated;
        try
        {
            unvalidated = _tokenHandler.ReadJsonWebToken(token);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return ChannelAuthenticationResult.Reject(Reasons.MalformedToken);
        }

        if (!string.Equals(unvalidated.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return ChannelAuthenticationResult.Reject(Reasons.AlgorithmNotAllowed);
        }

        var authority = AuthorityFor(unvalidated.Issuer);
        if (authority is null)
        {
            return ChannelAuthenticationResult.Reject(Reasons.IssuerNotTrusted);
        }

        var keyId = unvalidated.Kid;
        if (string.IsNullOrEmpty(keyId))
        {
            return ChannelAuthenticationResult.Reject(Reasons.MissingKeyId);
        }

        var keys = await authority.Keys.GetAsync(cancellationToken).ConfigureAwait(false);
        if (keys is null || !keys.KeysById.ContainsKey(keyId))
        {
            keys = await authority.Keys.GetAfterUnknownKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        }

        if (keys is null)
        {
            return ChannelAuthenticationResult.Reject(Reasons.SigningKeysUnavailable);
        }

        if (!keys.KeysById.TryGetValue(keyId, out var signingKey))
        {
            return ChannelAuthenticationResult.Reject(Reasons.UnknownSigningKey);
        }

        var validation = await _tokenHandler.ValidateTokenAsync(unvalidated, new TokenValidationParameters
        {
            ValidIssuers = authority.Issuers,
            ValidAudiences = _validAudiences,
            IssuerSigningKey = signingKey,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            // Lifetime is checked below against the injected TimeProvider.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        }).ConfigureAwait(false);

        if (!validation.IsValid)
        {
            return ChannelAuthenticationResult.Reject(ReasonFor(validation.Exception));
        }

        if (authority.RequiresTrustedCaller && !_trustedEntraCallers.Contains(AuthorisedParty(unvalidated) ?? string.Empty))
        {
            return ChannelAuthenticationResult.Reject(Reasons.CallerNotTrusted);
        }

        var lifetimeFailure = CheckLifetime(unvalidated);
        if (lifetimeFailure is not null)
        {
            return ChannelAuthenticationResult.Reject(lifetimeFailure);
        }

        if (authority.RequiresEndorsement || keys.EndorsementsById.ContainsKey(keyId))
        {
            if (string.IsNullOrEmpty(activity.ChannelId))
            {
                return ChannelAuthenticationResult.Reject(Reasons.MissingChannelId);
            }

            if (!keys.EndorsementsById.TryGetValue(keyId, out var endorsed) || !endorsed.Contains(activity.ChannelId))
            {
                return ChannelAuthenticationResult.Reject(Reasons.ChannelNotEndorsed);
            }
        }

        var serviceUrlClaim = unvalidated.Claims.FirstOrDefault(claim => string.Equals(claim.Type, ServiceUrlClaim, StringComparison.OrdinalIgnoreCase));
        if (serviceUrlClaim is null)
        {
            if (authority.RequiresServiceUrlClaim)
            {
                return ChannelAuthenticationResult.Reject(Reasons.MissingServiceUrlClaim);
            }
        }
        else if (!IsSameServiceUrl(serviceUrlClaim.Value, activity.ServiceUrl))
        {
            return ChannelAuthenticationResult.Reject(Reasons.ServiceUrlMismatch);
        }

        return ChannelAuthenticationResult.Accept(validation.ClaimsIdentity ?? new ClaimsIdentity(unvalidated.Claims, "Bearer"));
    }

    /// <summary>The app that asked for the token: <c>azp</c> (Entra v2 tokens) or <c>appid</c> (v1 tokens).</summary>
    private static string? AuthorisedParty(JsonWebToken token)
    {
        if (token.TryGetPayloadValue<string>("azp", out var azp) && !string.IsNullOrWhiteSpace(azp))
        {
            return azp.Trim();
        }

        return token.TryGetPayloadValue<string>("appid", out var appId) && !string.IsNullOrWhiteSpace(appId) ? appId.Trim() : null;
    }

    /// <summary>exp is required; exp and nbf are compared with the clock, allowing <see cref="BotAuthenticationOptions.ClockSkew"/>.</summary>
    private string? CheckLifetime(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _))
        {
            return Reasons.NoExpiration;
        }

        var now = _timeProvider.GetUtcNow();
        var skew = _options.ClockSkew;
        if (new DateTimeOffset(token.ValidTo, TimeSpan.Zero) + skew < now)
        {
            return Reasons.Expired;
        }

        if (token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out _)
            && new DateTimeOffset(token.ValidFrom, TimeSpan.Zero) - skew > now)
        {
            return Reasons.NotYetValid;
        }

        return null;
    }

    private IssuerAuthority? AuthorityFor(string? issuer)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            return null;
        }

        if (_botFramework!.Issuers.Contains(issuer, StringComparer.Ordinal))
        {
            return _botFramework;
        }

        return _entra is not null && _entra.Issuers.Contains(issuer, StringComparer.Ordinal) ? _entra : null;
    }

    /// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header; null for any other header.</summary>
    internal static string? ReadBearerToken(string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return null;
        }

        var header = authorizationHeader.Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !string.Equals(header[..space], "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[(space + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Same scheme, host (any case), port, path (ignoring a trailing slash) and query.</summary>
    internal static bool IsSameServiceUrl(string claimed, string? actual)
    {
        if (actual is null
            || !Uri.TryCreate(claimed, UriKind.Absolute, out var claimedUri)
            || !Uri.TryCreate(actual, UriKind.Absolute, out var actualUri))
        {
            return false;
        }

        static string Normalise(Uri uri) =>
            $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')}{uri.Query}";

        return string.Equals(Normalise(claimedUri), Normalise(actualUri), StringComparison.Ordinal);
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => Reasons.AudienceMismatch,
        SecurityTokenInvalidIssuerException => Reasons.IssuerNotTrusted,
        SecurityTokenInvalidAlgorithmException => Reasons.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException => Reasons.InvalidSignature,
        SecurityTokenInvalidSignatureException => Reasons.InvalidSignature,
        SecurityTokenMalformedException => Reasons.MalformedToken,
        _ => Reasons.InvalidToken,
    };

    /// <summary>A trusted token issuer and where its signing keys come from.</summary>
    private sealed record IssuerAuthority(string[] Issuers, OpenIdSigningKeyCache Keys, bool RequiresEndorsement, bool RequiresServiceUrlClaim, bool RequiresTrustedCaller);
}
