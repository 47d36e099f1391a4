namespace PestProtocol.BotFramework.Authentication;

/// <summary>
/// The bot's identity, with the key names Bot Framework developers know (bound from configuration
/// root keys MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId).
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string ConnectorScope = "https://api.botframework.com/.default";
    public const string DefaultEntraOpenIdMetadataUrlTemplate = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>"SingleTenant" (the supported type), "UserAssignedMSI" or "MultiTenant" (deprecated).</summary>
    public string MicrosoftAppType { get; set; } = "SingleTenant";

    /// <summary>The Entra app (client) id of the bot. Empty = development mode: no authentication.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the channel's signing keys are described (override for sovereign clouds and tests).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>
    /// Where the signing keys of Entra ID-issued channel tokens are described; <c>{tenant}</c> is replaced
    /// by <see cref="MicrosoftAppTenantId"/> (override for sovereign clouds and tests).
    /// </summary>
    public string EntraOpenIdMetadataUrlTemplate { get; set; } = DefaultEntraOpenIdMetadataUrlTemplate;

    /// <summary>Authority for outbound tokens; default https://login.microsoftonline.com/{tenant}.</summary>
    public string? OAuthAuthority { get; set; }

    /// <summary>Allowed clock skew when validating token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long signing keys are cached before they are fetched again (at most 24 h).</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether tokens issued by the tenant's Entra ID (issuer <c>https://login.microsoftonline.com/{tenant}/v2.0</c> or
    /// <c>https://sts.windows.net/{tenant}/</c>) are accepted at all. Off by default: the Bot Connector documents only its own
    /// issuer (<c>https://api.botframework.com</c>) for requests to a bot, and no authorised-party value for Entra-issued
    /// channel tokens, so an Entra token proves only that some app of the tenant asked for a token for this bot.
    /// </summary>
    public bool AcceptEntraIssuedTokens { get; set; }

    /// <summary>
    /// With <see cref="AcceptEntraIssuedTokens"/>: the app ids whose Entra tokens are accepted, compared with the token's
    /// authorised party (<c>azp</c> in v2 tokens, <c>appid</c> in v1 tokens). Empty = none, whatever the switch says.
    /// </summary>
    public string[] TrustedEntraCallerAppIds { get; set; } = [];

    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
