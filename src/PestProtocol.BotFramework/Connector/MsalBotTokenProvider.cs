using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using PestProtocol.BotFramework.Authentication;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// Outbound bot token by the OAuth2 client-credentials grant (MSAL), scope
/// <c>https://api.botframework.com/.default</c>. Register it as a singleton: it holds one
/// confidential client application, whose token cache keeps the token until shortly before it
/// expires. In development mode (no MicrosoftAppId) it returns null and the connector gets no header.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private const string DefaultLoginHost = "https://login.microsoftonline.com/";
    private const string LegacyMultiTenant = "botframework.com";

    private static readonly string[] Scopes = [BotAuthenticationOptions.ConnectorScope];

    private readonly Lazy<IConfidentialClientApplication>? _application;

    public MsalBotTokenProvider(IOptions<BotAuthenticationOptions> options)
        : this(options.Value, httpClientFactory: null)
    {
    }

    /// <summary>
    /// Lets tests give MSAL its HttpClient (a fake authority); production uses MSAL's own.
    /// </summary>
    public MsalBotTokenProvider(BotAuthenticationOptions options, IMsalHttpClientFactory? httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsDevelopmentMode)
        {
            return;
        }

        _application = new Lazy<IConfidentialClientApplication>(() => Build(options, httpClientFactory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The authority outbound tokens are requested from.</summary>
    public static string ResolveAuthority(BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.OAuthAuthority))
        {
            return options.OAuthAuthority;
        }

        var tenant = string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) ? LegacyMultiTenant : options.MicrosoftAppTenantId;
        return DefaultLoginHost + tenant;
    }

    /// <inheritdoc />
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_application is null)
        {
            return null;
        }

        // AcquireTokenForClient looks in the application's token cache first and only asks the
        // authority when the cached token is missing or about to expire.
        var result = await _application.Value
            .AcquireTokenForClient(Scopes)
            .ExecuteAsync(cancellationToken)
            .ConfigureAwait(false);
        return result.AccessToken;
    }

    private static IConfidentialClientApplication Build(BotAuthenticationOptions options, IMsalHttpClientFactory? httpClientFactory)
    {
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            throw new InvalidOperationException("MicrosoftAppPassword is required when MicrosoftAppId is set.");
        }

        var builder = ConfidentialClientApplicationBuilder
            .Create(options.MicrosoftAppId)
            .WithClientSecret(options.MicrosoftAppPassword);

        if (string.IsNullOrWhiteSpace(options.OAuthAuthority))
        {
            builder = builder.WithAuthority(ResolveAuthority(options));
        }
        else
        {
            // A configured authority (sovereign cloud, test fake) is trusted as given.
            builder = builder.WithAuthority(options.OAuthAuthority, validateAuthority: false).WithInstanceDiscovery(false);
        }

        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        return builder.Build();
    }
}
