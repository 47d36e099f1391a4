using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PestProtocol.BotFramework.Authentication;
using PestProtocol.BotFramework.Testing.Authentication;
using PestProtocol.BotFramework.Schema;
using Reasons = PestProtocol.BotFramework.Authentication.ChannelAuthenticationFailureReasons;

namespace PestProtocol.BotFramework.Tests.Authentication;

public sealed class ChannelRequestAuthenticatorTests : IAsyncLifetime
{
    private const string AppId = "0b7a5e2c-1d3f-4a6b-9c8d-7e6f5a4b3c2d";
    private const string Tenant = "5f4e3d2c-1b0a-4987-8654-3210fedcba98";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string BotFrameworkIssuer = "https://api.botframework.com";
    private const string TrustedCaller = "3c2b1a09-8f7e-4d6c-a5b4-9382716f5e4d";

    private static Dictionary<string, string?> EntraSwitchedOn => new()
    {
        ["AcceptEntraIssuedTokens"] = "true",
        ["TrustedEntraCallerAppIds:0"] = TrustedCaller,
    };

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 15, 0, TimeSpan.Zero));
    private readonly TestSigningKey _channelKey = TestSigningKey.Create("bf-key-1");
    private readonly List<ServiceProvider> _providers = [];
    private FakeChannelAuthority _authority = null!;

    public async Task InitializeAsync()
    {
        _authority = await FakeChannelAuthority.StartAsync(Tenant);
        _authority.PublishBotFrameworkKey(_channelKey, FakeChannelAuthority.TeamsEndorsements);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _authority.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_request_without_a_bearer_token_is_missing_authentication(string? header)
    {
        var result = await CreateAuthenticator().AuthenticateAsync(header, TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.MissingToken, result.Status);
        Assert.False(result.IsAllowed);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer aaa.bbb.ccc")]
    public async Task A_bearer_value_that_is_not_a_jwt_is_rejected(string header)
    {
        var result = await CreateAuthenticator().AuthenticateAsync(header, TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.MalformedToken, result);
    }

    [Fact]
    public async Task A_valid_bot_framework_token_is_accepted_with_its_claims()
    {
        var token = Mint();

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
        Assert.True(result.IsAllowed);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(BotFrameworkIssuer, result.Identity.FindFirst("iss")?.Value);
        Assert.Equal(AppId, result.Identity.FindFirst("aud")?.Value);
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        var result = await CreateAuthenticator().AuthenticateAsync($"bearer {Mint()}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
    }

    [Theory]
    [InlineData(AppId)]
    [InlineData("api://" + AppId)]
    [InlineData("api://botid-" + AppId)]
    public async Task The_app_id_and_its_api_uris_are_accepted_audiences(string audience)
    {
        var token = Mint(descriptor => descriptor.Audience = audience);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task A_token_for_another_app_is_rejected()
    {
        var token = Mint(descriptor => descriptor.Audience = "9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a");

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.AudienceMismatch, result);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_a_known_key_id_is_rejected()
    {
        var impostor = TestSigningKey.Create(_channelKey.KeyId);
        var token = Mint(descriptor => descriptor.SigningCredentials = impostor.Credentials);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.InvalidSignature, result);
    }

    [Fact]
    public async Task A_key_id_missing_from_the_key_set_even_after_a_refresh_is_rejected()
    {
        var unpublished = TestSigningKey.Create("never-published");
        var token = Mint(descriptor => descriptor.SigningCredentials = unpublished.Credentials);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.UnknownSigningKey, result);
        Assert.Equal(2, _authority.BotFrameworkMetadataRequests); // first fetch, then one forced refresh
    }

    [Fact]
    public async Task An_hs256_token_is_rejected()
    {
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a shared secret that is long enough for HS256")) { KeyId = _channelKey.KeyId };
        var token = Mint(descriptor => descriptor.SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.AlgorithmNotAllowed, result);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_rejected()
    {
        var token = Mint(descriptor => descriptor.SigningCredentials = null);
        Assert.EndsWith(".", token); // really unsigned

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.AlgorithmNotAllowed, result);
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://login.botframework.com")]
    [InlineData("https://login.microsoftonline.com/7a6b5c4d-3e2f-4a1b-9c8d-0e1f2a3b4c5d/v2.0")]
    [InlineData("https://sts.windows.net/7a6b5c4d-3e2f-4a1b-9c8d-0e1f2a3b4c5d/")]
    public async Task A_token_from_an_untrusted_issuer_is_rejected(string issuer)
    {
        var token = Mint(descriptor => descriptor.Issuer = issuer);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.IssuerNotTrusted, result);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_clock_skew_is_rejected()
    {
        var token = Mint(expires: _clock.GetUtcNow() - TimeSpan.FromMinutes(6));

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.Expired, result);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted()
    {
        var token = Mint(expires: _clock.GetUtcNow() - TimeSpan.FromMinutes(4));

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task A_token_not_valid_until_after_the_clock_skew_is_rejected()
    {
        var now = _clock.GetUtcNow();
        var token = Mint(descriptor =>
        {
            descriptor.NotBefore = (now + TimeSpan.FromMinutes(10)).UtcDateTime;
            descriptor.IssuedAt = descriptor.NotBefore;
            descriptor.Expires = (now + TimeSpan.FromMinutes(70)).UtcDateTime;
        });

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.NotYetValid, result);
    }

    [Fact]
    public async Task A_channel_the_signing_key_does_not_endorse_is_rejected()
    {
        var activity = TeamsActivity();
        activity.ChannelId = "slack";

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {Mint()}", activity, CancellationToken.None);

        AssertRejected(Reasons.ChannelNotEndorsed, result);
    }

    [Fact]
    public async Task A_bot_framework_key_without_endorsements_endorses_no_channel()
    {
        var bareKey = TestSigningKey.Create("bf-key-bare");
        _authority.PublishBotFrameworkKey(bareKey, endorsements: null);
        var token = Mint(descriptor => descriptor.SigningCredentials = bareKey.Credentials);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.ChannelNotEndorsed, result);
    }

    [Fact]
    public async Task A_bot_framework_token_without_a_serviceurl_claim_is_rejected()
    {
        var token = Mint(descriptor => descriptor.Claims.Remove("serviceurl"));

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.MissingServiceUrlClaim, result);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://evil.example.com/emea/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    public async Task A_serviceurl_claim_for_another_service_is_rejected(string claimedServiceUrl)
    {
        var token = Mint(descriptor => descriptor.Claims["serviceurl"] = claimedServiceUrl);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.ServiceUrlMismatch, result);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea")]
    [InlineData("https://SMBA.TrafficManager.net/emea/")]
    public async Task A_serviceurl_claim_differing_only_in_trailing_slash_or_host_case_is_accepted(string claimedServiceUrl)
    {
        var token = Mint(descriptor => descriptor.Claims["serviceUrl"] = claimedServiceUrl, includeServiceUrl: false);

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/" + Tenant + "/v2.0", "azp")]
    [InlineData("https://sts.windows.net/" + Tenant + "/", "appid")]
    public async Task An_entra_token_of_a_trusted_caller_is_accepted_with_keys_from_the_tenant_metadata_when_switched_on(string issuer, string partyClaim)
    {
        var entraKey = TestSigningKey.Create("entra-key-1");
        _authority.PublishEntraKey(entraKey);
        var token = Mint(descriptor =>
        {
            descriptor.Issuer = issuer;
            descriptor.SigningCredentials = entraKey.Credentials;
            descriptor.Claims[partyClaim] = TrustedCaller;
        });

        var result = await CreateAuthenticator(EntraSwitchedOn).AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(1, _authority.EntraMetadataRequests);
        Assert.Equal(0, _authority.BotFrameworkMetadataRequests);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/" + Tenant + "/v2.0")]
    [InlineData("https://sts.windows.net/" + Tenant + "/")]
    public async Task An_entra_token_is_refused_by_default_even_from_the_configured_tenant(string issuer)
    {
        var entraKey = TestSigningKey.Create("entra-key-1");
        _authority.PublishEntraKey(entraKey);
        var token = Mint(descriptor =>
        {
            descriptor.Issuer = issuer;
            descriptor.SigningCredentials = entraKey.Credentials;
            descriptor.Claims["azp"] = TrustedCaller;
        });

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.IssuerNotTrusted, result);
        Assert.Equal(0, _authority.EntraMetadataRequests);
    }

    [Theory]
    [InlineData("azp", "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910")]
    [InlineData("appid", "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910")]
    [InlineData(null, null)]
    public async Task An_entra_token_of_an_unrelated_app_is_refused_when_switched_on(string? partyClaim, string? caller)
    {
        var entraKey = TestSigningKey.Create("entra-key-1");
        _authority.PublishEntraKey(entraKey);
        var token = Mint(descriptor =>
        {
            descriptor.Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
            descriptor.SigningCredentials = entraKey.Credentials;
            if (partyClaim is not null)
            {
                descriptor.Claims[partyClaim] = caller!;
            }
        }, includeServiceUrl: false);

        var result = await CreateAuthenticator(EntraSwitchedOn).AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.CallerNotTrusted, result);
    }

    [Fact]
    public async Task Switching_entra_tokens_on_without_trusted_callers_trusts_none()
    {
        var entraKey = TestSigningKey.Create("entra-key-1");
        _authority.PublishEntraKey(entraKey);
        var token = Mint(descriptor =>
        {
            descriptor.Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
            descriptor.SigningCredentials = entraKey.Credentials;
            descriptor.Claims["azp"] = TrustedCaller;
        });

        var result = await CreateAuthenticator(new() { ["AcceptEntraIssuedTokens"] = "true" }).AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.IssuerNotTrusted, result);
    }

    [Theory]
    [InlineData("https://attacker.example.net/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/")]
    [InlineData("https://user:pass@smba.trafficmanager.net/emea/")]
    public async Task A_valid_token_for_a_service_url_off_the_allow_list_is_refused_before_keys_are_fetched(string serviceUrl)
    {
        var token = Mint(descriptor => descriptor.Claims["serviceurl"] = serviceUrl);
        var activity = TeamsActivity();
        activity.ServiceUrl = serviceUrl;

        var result = await CreateAuthenticator().AuthenticateAsync($"Bearer {token}", activity, CancellationToken.None);

        AssertRejected(Reasons.ServiceUrlNotAllowed, result);
        Assert.Equal(0, _authority.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task An_entra_token_signed_with_a_bot_framework_key_is_rejected()
    {
        var token = Mint(descriptor =>
        {
            descriptor.Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
            descriptor.Claims["azp"] = TrustedCaller;
        });

        var result = await CreateAuthenticator(EntraSwitchedOn).AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.UnknownSigningKey, result);
    }

    [Fact]
    public async Task A_key_published_after_the_first_fetch_is_accepted_at_once()
    {
        var authenticator = CreateAuthenticator();
        Assert.True((await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None)).IsAllowed);

        var rotatedKey = TestSigningKey.Create("bf-key-2");
        _authority.PublishBotFrameworkKey(rotatedKey, FakeChannelAuthority.TeamsEndorsements);
        var token = Mint(descriptor => descriptor.SigningCredentials = rotatedKey.Credentials);
        var result = await authenticator.AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(2, _authority.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Keys_are_cached_until_the_refresh_interval_has_passed()
    {
        var authenticator = CreateAuthenticator(new() { ["SigningKeyRefreshInterval"] = "01:00:00" });
        Assert.True((await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None)).IsAllowed);

        _authority.WithdrawBotFrameworkKey(_channelKey);
        _clock.Advance(TimeSpan.FromMinutes(59));
        var withinInterval = await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var afterInterval = await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, withinInterval.Status);
        AssertRejected(Reasons.UnknownSigningKey, afterInterval);
    }

    [Fact]
    public async Task A_refresh_interval_above_24_hours_is_capped_at_24_hours()
    {
        var authenticator = CreateAuthenticator(new() { ["SigningKeyRefreshInterval"] = "5.00:00:00" });
        Assert.True((await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None)).IsAllowed);

        _authority.WithdrawBotFrameworkKey(_channelKey);
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var result = await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.UnknownSigningKey, result);
    }

    [Fact]
    public async Task Unknown_key_ids_force_at_most_one_refresh_per_five_minutes()
    {
        var authenticator = CreateAuthenticator();
        foreach (var keyId in new[] { "junk-1", "junk-2", "junk-3" })
        {
            var junk = TestSigningKey.Create(keyId);
            var junkToken = Mint(descriptor => descriptor.SigningCredentials = junk.Credentials);
            AssertRejected(Reasons.UnknownSigningKey, await authenticator.AuthenticateAsync($"Bearer {junkToken}", TeamsActivity(), CancellationToken.None));
        }

        Assert.Equal(2, _authority.BotFrameworkMetadataRequests);

        var rotatedKey = TestSigningKey.Create("bf-key-2");
        _authority.PublishBotFrameworkKey(rotatedKey, FakeChannelAuthority.TeamsEndorsements);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var token = Mint(descriptor => descriptor.SigningCredentials = rotatedKey.Credentials);
        var result = await authenticator.AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None);

        Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(3, _authority.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch_of_the_keys()
    {
        var authenticator = CreateAuthenticator();
        var token = Mint();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => authenticator.AuthenticateAsync($"Bearer {token}", TeamsActivity(), CancellationToken.None))));

        Assert.All(results, result => Assert.Equal(ChannelAuthenticationStatus.Authenticated, result.Status));
        Assert.Equal(1, _authority.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Plain_http_metadata_is_refused_unless_it_is_on_loopback()
    {
        var authenticator = CreateAuthenticator(new() { ["OpenIdMetadataUrl"] = "http://login.botframework.invalid/v1/.well-known/openidconfiguration" });

        var result = await authenticator.AuthenticateAsync($"Bearer {Mint()}", TeamsActivity(), CancellationToken.None);

        AssertRejected(Reasons.SigningKeysUnavailable, result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-jwt")]
    public async Task Development_mode_lets_every_request_through_anonymously(string? header)
    {
        var authenticator = CreateAuthenticator(new() { ["MicrosoftAppId"] = "" });

        var result = await authenticator.AuthenticateAsync(header, TeamsActivity(), CancellationToken.None);

        Assert.False(authenticator.IsEnabled);
        Assert.Equal(ChannelAuthenticationStatus.Anonymous, result.Status);
        Assert.True(result.IsAllowed);
        Assert.Null(result.Identity);
        Assert.Equal(0, _authority.BotFrameworkMetadataRequests);
    }

    [Fact]
    public void Authentication_is_enabled_when_an_app_id_is_configured()
    {
        Assert.True(CreateAuthenticator().IsEnabled);
    }

    private IChannelRequestAuthenticator CreateAuthenticator(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppTenantId"] = Tenant,
            ["OpenIdMetadataUrl"] = _authority.BotFrameworkMetadataUrl,
            ["EntraOpenIdMetadataUrlTemplate"] = _authority.EntraMetadataUrlTemplate,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddChannelAuthentication(configuration);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IChannelRequestAuthenticator>();
    }

    /// <summary>A channel token as the Bot Connector sends it, valid for an hour from the test clock's now.</summary>
    private string Mint(Action<SecurityTokenDescriptor>? adjust = null, DateTimeOffset? expires = null, bool includeServiceUrl = true)
    {
        var validTo = expires ?? _clock.GetUtcNow() + TimeSpan.FromMinutes(55);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkIssuer,
            Audience = AppId,
            IssuedAt = (validTo - TimeSpan.FromHours(1)).UtcDateTime,
            NotBefore = (validTo - TimeSpan.FromHours(1)).UtcDateTime,
            Expires = validTo.UtcDateTime,
            SigningCredentials = _channelKey.Credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal),
        };
        if (includeServiceUrl)
        {
            descriptor.Claims["serviceurl"] = ServiceUrl;
        }

        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static Activity TeamsActivity() => new()
    {
        Type = ActivityTypes.Message,
        Id = "1",
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl,
    };

    private static void AssertRejected(string expectedReason, ChannelAuthenticationResult result)
    {
        Assert.Equal(ChannelAuthenticationStatus.Rejected, result.Status);
        Assert.False(result.IsAllowed);
        Assert.Equal(expectedReason, result.FailureReason);
        Assert.Null(result.Identity);
    }
}
