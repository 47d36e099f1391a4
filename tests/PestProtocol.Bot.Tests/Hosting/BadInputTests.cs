using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>
/// Input the client got wrong is refused cleanly at the door (issue 16): a 400 (or, for a card action, the
/// documented error body with statusCode 400), no handler reached, nothing sent, and no error-level log line.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
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

    [Fact]
    public async Task An_activity_without_from_id_is_400()
    {
        var activity = _app.Message("help");
        activity.From!.Id = null;

        await AssertRefusedAsync(await _app.PostAsync(activity), "from");
    }

    [Fact]
    public async Task A_members_added_list_with_null_is_400()
    {
        var json = JsonNodeOf(_app.Message(""));
        json["type"] = "conversationUpdate";
        json["membersAdded"] = new System.Text.Json.Nodes.JsonArray(null, new System.Text.Json.Nodes.JsonObject { ["id"] = "29:x" });

        await AssertRefusedAsync(await _app.PostAsync(json.ToJsonString()), "membersAdded");
    }

    [Fact]
    public async Task A_wrongly_typed_top_level_field_is_400()
    {
        var json = JsonNodeOf(_app.Message("help"));
        json["text"] = 5;

        await AssertRefusedAsync(await _app.PostAsync(json.ToJsonString()), null);
    }

    [Theory]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":123},\"trigger\":\"manual\"}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"volgende\",\"data\":\"not an object\"}}")]
    [InlineData("{\"action\":\"Action.Execute\"}")]
    [InlineData("{\"action\":{\"verb\":[\"a\"]}}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"x\"")]
    [InlineData("{}")]
    public async Task A_card_action_of_the_wrong_shape_gets_the_documented_error_body_with_a_kind_dutch_message(string value)
    {
        var json = JsonNodeOf(_app.Message(""));
        json["type"] = "invoke";
        json["name"] = InvokeNames.AdaptiveCardAction;
        json["value"] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var response = await _app.PostAsync(json.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("Er is niets veranderd", body.RootElement.GetProperty("value").GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("{\"kind\":\"search\",\"queryText\":5,\"dataset\":\"students\"}")]
    [InlineData("{\"kind\":\"search\",\"queryText\":\"sanne\",\"queryOptions\":{\"top\":\"many\"}}")]
    [InlineData("7")]
    public async Task A_search_of_the_wrong_shape_gets_the_documented_error_body(string value)
    {
        var json = JsonNodeOf(_app.Message(""));
        json["type"] = "invoke";
        json["name"] = InvokeNames.ApplicationSearch;
        json["value"] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var response = await _app.PostAsync(json.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.RootElement.GetProperty("type").GetString());
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("{\"whatHappened\":\"\\ud800 alleen\"}")]
    [InlineData("{\"\\udfff\":\"sleutel\"}")]
    public async Task A_lone_surrogate_anywhere_in_a_submit_is_400(string value)
    {
        var activity = _app.Message("");
        var json = JsonNodeOf(activity).ToJsonString();
        json = json[..^1] + ",\"value\":" + value + "}";

        await AssertRefusedAsync(await _app.PostAsync(json), null);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Development_mode_accepts_only_json(string contentType)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(BotJson.Serialize(_app.Message("help")))),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_service_url_that_is_not_loopback_is_refused_in_development_mode()
    {
        var activity = _app.Message("help");
        activity.ServiceUrl = "https://attacker.example.net/";

        var response = await _app.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/readyz")]
    [InlineData("POST", "/api/messages")]
    [InlineData("GET", "/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string method, string path)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{\"type\":", Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Server"));
    }

    private static System.Text.Json.Nodes.JsonObject JsonNodeOf(Activity activity) =>
        System.Text.Json.Nodes.JsonNode.Parse(BotJson.Serialize(activity))!.AsObject();

    private async Task AssertRefusedAsync(HttpResponseMessage response, string? field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssertNothingHappenedAsync();
    }

    private async Task AssertNothingHappenedAsync()
    {
        await Task.Delay(50);
        Assert.Empty(_connector.Calls);
        lock (_app.LogLines)
        {
            Assert.DoesNotContain(_app.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        }
    }
}
