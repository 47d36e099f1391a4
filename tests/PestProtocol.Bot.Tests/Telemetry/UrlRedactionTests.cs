using System.Diagnostics;
using System.Net;
using PestProtocol.Bot.Telemetry;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PestProtocol.Bot.Tests.Telemetry;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("/v3/conversations/a:1Bx%40thread/activities/123", "/v3/conversations/{id}/activities/{id}")]
    [InlineData("/v3/conversations/19:abc@thread.tacv2;messageid=17/members/29:ZZ-secret-user", "/v3/conversations/{id}/members/{id}")]
    [InlineData("/v3/conversations/a:1Bx/pagedmembers?pageSize=50&continuationToken=ZZ", "/v3/conversations/{id}/pagedmembers")]
    [InlineData("/v1.0/users/anna.geheim@school.example/teamwork/installedApps", "/v1.0/users/{id}/teamwork/installedApps")]
    [InlineData("/v1.0/users/00000000-0000-0000-0000-00000000beef/sendMail", "/v1.0/users/{id}/sendMail")]
    [InlineData("/api/messages", "/api/messages")]
    [InlineData("/", "/")]
    public void A_path_keeps_its_rest_words_and_loses_every_id_and_its_query(string path, string expected)
    {
        Assert.Equal(expected, UrlRedaction.RedactPath(path));
    }

    [Fact]
    public void A_full_url_keeps_scheme_host_and_port_and_loses_user_info_ids_and_query()
    {
        var redacted = UrlRedaction.RedactUrl("https://bot:pw@smba.trafficmanager.net:8443/emea/v3/conversations/a:1Bx%40thread/activities/123?secret=Anna#frag");

        Assert.Equal("https://smba.trafficmanager.net:8443/emea/v3/conversations/{id}/activities/{id}", redacted);
    }

    [Fact]
    public void Redacting_twice_gives_the_same_url()
    {
        var once = UrlRedaction.RedactUrl("https://smba.trafficmanager.net/emea/v3/conversations/a:1Bx/activities/123");

        Assert.Equal(once, UrlRedaction.RedactUrl(once));
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class HttpSpanRedactionTests
{
    [Fact]
    public async Task An_outgoing_connector_call_is_exported_with_the_conversation_and_activity_ids_redacted()
    {
        using var connector = WireMockServer.Start();
        connector.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(HttpStatusCode.Created).WithBody("{\"id\":\"1\"}"));
        using var harness = new TelemetryHarness();
        using var http = new HttpClient();
        var port = connector.Port;

        using var response = await http.PostAsync(
            $"http://127.0.0.1:{port}/v3/conversations/a:1Bx%40thread/activities/123?name=Anna%20Geheim",
            new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // The fake connector's server span ends after its response is on the wire, so the client can have its answer first:
        // wait for both spans (a full test run on two busy cores saw the server span missing at the assertion).
        List<Activity> Spans() => harness.SpansOfThisTest.Where(s => s.GetTagItem("server.port") is int p && p == port).ToList();
        bool BothExported()
        {
            try
            {
                var s = Spans();
                return s.Any(x => x.Kind == ActivityKind.Server) && s.Any(x => x.Kind == ActivityKind.Client);
            }
            catch (InvalidOperationException)
            {
                return false; // the exporter added a span while we read the list: look again
            }
        }

        Assert.True(
            SpinWait.SpinUntil(BothExported, TimeSpan.FromSeconds(10)),
            "the fake connector's server span and the client span were not both exported within 10 s");
        var spans = Spans();
        var client = Assert.Single(spans, s => s.Kind == ActivityKind.Client);
        Assert.Equal($"http://127.0.0.1:{port}/v3/conversations/{{id}}/activities/{{id}}", client.GetTagItem("url.full"));

        // The fake connector runs ASP.NET Core in this process: its server span shows what the bot's own incoming spans get.
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal("/v3/conversations/{id}/activities/{id}", server.GetTagItem("url.path"));
        Assert.Null(server.GetTagItem("url.query"));
        Assert.All(spans, span =>
        {
            Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains("1Bx", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains("Anna", StringComparison.Ordinal) == true);
            Assert.DoesNotContain("1Bx", span.DisplayName, StringComparison.Ordinal);
        });
    }
}
