using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Tests.Hosting;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// GET /thermometer-grafiek/{token} over HTTP: junk, forged or expired links and a survey without a released result are
/// the same plain 404 (never a 500); the chart response may be shown inside Teams (cross-origin), every other response
/// of the bot keeps same-origin.
/// </summary>
public sealed class ThermometerChartEndpointTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = new BotApp(_connector);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.png")]
    [InlineData("%2E%2E%2Fappsettings.json")]
    [InlineData("long")]
    public async Task A_link_that_is_not_ours_is_a_plain_404(string token)
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync(ThermometerChartLinks.PathPrefix + (token == "long" ? new string('A', 4000) : token));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_link_to_a_survey_without_a_released_result_shows_nothing_and_only_the_chart_path_may_be_embedded()
    {
        var links = _app.Services.GetRequiredService<ThermometerChartLinks>();
        var url = new Uri(links.Create(Guid.NewGuid(), "mentor", DateTimeOffset.UtcNow));
        using var client = _app.CreateClient();

        var chart = await client.GetAsync(url.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, chart.StatusCode);
        Assert.Equal("cross-origin", string.Join(",", chart.Headers.GetValues("Cross-Origin-Resource-Policy")));
        Assert.Equal("nosniff", string.Join(",", chart.Headers.GetValues("X-Content-Type-Options")));

        var health = await client.GetAsync("/healthz");
        Assert.Equal("same-origin", string.Join(",", health.Headers.GetValues("Cross-Origin-Resource-Policy")));
    }
}
