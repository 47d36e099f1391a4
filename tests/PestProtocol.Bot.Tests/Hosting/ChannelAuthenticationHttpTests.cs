using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Testing.Authentication;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// With a MicrosoftAppId the messaging endpoint only lets the channel in: its signing keys come from a
/// local OpenID authority on 127.0.0.1. A refused request never reaches a handler and says nothing about why.
/// </summary>
public sealed class ChannelAuthenticationHttpTests : IAsyncLifetime
{
    private const string AppId = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    private const string TenantId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private FakeConnector _connector = null!;
    private FakeChannelAuthority _authority = null!;
    private TestSigningKey _channelKey = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _authority = await FakeChannelAuthority.StartAsync(TenantId);
        _channelKey = TestSigningKey.Create("channel-key-1");
        _authority.PublishBotFrameworkKey(_channelKey, FakeChannelAuthority.TeamsEndorsements);
        _app = new BotApp(
            _connector,
            AuthenticatedBotSettings.Create(AppId, TenantId, _authority),
            services => services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedTokenProvider("outbound-test-token"))));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _authority.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task No_token_is_401_with_an_empty_body_and_no_reply()
    {
        var response = await _app.PostAsync(_app.Message("help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        await AssertNoRepliesAsync();
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_403_with_an_empty_body_and_no_reply()
    {
        var impostor = TestSigningKey.Create("channel-key-1");
        var response = await _app.PostAsync(_app.Message("help"), Mint(impostor));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        await AssertNoRepliesAsync();
    }

    [Fact]
    public async Task An_expired_token_is_403()
    {
        var response = await _app.PostAsync(_app.Message("help"), Mint(_channelKey, expires: DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNoRepliesAsync();
    }

    [Fact]
    public async Task A_token_for_another_service_url_is_403()
    {
        var response = await _app.PostAsync(_app.Message("help"), Mint(_channelKey, serviceUrl: "https://smba.trafficmanager.net/emea/"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNoRepliesAsync();
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_reply_carries_the_bots_own_token()
    {
        var response = await _app.PostAsync(_app.Message("help"), Mint(_channelKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _connector.WaitForCallsAsync(1, TimeSpan.FromSeconds(10));
        Assert.Equal("Bearer outbound-test-token", calls[0].Authorization);
    }

    /// <summary>
    /// The finding of issue 16: a token from the school's own Entra tenant, for this bot (aud), but asked for by an
    /// unrelated app of that tenant (azp/appid) and without a serviceurl claim. Nothing documents such a token as the
    /// channel's, so it is refused, and the activity's serviceUrl (the sender's choice) receives nothing.
    /// </summary>
    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task An_entra_token_issued_to_an_unrelated_app_of_the_tenant_is_403_and_nothing_is_sent(string version)
    {
        var entraKey = TestSigningKey.Create("entra-key-1");
        _authority.PublishEntraKey(entraKey);
        var token = MintEntra(entraKey, version, callerAppId: "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910");

        var response = await _app.PostAsync(_app.Message("overzicht"), token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        await AssertNoRepliesAsync();
    }

    [Fact]
    public async Task A_channel_token_for_an_activity_whose_service_url_is_not_a_teams_host_is_403_and_nothing_is_sent()
    {
        var elsewhere = "https://attacker.example.net/";
        var activity = _app.Message("help");
        activity.ServiceUrl = elsewhere;

        var response = await _app.PostAsync(activity, Mint(_channelKey, serviceUrl: elsewhere));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNoRepliesAsync();
    }

    [Fact]
    public async Task A_text_plain_post_is_415_and_reaches_no_handler()
    {
        using var client = _app.CreateClient();
        using var content = new StringContent(BotFramework.Schema.BotJson.Serialize(_app.Message("help")), System.Text.Encoding.UTF8, "text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Mint(_channelKey));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNoRepliesAsync();
    }

    private string MintEntra(TestSigningKey key, string version, string callerAppId)
    {
        var validTo = DateTimeOffset.UtcNow.AddMinutes(55);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = version == "v2" ? $"https://login.microsoftonline.com/{TenantId}/v2.0" : $"https://sts.windows.net/{TenantId}/",
            Audience = AppId,
            IssuedAt = validTo.AddHours(-1).UtcDateTime,
            NotBefore = validTo.AddHours(-1).UtcDateTime,
            Expires = validTo.UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>
            {
                [version == "v2" ? "azp" : "appid"] = callerAppId,
                ["tid"] = TenantId,
                ["ver"] = version == "v2" ? "2.0" : "1.0",
            },
        });
    }

    private string Mint(TestSigningKey key, DateTimeOffset? expires = null, string? serviceUrl = null) =>
        ChannelTokens.Mint(key, AppId, serviceUrl ?? _connector.ServiceUrl.ToString(), expires);

    private async Task AssertNoRepliesAsync()
    {
        await Task.Delay(100);
        Assert.Empty(_connector.Calls);
    }

    private sealed class FixedTokenProvider(string token) : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
