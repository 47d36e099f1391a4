using System.Globalization;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

public sealed class ConnectorRetryTests
{
    [Fact]
    public async Task Throttled_with_retry_after_seconds_then_accepted_succeeds_on_a_later_attempt()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNextWithThrottle(retryAfterSeconds: 1);

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Collection(connector.Calls,
            first => Assert.Equal(429, first.ResponseStatus),
            second => Assert.Equal(201, second.ResponseStatus));
        Assert.Equal(connector.Calls[0].Body, connector.Calls[1].Body);
        // The retry waited what the connector asked for, not the 10 ms backoff configured here.
        Assert.Contains(harness.Logs.Lines, line => line.Contains("RetryDelay=00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_with_retry_after_http_date_is_retried()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        var date = DateTimeOffset.UtcNow.AddSeconds(1).ToString("R", CultureInfo.InvariantCulture);
        connector.RespondNext(429, null, new Dictionary<string, string> { ["Retry-After"] = date });

        var result = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, connector.Calls.Count);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        connector.RespondNext(status, times: 2);

        var result = await harness.Client.UpdateActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Equal(3, connector.Calls.Count);
        Assert.All(connector.Calls, call => Assert.Equal("Bearer test-token", call.Authorization));
    }

    [Fact]
    public async Task Persistent_server_errors_end_as_server_error_after_all_retries()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.MaxRetryAttempts = 4);
        connector.RespondNextWithError(503, "ServiceUnavailable", "Try later.", times: 10);

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(503, result.Error.StatusCode);
        Assert.Equal(5, connector.Calls.Count);
    }

    [Fact]
    public async Task Persistent_throttling_ends_as_throttled_with_the_connectors_retry_after()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.MaxRetryAttempts = 1);
        connector.RespondNext(429, null, new Dictionary<string, string> { ["Retry-After"] = "0" }, times: 5);

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.Throttled, result.Error!.Kind);
        Assert.Equal(TimeSpan.Zero, result.Error.RetryAfter);
        Assert.Equal(2, connector.Calls.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_is_handed_back_instead_of_waited_for()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.MaxRetryAfter = TimeSpan.FromSeconds(5));
        connector.RespondNextWithThrottle(retryAfterSeconds: 120);

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.Equal(ConnectorErrorKind.Throttled, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), result.Error.RetryAfter);
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task A_send_whose_attempt_times_out_is_not_sent_again_and_reports_an_unknown_outcome()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        connector.RespondNext(201, "{\"id\":\"late\"}", delay: TimeSpan.FromSeconds(5));

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.False(result.IsSuccess);
        Assert.Equal(ConnectorErrorKind.OutcomeUnknown, result.Error!.Kind);
        Assert.True(result.Error.IsTransient);
        // Teams may have shown the first one: a second POST would show it twice.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task A_reply_and_a_create_conversation_that_time_out_reach_the_connector_once_each()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        connector.RespondNext(201, "{}", delay: TimeSpan.FromSeconds(5), times: 2);

        var reply = await harness.Client.ReplyToActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));
        var created = await harness.Client.CreateConversationAsync(connector.ServiceUrl.ToString(), new ConversationParameters { IsGroup = true });

        Assert.Equal(ConnectorErrorKind.OutcomeUnknown, reply.Error!.Kind);
        Assert.Equal(ConnectorErrorKind.OutcomeUnknown, created.Error!.Kind);
        Assert.Collection(connector.Calls,
            first => Assert.Equal(FakeConnectorOperation.ReplyToActivity, first.Operation),
            second => Assert.Equal(FakeConnectorOperation.CreateConversation, second.Operation));
    }

    [Fact]
    public async Task A_send_answered_503_is_still_retried_because_the_connector_did_not_process_it()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        connector.RespondNext(503, null, new Dictionary<string, string> { ["Retry-After"] = "0" });

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), "conv", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, connector.Calls.Count);
    }

    [Fact]
    public async Task An_update_whose_attempt_times_out_is_retried()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        connector.RespondNext(200, "{\"id\":\"late\"}", delay: TimeSpan.FromSeconds(5));

        var result = await harness.Client.UpdateActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));

        Assert.True(result.IsSuccess);
        Assert.Equal("act", result.Value!.Id);
        Assert.Equal(2, connector.Calls.Count);
        Assert.All(connector.Calls, call => Assert.Equal(FakeConnectorOperation.UpdateActivity, call.Operation));
    }

    [Fact]
    public async Task Updates_that_all_time_out_end_as_unreachable()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options =>
        {
            options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            options.MaxRetryAttempts = 1;
        });
        connector.RespondNext(200, "{}", delay: TimeSpan.FromSeconds(5), times: 2);

        var result = await harness.Client.UpdateActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));

        Assert.Equal(ConnectorErrorKind.Unreachable, result.Error!.Kind);
        Assert.Equal(2, connector.Calls.Count);
    }

    [Fact]
    public async Task Retries_stop_when_the_whole_call_runs_out_of_time()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(configure: options =>
        {
            options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            options.TotalTimeout = TimeSpan.FromMilliseconds(700);
            options.MaxRetryAttempts = 10;
        });
        connector.RespondNext(200, "{}", delay: TimeSpan.FromSeconds(5), times: 10);

        var result = await harness.Client.UpdateActivityAsync(connector.ServiceUrl.ToString(), "conv", "act", Activity.CreateMessage("x"));

        Assert.Equal(ConnectorErrorKind.Unreachable, result.Error!.Kind);
        // 300 + 300 + what is left of 700 ms (backoff 10 ms, then 20 ms): three attempts, not eleven.
        Assert.InRange(connector.Calls.Count, 2, 3);
    }
}
