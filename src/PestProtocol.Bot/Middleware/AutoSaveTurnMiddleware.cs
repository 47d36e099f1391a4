using PestProtocol.Bot.Storage;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.State;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Middleware;

/// <summary>
/// Loads conversation and user state before the bot runs (one storage read) and, after it returns, writes what changed
/// in the turn's <see cref="TurnUnitOfWork"/>: when the turn changed a case, the state documents go into the same
/// database transaction as the case change, its dossier entries and its outbox rows, and one commit stores them all;
/// the replies held back during the turn go out after that commit. Writes staged during the turn (a changed conversation
/// reference, <see cref="TurnUnitOfWork.Stage"/>) begin that transaction when no case changed, so the state joins them. A
/// turn with neither saves its state as before (one write). A turn that throws stores nothing and sends none of its held replies.
/// Runs inside <see cref="TurnServicesMiddleware"/> (the unit of work lives in the turn's scope) and the conversation gate.
/// </summary>
public sealed class AutoSaveTurnMiddleware(ConversationState conversationState, UserState userState) : IMiddleware
{
    private readonly BotStateSet _states = new(conversationState, userState);

    /// <summary>The state scopes it loads and saves.</summary>
    public BotStateSet States => _states;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var unit = turnContext.TurnState.Get<TurnServiceProvider>()?.Services.GetService<TurnUnitOfWork>();
        if (unit is null)
        {
            await _states.LoadAllAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
            await next(cancellationToken).ConfigureAwait(false);
            await _states.SaveAllChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        unit.Attach(turnContext);
        await _states.LoadAllAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
            await unit.WriteStagedAsync(cancellationToken).ConfigureAwait(false);
            await _states.SaveAllChangesAsync(turnContext, force: false, unit.WriteStateAsync, cancellationToken).ConfigureAwait(false);
            await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await unit.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
