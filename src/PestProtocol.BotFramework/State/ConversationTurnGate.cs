using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// Runs the turns of one conversation one after another in this process, so two quick messages (or
/// a double-clicked card button) cannot both read the same state and both answer. Turns of different
/// conversations run in parallel. It must come before <see cref="AutoSaveStateMiddleware"/>.
/// An idle conversation holds no memory: its gate is dropped when the last waiting turn leaves.
/// Across several bot instances the ETag check of the state save is what catches a race.
/// Do not start a turn for the same conversation from inside a turn (it would wait for itself).
/// </summary>
public sealed class ConversationTurnGate : IMiddleware
{
    private readonly Dictionary<(string ChannelId, string ConversationId), Gate> _gates = new();
    private readonly Lock _lock = new();

    /// <summary>Conversations with a running or waiting turn.</summary>
    public int ActiveConversations
    {
        get
        {
            lock (_lock)
            {
                return _gates.Count;
            }
        }
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var conversationId = turnContext.Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = (turnContext.Activity.ChannelId ?? string.Empty, conversationId);
        Gate gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate();
                _gates.Add(key, gate);
            }

            gate.Users++;
        }

        try
        {
            await gate.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await next(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Turn.Release();
            }
        }
        finally
        {
            lock (_lock)
            {
                if (--gate.Users == 0)
                {
                    _gates.Remove(key);
                }
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
