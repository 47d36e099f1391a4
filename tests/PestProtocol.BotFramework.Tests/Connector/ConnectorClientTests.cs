using System.Text.Json;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

public sealed class ConnectorClientTests
{
    private const string ConversationId = "a:1xY-conv";
    private const string ActivityId = "1712345678901";

    [Fact]
    public async Task Reply_posts_the_activity_to_the_activity_it_answers()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), ConversationId, ActivityId, Activity.CreateMessage("Hallo"));

        Assert.True(result.IsSuccess);
        Assert.False(string.IsNullOrEmpty(result.Value!.Id));
        var call = Assert.Single(connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(FakeConnectorOperation.ReplyToActivity, call.Operation);
        Assert.Equal($"/_connector/v3/conversations/{Uri.EscapeDataString(ConversationId)}/activities/{ActivityId}", call.RawPath);
        Assert.Equal("Hallo", call.Activity!.Text);
        Assert.Equal("message", call.BodyJson.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Send_posts_to_the_conversation()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), ConversationId, Activity.CreateMessage("Nieuwe melding"));

        Assert.True(result.IsSuccess);
        var call = Assert.Single(connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(FakeConnectorOperation.SendToConversation, call.Operation);
        Assert.Equal(ConversationId, call.ConversationId);
        Assert.Null(call.ActivityId);
        Assert.Equal("Nieuwe melding", call.Activity!.Text);
    }

    [Fact]
    public async Task Update_puts_the_new_activity_in_place()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        var card = Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = new { type = "AdaptiveCard", version = "1.5" } });

        var result = await harness.Client.UpdateActivityAsync(connector.ServiceUrl.ToString(), ConversationId, ActivityId, card);

        Assert.True(result.IsSuccess);
        Assert.Equal(ActivityId, result.Value!.Id);
        var call = Assert.Single(connector.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal(ActivityId, call.ActivityId);
        var attachment = Assert.Single(call.Activity!.Attachments!);
        Assert.Equal(Attachment.AdaptiveCardContentType, attachment.ContentType);
        Assert.Equal("1.5", ((JsonElement)attachment.Content!).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Delete_sends_a_delete_without_body()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.DeleteActivityAsync(connector.ServiceUrl.ToString(), ConversationId, ActivityId);

        Assert.True(result.IsSuccess);
        Assert.True(result.Value);
        var call = Assert.Single(connector.Calls);
        Assert.Equal("DELETE", call.Method);
        Assert.Equal(FakeConnectorOperation.DeleteActivity, call.Operation);
        Assert.Equal(string.Empty, call.Body);
    }

    [Fact]
    public async Task Create_personal_conversation_sends_bot_member_and_tenant_and_returns_the_conversation_id()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.CreatePersonalConversationAsync(
            connector.ServiceUrl.ToString(), new ChannelAccount { Id = "28:bot-app-id", Name = "Pestprotocol" }, "29:1user-abc", "tenant-42");

        Assert.True(result.IsSuccess);
        Assert.StartsWith("a:", result.Value!.Id);
        var call = Assert.Single(connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/_connector/v3/conversations", call.RawPath);
        var body = call.BodyJson;
        Assert.Equal("28:bot-app-id", body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("29:1user-abc", body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal("tenant-42", body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("tenant-42", body.GetProperty("tenantId").GetString());
    }

    [Fact]
    public async Task A_new_channel_thread_is_created_with_is_group_channel_team_tenant_and_the_activity()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.CreateChannelThreadAsync(
            connector.ServiceUrl.ToString(), new ChannelAccount { Id = "28:bot-app-id", Name = "Pestprotocol" },
            "19:team@thread.tacv2", "19:zorg@thread.tacv2", "tenant-42", Activity.CreateMessage("nieuw"));

        Assert.True(result.IsSuccess);
        Assert.StartsWith("19:zorg@thread.tacv2;messageid=", result.Value!.Id);
        Assert.False(string.IsNullOrEmpty(result.Value.ActivityId));
        var body = Assert.Single(connector.Calls).BodyJson;
        Assert.True(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal("28:bot-app-id", body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("19:zorg@thread.tacv2", body.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("19:team@thread.tacv2", body.GetProperty("channelData").GetProperty("team").GetProperty("id").GetString());
        Assert.Equal("tenant-42", body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("nieuw", body.GetProperty("activity").GetProperty("text").GetString());
        Assert.False(body.TryGetProperty("members", out _));
    }

    [Fact]
    public async Task Teams_ids_with_colon_at_and_semicolon_are_escaped_in_the_path()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        const string teamsConversation = "19:abc123@thread.tacv2;messageid=1712345678901";
        const string teamsActivity = "1:1a/b?c";

        var result = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), teamsConversation, teamsActivity, Activity.CreateMessage("ok"));

        Assert.True(result.IsSuccess);
        var call = Assert.Single(connector.Calls);
        Assert.Equal($"/_connector/v3/conversations/{Uri.EscapeDataString(teamsConversation)}/activities/{Uri.EscapeDataString(teamsActivity)}", call.RawPath);
        Assert.Contains("19%3Aabc123%40thread.tacv2%3Bmessageid%3D1712345678901", call.RawPath);
        Assert.Equal(teamsConversation, call.ConversationId);
        Assert.Equal(teamsActivity, call.ActivityId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task The_service_url_path_is_kept_with_or_without_trailing_slash(string suffix)
    {
        await using var connector = await FakeConnector.StartAsync("/_connector");
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString().TrimEnd('/') + suffix, "conv", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Equal("/_connector/v3/conversations/conv/activities", Assert.Single(connector.Calls).RawPath);
    }

    [Fact]
    public async Task A_service_url_without_path_works_too()
    {
        await using var connector = await FakeConnector.StartAsync(basePath: "/");
        await using var harness = ConnectorHarness.Create();

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl + "/", "conv", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Equal("/v3/conversations/conv/activities", Assert.Single(connector.Calls).RawPath);
    }

    [Fact]
    public async Task Every_call_carries_the_bearer_token()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(token: "eyJ.bot.token");
        var serviceUrl = connector.ServiceUrl.ToString();

        await harness.Client.SendToConversationAsync(serviceUrl, "conv", Activity.CreateMessage("x"));
        await harness.Client.DeleteActivityAsync(serviceUrl, "conv", "act");

        Assert.Equal(2, connector.Calls.Count);
        Assert.All(connector.Calls, call => Assert.Equal("Bearer eyJ.bot.token", call.Authorization));
    }

    [Fact]
    public async Task In_development_mode_no_authorization_header_is_sent()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(token: null);

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Null(Assert.Single(connector.Calls).Authorization);
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(201, "{}")]
    [InlineData(202, "  ")]
    public async Task An_empty_success_body_is_success_with_an_empty_resource_response(int status, string? body)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNext(status, body);

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.NotNull(result.Value);
        Assert.Null(result.Value.Id);
    }

    [Fact]
    public async Task A_success_body_that_is_not_json_is_reported_not_thrown()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNext(200, "<html>proxy</html>");

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.Other, result.Error!.Kind);
    }
}
