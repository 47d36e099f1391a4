using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Builder;

/// <summary>
/// Connects a bot to a channel: it sends, updates and deletes activities, and runs every turn
/// through its middleware before the bot sees it.
/// </summary>
public abstract class BotAdapter
{
    private readonly List<IMiddleware> _middleware = [];

    public IReadOnlyList<IMiddleware> Middleware => _middleware;

    public BotAdapter Use(IMiddleware middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="callback"/> as a turn in an existing conversation (proactive message).</summary>
    public abstract Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken);

    /// <summary>Runs the middleware, then <paramref name="callback"/>.</summary>
    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        await RunAsync(0, cancellationToken).ConfigureAwait(false);

        Task RunAsync(int index, CancellationToken ct) => index < _middleware.Count
            ? _middleware[index].OnTurnAsync(turnContext, next => RunAsync(index + 1, next), ct)
            : callback(turnContext, ct);
    }
}
