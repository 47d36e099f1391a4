using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Builder;

/// <summary>The turn context every adapter hands to the pipeline.</summary>
public sealed class TurnContext(BotAdapter adapter, Activity activity) : ITurnContext
{
    public BotAdapter Adapter { get; } = adapter;

    public Activity Activity { get; } = activity;

    public TurnContextStateCollection TurnState { get; } = new();

    public bool Responded { get; private set; }

    public InvokeResponse? InvokeResponse { get; set; }

    private List<SendActivitiesHandler>? _onSend;

    public void OnSendActivities(SendActivitiesHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        (_onSend ??= []).Add(handler);
    }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessage(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses.Length > 0 ? responses[0] : new ResourceResponse();
    }

    public async Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var incoming = Activity;
        foreach (var activity in activities)
        {
            ApplyConversationReference(activity, incoming);
        }

        var responses = _onSend is null
            ? await Adapter.SendActivitiesAsync(this, activities, cancellationToken).ConfigureAwait(false)
            : await SendThroughHandlersAsync(0, activities, cancellationToken).ConfigureAwait(false);
        Responded = true;
        return responses;
    }

    private Task<ResourceResponse[]> SendThroughHandlersAsync(int index, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
        index < _onSend!.Count
            ? _onSend[index](this, activities, () => SendThroughHandlersAsync(index + 1, activities, cancellationToken))
            : Adapter.SendActivitiesAsync(this, activities, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ApplyConversationReference(activity, Activity);
        return Adapter.UpdateActivityAsync(this, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        var reference = Activity.GetConversationReference();
        reference.ActivityId = activityId;
        return Adapter.DeleteActivityAsync(this, reference, cancellationToken);
    }

    /// <summary>Addresses an outgoing activity to the conversation the incoming one came from.</summary>
    internal static void ApplyConversationReference(Activity outgoing, Activity incoming)
    {
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.ChannelId ??= incoming.ChannelId;
        outgoing.ServiceUrl ??= incoming.ServiceUrl;
        outgoing.Conversation ??= incoming.Conversation;
        outgoing.From ??= incoming.Recipient is null ? null : new ChannelAccount { Id = incoming.Recipient.Id, Name = incoming.Recipient.Name };
        outgoing.Recipient ??= incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name };
        outgoing.Locale ??= incoming.Locale;
        if (outgoing.Type == ActivityTypes.Message && outgoing.ReplyToId is null && incoming.Type != ActivityTypes.ConversationUpdate)
        {
            outgoing.ReplyToId = incoming.Id;
        }
    }
}
