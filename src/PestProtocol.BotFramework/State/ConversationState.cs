using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>State shared by everyone in a conversation (dialog stacks live here). Key: <c>{channelId}/conversations/{conversationId}</c>.</summary>
public sealed class ConversationState(IStorage storage) : BotState(storage)
{
    public override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channelId = activity.ChannelId;
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(conversationId))
        {
            throw new InvalidOperationException("Conversation state needs activity.channelId and activity.conversation.id.");
        }

        return string.Concat(channelId, "/conversations/", conversationId);
    }
}
