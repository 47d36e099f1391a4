using System.Globalization;
using System.Text.Json;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Testing;

/// <summary>
/// An in-process adapter for tests: incoming activities look like Teams personal-chat activities
/// (channel <c>msteams</c>, conversation type <c>personal</c>, service URL <c>https://test.local/</c>);
/// everything the bot sends, updates or deletes is recorded; replies wait in <see cref="ActiveQueue"/>
/// until a test takes them. Turns run through the middleware.
/// </summary>
public sealed class TestAdapter : BotAdapter
{
    public const string ServiceUrl = "https://test.local/";

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly List<Activity> _sent = [];
    private readonly List<Activity> _updated = [];
    private readonly List<string> _deleted = [];
    private readonly Queue<Activity> _queue = new();
    private int _nextId;

    public TestAdapter(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        Conversation = new ConversationReference
        {
            ChannelId = Channels.MsTeams,
            ServiceUrl = ServiceUrl,
            Conversation = new ConversationAccount { Id = "a:test-conversation", ConversationType = "personal", TenantId = "test-tenant" },
            User = new ChannelAccount { Id = "29:test-user", Name = "Test User", AadObjectId = "00000000-0000-0000-0000-000000000001" },
            Bot = new ChannelAccount { Id = "28:test-bot", Name = "Test Bot" },
            Locale = "nl-NL",
        };
    }

    /// <summary>Who talks to whom where; change it before the first turn to test another user or chat.</summary>
    public ConversationReference Conversation { get; }

    /// <summary>Everything the bot sent, in order (also those already taken from the queue).</summary>
    public IReadOnlyList<Activity> SentActivities { get { lock (_gate) { return [.. _sent]; } } }

    public IReadOnlyList<Activity> UpdatedActivities { get { lock (_gate) { return [.. _updated]; } } }

    public IReadOnlyList<string> DeletedActivityIds { get { lock (_gate) { return [.. _deleted]; } } }

    /// <summary>Replies not yet taken by a test.</summary>
    public IReadOnlyCollection<Activity> ActiveQueue { get { lock (_gate) { return [.. _queue]; } } }

    /// <summary>Takes the next reply, or null when there is none.</summary>
    public Activity? GetNextReply()
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out var reply) ? reply : null;
        }
    }

    /// <summary>A Teams-like incoming activity of <paramref name="type"/> from the user.</summary>
    public Activity MakeActivity(string type = ActivityTypes.Message)
    {
        var now = _clock.GetUtcNow();
        return new Activity
        {
            Type = type,
            Id = NewId("incoming"),
            Timestamp = now.ToString("O", CultureInfo.InvariantCulture),
            LocalTimestamp = now.ToString("O", CultureInfo.InvariantCulture),
            ChannelId = Conversation.ChannelId,
            ServiceUrl = Conversation.ServiceUrl,
            From = Copy(Conversation.User),
            Recipient = Copy(Conversation.Bot),
            Conversation = Conversation.Conversation,
            Locale = Conversation.Locale,
            ChannelData = JsonSerializer.SerializeToElement(
                new TeamsChannelData { Tenant = new TenantInfo { Id = Conversation.Conversation?.TenantId } }, BotJson.Options),
        };
    }

    /// <summary>A typed message.</summary>
    public Activity MakeMessage(string text)
    {
        var activity = MakeActivity();
        activity.Text = text;
        activity.TextFormat = "plain";
        return activity;
    }

    /// <summary>An Action.Submit: a message whose <c>value</c> is the data with the inputs merged in.</summary>
    public Activity MakeSubmit(object value)
    {
        var activity = MakeActivity();
        activity.Value = JsonSerializer.SerializeToElement(value, value.GetType(), BotJson.Options);
        return activity;
    }

    /// <summary>An Action.Execute: an <c>adaptiveCard/action</c> invoke.</summary>
    public Activity MakeExecute(string verb, object? data, string? actionId = null)
    {
        var activity = MakeActivity(ActivityTypes.Invoke);
        activity.Name = InvokeNames.AdaptiveCardAction;
        var value = new AdaptiveCardInvokeValue
        {
            Action = new AdaptiveCardInvokeAction
            {
                Type = "Action.Execute",
                Id = actionId,
                Verb = verb,
                Data = data is null ? null : JsonSerializer.SerializeToElement(data, data.GetType(), BotJson.Options),
            },
            Trigger = "manual",
        };
        activity.Value = JsonSerializer.SerializeToElement(value, BotJson.Options);
        return activity;
    }

    /// <summary>Runs one turn; returns the invoke response the turn set (null when none).</summary>
    public async Task<InvokeResponse?> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, callback, cancellationToken).ConfigureAwait(false);
        return context.InvokeResponse;
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Count];
        lock (_gate)
        {
            for (var i = 0; i < activities.Count; i++)
            {
                var activity = activities[i];
                activity.Id ??= NewId("reply");
                activity.Timestamp ??= _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                _sent.Add(activity);
                _queue.Enqueue(activity);
                responses[i] = new ResourceResponse { Id = activity.Id };
            }
        }

        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            _updated.Add(activity);
        }

        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        lock (_gate)
        {
            _deleted.Add(reference.ActivityId ?? "");
        }

        return Task.CompletedTask;
    }

    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "ContinueConversation",
            Id = NewId("proactive"),
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
        };
        return ProcessActivityAsync(activity, callback, cancellationToken);
    }

    private string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _nextId)}";

    private static ChannelAccount? Copy(ChannelAccount? account) =>
        account is null ? null : new ChannelAccount { Id = account.Id, Name = account.Name, AadObjectId = account.AadObjectId, Role = account.Role };
}
