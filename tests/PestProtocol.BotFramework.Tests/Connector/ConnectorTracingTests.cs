using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.BotFramework.Tests.Connector;

public sealed class ConnectorTracingTests
{
    private const string ConversationId = "a:1xY-conv";

    [Fact]
    public async Task By_default_a_reply_carries_the_turns_trace_context()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create();
        using var turn = new System.Diagnostics.Activity("turn").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), ConversationId, Activity.CreateMessage("Hallo"));

        Assert.True(result.IsSuccess);
        var call = Assert.Single(connector.Calls);
        Assert.NotNull(call.TraceParent);
        Assert.Contains(turn.TraceId.ToHexString(), call.TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_trace_propagation_a_reply_goes_out_unchanged_but_without_trace_headers()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var harness = ConnectorHarness.Create(tracing: options => options.PropagateTraceContext = false);
        using var turn = new System.Diagnostics.Activity("turn").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();

        var result = await harness.Client.SendToConversationAsync(connector.ServiceUrl.ToString(), ConversationId, Activity.CreateMessage("Hallo"));

        Assert.True(result.IsSuccess);
        var call = Assert.Single(connector.Calls);
        Assert.Null(call.TraceParent);
        Assert.Equal("Bearer test-token", call.Authorization);
        Assert.Equal("Hallo", call.Activity!.Text);
    }
}
