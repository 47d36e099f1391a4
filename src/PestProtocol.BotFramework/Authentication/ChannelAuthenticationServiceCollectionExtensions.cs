using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.BotFramework.Connector;

namespace PestProtocol.BotFramework.Authentication;

/// <summary>Registers inbound channel authentication.</summary>
public static class ChannelAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotAuthenticationOptions"/> from the ROOT keys of <paramref name="configuration"/>
    /// (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, OpenIdMetadataUrl,
    /// EntraOpenIdMetadataUrlTemplate, ClockSkew, SigningKeyRefreshInterval, OAuthAuthority) and registers
    /// <see cref="IChannelRequestAuthenticator"/> as a singleton, with the named HTTP client
    /// <see cref="ChannelRequestAuthenticator.MetadataHttpClientName"/> and <see cref="TimeProvider.System"/>
    /// unless a <see cref="TimeProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddChannelAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotAuthenticationOptions>().Bind(configuration);
        services.AddServiceUrlAllowList(configuration);
        services.AddLogging();
        services.AddHttpClient(ChannelRequestAuthenticator.MetadataHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChannelRequestAuthenticator, ChannelRequestAuthenticator>();
        return services;
    }
}
