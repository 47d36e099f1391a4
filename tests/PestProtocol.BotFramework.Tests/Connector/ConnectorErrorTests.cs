using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

public sealed class ConnectorErrorTests
{
    [Fact]
    public async Task Message_writes_blocked_is_typed_and_not_retried()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNextWithError(403, "MessageWritesBlocked", "Thread is blocked.",
            headers: new Dictionary<string, string> { ["X-Correlating-OperationId"] = "op-123" });

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.MessageWritesBlocked, result.Error!.Kind);
        Assert.Equal(403, result.Error.StatusCode);
        Assert.Equal("MessageWritesBlocked", result.Error.Code);
        Assert.Equal("op-123", result.Error.CorrelationId);
        Assert.False(result.Error.IsTransient);
        Assert.Single(connector.Calls);
    }

    [Theory]
    [InlineData(403, "BadArgument", "The bot is not part of the conversation roster.", ConnectorErrorKind.BotNotInRoster)]
    [InlineData(403, "BotDisabledByAdmin", "The tenant admin disabled this bot", ConnectorErrorKind.BotDisabledByAdmin)]
    [InlineData(403, "Forbidden", "User blocked the conversation with the bot.", ConnectorErrorKind.MessageWritesBlocked)]
    [InlineData(403, "Forbidden", "Something else.", ConnectorErrorKind.Forbidden)]
    [InlineData(401, "Unauthorized", "Authorization has been denied.", ConnectorErrorKind.Unauthorized)]
    [InlineData(404, "ConversationNotFound", "Conversation not found.", ConnectorErrorKind.NotFound)]
    [InlineData(413, "RequestEntityTooLarge", "Too large.", ConnectorErrorKind.MessageTooLarge)]
    [InlineData(400, "MessageSizeTooBig", "Message size too big.", ConnectorErrorKind.MessageTooLarge)]
    [InlineData(400, "BadArgument", "Bad.", ConnectorErrorKind.Other)]
    public async Task Refusals_come_back_typed_after_one_call(int status, string code, string message, ConnectorErrorKind expected)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNextWithError(status, code, message);

        var result = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal(status, result.Error.StatusCode);
        Assert.Equal(code, result.Error.Code);
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task A_refusal_without_error_body_is_typed_by_status()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNext(404);

        var result = await harness.Client.DeleteActivityAsync(connector.ServiceUrl.ToString(), "conv", "act");

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.NotFound, result.Error!.Kind);
        Assert.Null(result.Error.Code);
    }

    [Fact]
    public async Task The_connectors_error_message_and_ids_never_reach_the_logs()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNextWithError(403, "Forbidden", "User Jan de Vries blocked the conversation with the bot.");

        var result = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), "29:secret-user-conversation", "act-77", Activity.CreateMessage("Ik word gepest"));

        Assert.Equal(ConnectorErrorKind.MessageWritesBlocked, result.Error!.Kind);
        var logs = string.Join("\n", harness.Logs.Lines);
        Assert.Contains("MessageWritesBlocked", logs);
        Assert.DoesNotContain("Jan de Vries", logs);
        Assert.DoesNotContain("Ik word gepest", logs);
        Assert.DoesNotContain("secret-user-conversation", logs);
        Assert.DoesNotContain("secret-user-conversation", Uri.EscapeDataString(logs));
        Assert.DoesNotContain("29%3Asecret", logs);
    }

    [Fact]
    public async Task An_unreachable_connector_is_reported_not_thrown()
    {
        var connector = await FakeConnector.StartAsync();
        var serviceUrl = connector.ServiceUrl.ToString();
        await connector.DisposeAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.MaxRetryAttempts = 1);

        var result = await harness.Client.SendToConversationAsync(serviceUrl, "conv", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.Unreachable, result.Error!.Kind);
        Assert.True(result.Error.IsTransient);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_an_error()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNext(200, "{}", delay: TimeSpan.FromSeconds(10));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"), cancellation.Token));
    }

    [Fact]
    public void EnsureSuccess_throws_a_connector_exception_that_carries_no_personal_data()
    {
        var failure = ConnectorResult<ResourceResponse>.Failure(new ConnectorError(ConnectorErrorKind.BotNotInRoster, 403, "BadArgument", "op-1"));

        var exception = Assert.Throws<ConnectorException>(() => failure.EnsureSuccess());

        Assert.Equal(ConnectorErrorKind.BotNotInRoster, exception.Error.Kind);
        Assert.Contains("BotNotInRoster", exception.Message);
    }
}
