using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Authentication;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

/// <summary>In production the bot talks only to the Teams connector hosts, and never hands its token to anyone else.</summary>
public sealed class ServiceUrlAllowListTests
{
    private static readonly Dictionary<string, string?> Production = new()
    {
        ["MicrosoftAppId"] = "0b7a5e2c-1d3f-4a6b-9c8d-7e6f5a4b3c2d",
        ["MicrosoftAppTenantId"] = "5f4e3d2c-1b0a-4987-8654-3210fedcba98",
    };

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://SMBA.trafficmanager.net/amer")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams")]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams")]
    public void The_documented_teams_hosts_are_allowed_by_default(string serviceUrl)
    {
        Assert.True(AllowList(Production).IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("https://attacker.example.net/")]
    [InlineData("http://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/teams/")]
    [InlineData("https://evil-smba.trafficmanager.net/teams/")]
    [InlineData("https://bot:secret@smba.trafficmanager.net/teams/")]
    [InlineData("http://127.0.0.1:5000/_connector")]
    [InlineData("http://localhost:5000/")]
    [InlineData("ftp://smba.trafficmanager.net/")]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_addresses_are_refused_in_production(string? serviceUrl)
    {
        Assert.False(AllowList(Production).IsAllowed(serviceUrl));
    }

    [Fact]
    public void Development_mode_also_allows_loopback_for_the_agents_playground()
    {
        var allowList = AllowList(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" });

        Assert.True(allowList.IsAllowed("http://127.0.0.1:56150/_connector"));
        Assert.True(allowList.IsAllowed("http://localhost:56150/"));
        Assert.False(allowList.IsAllowed("https://attacker.example.net/"));
    }

    [Fact]
    public void A_configured_list_replaces_the_defaults_and_supports_sub_domain_wildcards()
    {
        var allowList = AllowList(new Dictionary<string, string?>(Production)
        {
            ["AllowedServiceUrlHosts:0"] = "*.botframework.example",
        });

        Assert.True(allowList.IsAllowed("https://eu.botframework.example/"));
        Assert.False(allowList.IsAllowed("https://botframework.example.attacker.net/"));
        Assert.False(allowList.IsAllowed("https://smba.trafficmanager.net/teams/"));
    }

    [Fact]
    public async Task The_connector_sends_nothing_and_asks_no_token_for_a_service_url_off_the_list()
    {
        await using var connector = await FakeConnector.StartAsync();
        var tokens = new CountingTokenProvider();
        await using var harness = ConnectorHarness.Create(settings: Production, tokenProvider: tokens);

        var reply = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), "a:conv", "1", Activity.CreateMessage("Dossier van Sanne"));
        var send = await harness.Client.SendToConversationAsync("https://attacker.example.net/", "a:conv", Activity.CreateMessage("Dossier van Sanne"));

        Assert.Equal(ConnectorErrorKind.ServiceUrlNotAllowed, reply.Error?.Kind);
        Assert.Equal(ConnectorErrorKind.ServiceUrlNotAllowed, send.Error?.Kind);
        Assert.False(reply.Error!.IsTransient);
        Assert.Empty(connector.Calls);
        Assert.Equal(0, tokens.Requests);
    }

    [Fact]
    public async Task The_connector_sends_to_a_listed_loopback_host_with_the_token()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(settings: new Dictionary<string, string?>(Production) { ["AllowedServiceUrlHosts:0"] = "127.0.0.1" });

        var reply = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), "a:conv", "1", Activity.CreateMessage("Hallo"));

        Assert.True(reply.IsSuccess);
        Assert.Equal("Bearer test-token", Assert.Single(connector.Calls).Authorization);
    }

    [Fact]
    public void Asking_again_gives_the_same_answer_for_many_addresses_allowed_or_not()
    {
        var allowList = AllowList(Production);
        var allowed = Enumerable.Range(0, 40).Select(i => $"https://smba.trafficmanager.net/tenant-{i}/").ToArray();
        var refused = Enumerable.Range(0, 40).Select(i => $"https://attacker-{i}.example.net/").Append("https://bot:secret@smba.trafficmanager.net/teams/").ToArray();

        for (var round = 0; round < 3; round++)
        {
            Assert.All(allowed, url => Assert.True(allowList.IsAllowed(url), url));
            Assert.All(refused, url => Assert.False(allowList.IsAllowed(url), url));
        }
    }

    private static ServiceUrlAllowList AllowList(Dictionary<string, string?> settings)
    {
        var authentication = new BotAuthenticationOptions { MicrosoftAppId = settings.GetValueOrDefault("MicrosoftAppId") };
        var hosts = settings.Where(pair => pair.Key.StartsWith("AllowedServiceUrlHosts", StringComparison.Ordinal)).Select(pair => pair.Value!).ToArray();
        return new ServiceUrlAllowList(Options.Create(authentication), Options.Create(new ServiceUrlAllowListOptions { AllowedServiceUrlHosts = hosts }));
    }

    private sealed class CountingTokenProvider : IBotTokenProvider
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult<string?>("test-token");
        }
    }
}
