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

    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
