using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.State;

/// <summary>A minimal adapter for state tests: runs turns through the middleware and records replies.</summary>
internal sealed class StateTestAdapter : BotAdapter
{
    private readonly List<Activity> _sent = [];

    public IReadOnlyList<Activity> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public static Activity Message(string text, string conversationId = "a:conv-1", string fromId = "29:user-1") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = Channels.Test,
        ServiceUrl = "http://127.0.0.1/",
        Conversation = new ConversationAccount { Id = conversationId },
        From = new ChannelAccount { Id = fromId },
        Recipient = new ChannelAccount { Id = "28:bot" },
        Text = text,
    };

    public async Task ProcessAsync(Activity activity, BotCallbackHandler bot, CancellationToken cancellationToken = default)
    {
        var turnContext = new TurnContext(this, activity);
        await RunPipelineAsync(turnContext, bot, cancellationToken);
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.AddRange(activities);
        }

        return Task.FromResult(activities.Select(_ => new ResourceResponse { Id = Guid.NewGuid().ToString("N") }).ToArray());
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceResponse { Id = activity.Id });

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
