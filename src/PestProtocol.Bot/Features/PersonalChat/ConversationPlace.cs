using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.PersonalChat;

/// <summary>Where a message was written: the person's own chat with the bot, or a place where others read along.</summary>
public static class ConversationPlace
{
    /// <summary>A team channel: everyone in the team reads along.</summary>
    public static bool IsChannel(Activity activity) =>
        string.Equals(activity?.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A group chat or a channel (anything that is not the personal chat): no student's name, case content or anonymous
    /// report may be shown here. An unknown conversation type with <c>isGroup</c> counts as shared too.
    /// </summary>
    public static bool IsShared(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var type = activity.Conversation?.ConversationType;
        if (activity.Conversation?.IsGroup == true)
        {
            return true;
        }

        return type is { Length: > 0 } && !string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase);
    }
}
