using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Builder;

/// <summary>
/// One turn of a conversation: the incoming activity and the ways to answer it.
/// Sends go through the adapter (to the connector); an invoke's answer is set with
/// <see cref="InvokeResponse"/> and returned in the HTTP response.
/// </summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    Activity Activity { get; }

    /// <summary>Per-turn services and values (state caches, the identity, …).</summary>
    TurnContextStateCollection TurnState { get; }

    /// <summary>True once anything was sent in this turn.</summary>
    bool Responded { get; }

    /// <summary>The answer to an invoke activity, returned as the HTTP body.</summary>
    InvokeResponse? InvokeResponse { get; set; }

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a handler that every send of this turn passes before it reaches the adapter (in the order added). A handler
    /// may hold the activities back, e.g. until the turn's database transaction has committed, and send them later.
    /// </summary>
    void OnSendActivities(SendActivitiesHandler handler);
}

/// <summary>
/// Sees the activities a turn sends; <paramref name="next"/> sends them on (to the next handler, then the adapter).
/// </summary>
public delegate Task<ResourceResponse[]> SendActivitiesHandler(ITurnContext turnContext, IReadOnlyList<Activity> activities, Func<Task<ResourceResponse[]>> next);
