using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using PestProtocol.BotFramework.Authentication;
using PestProtocol.BotFramework.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

public sealed class MsalBotTokenProviderTests
{
    private const string Authority = "https://login.authority.test/tenant-1";

    [Fact]
    public async Task Development_mode_gives_no_token()
    {
        var provider = new MsalBotTokenProvider(new BotAuthenticationOptions { MicrosoftAppId = "" }, httpClientFactory: null);

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Requests_a_client_credentials_token_for_the_bot_framework_scope()
    {
        var authority = new FakeAuthority(expiresInSeconds: 3600);
        var provider = new MsalBotTokenProvider(Options(), authority);

        var token = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var request = Assert.Single(authority.TokenRequests);
        Assert.Equal("https://login.authority.test/tenant-1/oauth2/v2.0/token", request.Uri.ToString());
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal("bot-app-id", request.Form["client_id"]);
        Assert.Equal("bot-secret", request.Form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task Without_a_configured_authority_the_token_comes_from_the_tenants_login_endpoint()
    {
        var authority = new FakeAuthority(expiresInSeconds: 3600);
        var options = Options();
        options.OAuthAuthority = null;
        var provider = new MsalBotTokenProvider(options, authority);

        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", Assert.Single(authority.TokenRequests).Uri.ToString());
    }

    [Fact]
    public async Task The_token_is_reused_until_shortly_before_it_expires()
    {
        var authority = new FakeAuthority(expiresInSeconds: 3600);
        var provider = new MsalBotTokenProvider(Options(), authority);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(authority.TokenRequests);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_fetched_again()
    {
        // MSAL refreshes tokens that expire within five minutes.
        var authority = new FakeAuthority(expiresInSeconds: 60);
        var provider = new MsalBotTokenProvider(Options(), authority);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal("token-2", second);
        Assert.Equal(2, authority.TokenRequests.Count);
    }

    [Fact]
    public void The_authority_is_the_single_tenant_login_url_unless_configured()
    {
        Assert.Equal("https://login.microsoftonline.com/tenant-42",
            MsalBotTokenProvider.ResolveAuthority(new BotAuthenticationOptions { MicrosoftAppId = "a", MicrosoftAppTenantId = "tenant-42" }));
        Assert.Equal("https://login.microsoftonline.us/tenant-42",
            MsalBotTokenProvider.ResolveAuthority(new BotAuthenticationOptions { MicrosoftAppId = "a", MicrosoftAppTenantId = "tenant-42", OAuthAuthority = "https://login.microsoftonline.us/tenant-42" }));
    }

    [Fact]
    public void AddBotConnector_binds_the_bot_identity_and_registers_one_token_provider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "bot-app-id",
            ["MicrosoftAppPassword"] = "bot-secret",
            ["MicrosoftAppTenantId"] = "tenant-1",
            ["BotConnector:Resilience:MaxRetryAttempts"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddBotConnector(configuration);
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IBotTokenProvider>();
        Assert.IsType<MsalBotTokenProvider>(first);
        Assert.Same(first, provider.GetRequiredService<IBotTokenProvider>());
        Assert.Equal("tenant-1", provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotAuthenticationOptions>>().Value.MicrosoftAppTenantId);
        Assert.Equal(2, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectorResilienceOptions>>().Value.MaxRetryAttempts);
        Assert.IsType<ConnectorClient>(provider.GetRequiredService<IConnectorClient>());
    }

    [Fact]
    public async Task AddBotConnector_in_development_mode_registers_a_provider_that_gives_no_token()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }).Build();
        var services = new ServiceCollection();
        services.AddBotConnector(configuration);
        using var provider = services.BuildServiceProvider();

        var tokens = provider.GetRequiredService<IBotTokenProvider>();

        Assert.IsNotType<MsalBotTokenProvider>(tokens);
        Assert.Null(await tokens.GetTokenAsync(CancellationToken.None));
        Assert.Same(tokens, provider.GetRequiredService<IBotTokenProvider>());
    }

    private static BotAuthenticationOptions Options() => new()
    {
        MicrosoftAppId = "bot-app-id",
        MicrosoftAppPassword = "bot-secret",
        MicrosoftAppTenantId = "tenant-1",
        OAuthAuthority = Authority,
    };

    /// <summary>
    /// An Entra token endpoint in memory: MSAL's HttpClient is handed this handler, so nothing
    /// leaves the process. Each token request gets a new token.
    /// </summary>
    private sealed class FakeAuthority(int expiresInSeconds) : HttpMessageHandler, IMsalHttpClientFactory
    {
        private int _issued;

        public ConcurrentQueue<TokenRequest> TokenRequests { get; } = new();

        public HttpClient GetHttpClient() => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (request.Method == HttpMethod.Post && uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                var form = body.Split('&').Select(pair => pair.Split('=', 2))
                    .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
                TokenRequests.Enqueue(new TokenRequest(uri, form));
                var token = $"token-{Interlocked.Increment(ref _issued)}";
                var json = $$"""{"token_type":"Bearer","expires_in":{{expiresInSeconds}},"ext_expires_in":{{expiresInSeconds}},"access_token":"{{token}}"}""";
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    private sealed record TokenRequest(Uri Uri, IReadOnlyDictionary<string, string> Form);
}
