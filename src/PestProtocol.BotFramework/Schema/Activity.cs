using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Schema;

/// <summary>
/// The Bot Framework Activity: the one message shape that travels between a channel and a bot.
/// Property names are the wire names of the Bot Framework REST schema; anything this type does not
/// know is kept in <see cref="Properties"/> and written back unchanged.
/// </summary>
public sealed class Activity
{
    private JsonElement? _channelData;
    private ParsedTeamsChannelData? _teamsChannelData;

    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("timestamp")] public string? Timestamp { get; set; }
    [JsonPropertyName("localTimestamp")] public string? LocalTimestamp { get; set; }
    [JsonPropertyName("localTimezone")] public string? LocalTimezone { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; set; }
    [JsonPropertyName("textFormat")] public string? TextFormat { get; set; }
    [JsonPropertyName("attachmentLayout")] public string? AttachmentLayout { get; set; }
    [JsonPropertyName("membersAdded")] public List<ChannelAccount>? MembersAdded { get; set; }
    [JsonPropertyName("membersRemoved")] public List<ChannelAccount>? MembersRemoved { get; set; }
    [JsonPropertyName("topicName")] public string? TopicName { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("speak")] public string? Speak { get; set; }
    [JsonPropertyName("inputHint")] public string? InputHint { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("attachments")] public List<Attachment>? Attachments { get; set; }
    [JsonPropertyName("entities")] public List<Entity>? Entities { get; set; }
    /// <summary>Channel-specific payload; for Teams see <see cref="TeamsChannelData"/>.</summary>
    [JsonPropertyName("channelData")]
    public JsonElement? ChannelData
    {
        get => _channelData;
        set
        {
            _channelData = value;
            _teamsChannelData = null;
        }
    }
    /// <summary>installationUpdate: "add" or "remove" (also "add-upgrade", "remove-upgrade").</summary>
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("valueType")] public string? ValueType { get; set; }
    /// <summary>Action.Submit data merged with input values, or an invoke's payload.</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("relatesTo")] public ConversationReference? RelatesTo { get; set; }
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("importance")] public string? Importance { get; set; }
    [JsonPropertyName("deliveryMode")] public string? DeliveryMode { get; set; }

    /// <summary>Properties this type does not model, kept so that they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A message activity with the given text.</summary>
    public static Activity CreateMessage(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>A message activity that carries one attachment, usually an Adaptive Card.</summary>
    public static Activity CreateAttachmentMessage(Attachment attachment) =>
        new() { Type = ActivityTypes.Message, Attachments = [attachment] };

    /// <summary>The reference needed to continue this conversation later (proactive messages).</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>
    /// A reply addressed to the sender of this activity: from/recipient swapped, same conversation,
    /// <c>replyToId</c> set to this activity's id.
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name },
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        ReplyToId = Id,
        Locale = Locale,
    };

    /// <summary>Teams channelData, parsed on demand; null when absent or not an object.</summary>
    /// <remarks>Parsed once per activity (several steps of a turn ask for it); setting <see cref="ChannelData"/> parses again.</remarks>
    public TeamsChannelData? GetTeamsChannelData() =>
        (_teamsChannelData ??= new ParsedTeamsChannelData(
            ChannelData is { ValueKind: JsonValueKind.Object } data
                ? data.Deserialize(BotJson.Options.GetTypeInfo(typeof(TeamsChannelData))) as TeamsChannelData
                : null)).Value;

    /// <summary>A copy that shares every property value with this activity (for copies that replace what they change).</summary>
    internal Activity ShallowCopy() => (Activity)MemberwiseClone();

    private sealed record ParsedTeamsChannelData(TeamsChannelData? Value);
}

/// <summary>Activity type names from the Bot Framework schema.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string EndOfConversation = "endOfConversation";
}

/// <summary>Well-known channel ids.</summary>
public static class Channels
{
    public const string MsTeams = "msteams";
    public const string Emulator = "emulator";
    public const string Test = "test";
}
