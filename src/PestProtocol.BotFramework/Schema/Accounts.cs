using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Schema;

/// <summary>A user or bot on a channel. In Teams a user's id is the per-bot <c>29:…</c> id.</summary>
public sealed class ChannelAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A conversation: a personal chat, a group chat or a channel thread.</summary>
public sealed class ConversationAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; set; }
    /// <summary>Teams: "personal", "groupChat" or "channel".</summary>
    [JsonPropertyName("conversationType")] public string? ConversationType { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>What a bot keeps to continue a conversation later (proactive messaging).</summary>
public sealed class ConversationReference
{
    [JsonPropertyName("activityId")] public string? ActivityId { get; set; }
    [JsonPropertyName("user")] public ChannelAccount? User { get; set; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A file or card carried by an activity.</summary>
public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("contentType")] public string? ContentType { get; set; }
    [JsonPropertyName("contentUrl")] public string? ContentUrl { get; set; }
    /// <summary>The attachment body. Outbound: any serialisable object (a card); inbound: a JsonElement.</summary>
    [JsonPropertyName("content")] public object? Content { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("thumbnailUrl")] public string? ThumbnailUrl { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Metadata about an activity, such as a mention (<c>type: "mention"</c>) or client info.</summary>
public sealed class Entity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>For a mention: who is mentioned.</summary>
    [JsonPropertyName("mentioned")] public ChannelAccount? Mentioned { get; set; }
    /// <summary>For a mention: the text that stands for it in the message, e.g. <c>&lt;at&gt;Bot&lt;/at&gt;</c>.</summary>
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The connector's answer to a send: the id of the new activity.</summary>
public sealed class ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Answer to create-conversation.</summary>
public sealed class ConversationResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("activityId")] public string? ActivityId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Body of POST /v3/conversations.</summary>
public sealed class ConversationParameters
{
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; set; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; set; }
    [JsonPropertyName("members")] public List<ChannelAccount>? Members { get; set; }
    [JsonPropertyName("topicName")] public string? TopicName { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("activity")] public Activity? Activity { get; set; }
    [JsonPropertyName("channelData")] public object? ChannelData { get; set; }
}

/// <summary>Error body of the connector REST API.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("error")] public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
