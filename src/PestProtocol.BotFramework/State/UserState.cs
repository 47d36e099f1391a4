using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>State of one user across conversations. Key: <c>{channelId}/users/{fromId}</c>.</summary>
public sealed class UserState(IStorage storage) : BotState(storage)
{
    public override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channelId = activity.ChannelId;
        var userId = activity.From?.Id;
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(userId))
        {
            throw new InvalidOperationException("User state needs activity.channelId and activity.from.id.");
        }

        return string.Concat(channelId, "/users/", userId);
    }
}
