using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Tests.Telemetry;

/// <summary>The smallest adapter that runs a turn through its middleware; replies are kept, not sent.</summary>
internal sealed class FakeChannelAdapter : BotAdapter
{
    public List<Activity> Sent { get; } = [];

    public Task ProcessAsync(Activity activity, BotCallbackHandler bot, CancellationToken cancellationToken = default) =>
        RunPipelineAsync(new TurnContext(this, activity), bot, cancellationToken);

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        Sent.AddRange(activities);
        return Task.FromResult(activities.Select((_, i) => new ResourceResponse { Id = "reply-" + i }).ToArray());
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceResponse { Id = activity.Id });

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
