using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Telemetry;

/// <summary>
/// Tag names and the values allowed in them. Values come from the incoming activity, which anyone who
/// can reach the endpoint controls, so only short protocol words pass; anything else becomes <see cref="Other"/>.
/// </summary>
public static class TelemetryTags
{
    public const string ActivityTypeKey = "activity.type";
    public const string ChannelIdKey = "activity.channel_id";
    public const string InvokeNameKey = "activity.invoke_name";
    public const string OutcomeKey = "outcome";
    public const string ChannelKindKey = "channel.kind";

    public const string Other = "other";

    /// <summary>Outcomes of a turn.</summary>
    public const string Success = "success";
    public const string Error = "error";
    public const string Cancelled = "cancelled";

    private static readonly HashSet<string> KnownActivityTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message,
        ActivityTypes.ConversationUpdate,
        ActivityTypes.InstallationUpdate,
        ActivityTypes.Invoke,
        ActivityTypes.Event,
        ActivityTypes.Typing,
        ActivityTypes.MessageReaction,
        ActivityTypes.MessageUpdate,
        ActivityTypes.MessageDelete,
        ActivityTypes.EndOfConversation,
    };

    private static readonly HashSet<string> Outcomes = new(StringComparer.Ordinal) { Success, Error, Cancelled };

    /// <summary>The activity type when it is one the protocol defines, else <see cref="Other"/>.</summary>
    public static string ActivityType(string? type) => type is not null && KnownActivityTypes.Contains(type) ? type : Other;

    /// <summary>The turn outcome when known, else <see cref="Other"/>.</summary>
    public static string Outcome(string? outcome) => outcome is not null && Outcomes.Contains(outcome) ? outcome : Other;

    /// <summary>A channel id such as <c>msteams</c>: lower-case letters only, at most 32.</summary>
    public static string ChannelId(string? channelId) => Word(channelId);

    /// <summary>An invoke name such as <c>adaptiveCard/action</c>: letters and up to two slashes, at most 64 characters.</summary>
    public static string InvokeName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name.Count(c => c == '/') > 2)
        {
            return Other;
        }

        return name.Split('/').All(part => part.Length > 0 && part.All(char.IsAsciiLetter)) ? name : Other;
    }

    /// <summary>A short word of lower-case ASCII letters, digits and dashes; anything else is <see cref="Other"/>.</summary>
    public static string Word(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 32 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? value
            : Other;
}
