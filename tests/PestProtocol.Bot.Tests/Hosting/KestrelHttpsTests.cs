using Microsoft.Extensions.Configuration;
using PestProtocol.Bot.Hosting;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>The slim host adds Kestrel's HTTPS set-up only when an administrator configured https; plain http stays without it.</summary>
public sealed class KestrelHttpsTests
{
    [Theory]
    [InlineData("urls", "https://0.0.0.0:443")]
    [InlineData("urls", "http://0.0.0.0:80;https://0.0.0.0:443")]
    [InlineData("ASPNETCORE_URLS", "HTTPS://bot.school.nl:8443")]
    [InlineData("https_ports", "443")]
    [InlineData("Kestrel:Endpoints:Web:Url", "https://0.0.0.0:443")]
    [InlineData("Kestrel:Endpoints:Web:Certificate:Path", "/etc/bot/cert.pfx")]
    [InlineData("Kestrel:Certificates:Default:Path", "/etc/bot/cert.pfx")]
    [InlineData("Kestrel:EndpointDefaults:Certificate:Subject", "bot.school.nl")]
    public void An_https_address_or_a_certificate_asks_for_https(string key, string value) =>
        Assert.True(KestrelHttps.Wanted(Configuration((key, value))));

    [Fact]
    public void Plain_http_addresses_and_limits_do_not_ask_for_https() =>
        Assert.False(KestrelHttps.Wanted(Configuration(
            ("urls", "http://0.0.0.0:3978"),
            ("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:3978"),
            ("Kestrel:Limits:MaxConcurrentConnections", "100"))));

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
