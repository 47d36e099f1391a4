using PestProtocol.BotFramework.Testing.Authentication;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// The settings of a bot with channel authentication on (production mode) whose signing keys come from a
/// <see cref="FakeChannelAuthority"/>, plus a test's own settings. The connector token provider is replaced by each test.
/// </summary>
internal static class AuthenticatedBotSettings
{
    public static Dictionary<string, string?> Create(string appId, string tenantId, FakeChannelAuthority authority, IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = "not-used-the-token-provider-is-replaced",
            ["MicrosoftAppTenantId"] = tenantId,
            ["OpenIdMetadataUrl"] = authority.BotFrameworkMetadataUrl,
            ["EntraOpenIdMetadataUrlTemplate"] = authority.EntraMetadataUrlTemplate,

            // The fake connector listens on loopback; in production only the Teams hosts are allowed.
            ["AllowedServiceUrlHosts:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
