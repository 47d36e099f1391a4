using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Schema;

/// <summary>The <c>channelData</c> that Teams puts on its activities.</summary>
public sealed class TeamsChannelData
{
    [JsonPropertyName("tenant")] public TenantInfo? Tenant { get; set; }
    [JsonPropertyName("team")] public TeamInfo? Team { get; set; }
    [JsonPropertyName("channel")] public ChannelInfo? Channel { get; set; }
    /// <summary>The team's thread id, also sent flat beside <see cref="Team"/> on channel messages.</summary>
    [JsonPropertyName("teamsTeamId")] public string? TeamsTeamId { get; set; }
    /// <summary>The channel's thread id, also sent flat beside <see cref="Channel"/> on channel messages.</summary>
    [JsonPropertyName("teamsChannelId")] public string? TeamsChannelId { get; set; }
    /// <summary>e.g. teamMemberAdded, channelCreated.</summary>
    [JsonPropertyName("eventType")] public string? EventType { get; set; }
    [JsonPropertyName("notification")] public NotificationInfo? Notification { get; set; }
    [JsonPropertyName("settings")] public JsonElement? Settings { get; set; }
    [JsonPropertyName("source")] public JsonElement? Source { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TenantInfo
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TeamInfo
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadGroupId")] public string? AadGroupId { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ChannelInfo
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class NotificationInfo
{
    [JsonPropertyName("alert")] public bool? Alert { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}
