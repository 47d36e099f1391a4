using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// Loads the given state scopes before the bot runs (one storage read) and saves what changed after
/// it returns (one storage write). A turn that throws saves nothing. Put a
/// <see cref="ConversationTurnGate"/> before it so turns of one conversation do not interleave.
/// When another bot instance wrote the same document meanwhile, the save throws
/// <see cref="StoragePreconditionFailedException"/>: the host retries the whole turn or reports it.
/// </summary>
public sealed class AutoSaveStateMiddleware : IMiddleware
{
    private readonly BotStateSet _states;

    public AutoSaveStateMiddleware(params BotState[] states) => _states = new BotStateSet(states);

    public AutoSaveStateMiddleware(BotStateSet states)
    {
        ArgumentNullException.ThrowIfNull(states);
        _states = states;
    }

    public BotStateSet States => _states;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _states.LoadAllAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        await next(cancellationToken).ConfigureAwait(false);
        await _states.SaveAllChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
    }
}
