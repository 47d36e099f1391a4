using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.BotFramework.Tests.Dialogs;

/// <summary>
/// Runs a root dialog as a bot would: every turn builds the dialogs anew (as after a restart) and reads
/// the stack from JSON, so nothing survives a turn except the serialised dialog state.
/// </summary>
internal sealed class DialogHarness
{
    private readonly Func<Dialog> _createRoot;

    public DialogHarness(Func<Dialog> createRoot, TimeProvider? clock = null)
    {
        _createRoot = createRoot;
        Adapter = new TestAdapter(clock);
        Adapter.Use(State);
    }

    public TestAdapter Adapter { get; }

    public InMemoryStatePropertyAccessor<DialogState> State { get; } = new("DialogState");

    /// <summary>The result of every turn, in order.</summary>
    public List<DialogTurnResult> Results { get; } = [];

    public DialogTurnResult LastResult => Results[^1];

    public TestFlow Flow() => new(Adapter, async (turnContext, cancellationToken) =>
        Results.Add(await _createRoot().RunAsync(turnContext, State, cancellationToken)));
}
