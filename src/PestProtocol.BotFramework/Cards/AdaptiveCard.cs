using System.Text.Json;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Cards;

/// <summary>
/// An Adaptive Card (version 1.5 by default, the version Teams documents for bots). Serialise it
/// with <see cref="ToJson"/> or send it with <see cref="ToAttachment"/>; both use
/// <see cref="BotJson.Options"/> (camelCase, nulls left out, <c>type</c> first).
/// </summary>
public sealed class AdaptiveCard
{
    /// <summary>Always "AdaptiveCard"; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)] public string Type => "AdaptiveCard";

    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string DefaultVersion = "1.5";

    private static readonly JsonSerializerOptions ReadOptions =
        new(BotJson.Options) { AllowOutOfOrderMetadataProperties = true };

    [JsonPropertyName("$schema")] public string? Schema { get; set; } = SchemaUrl;
    /// <summary>The card version; required on a top-level card.</summary>
    public string? Version { get; set; } = DefaultVersion;
    /// <summary>Universal Actions refresh: lets Teams ask the bot for an up-to-date (per-user) card.</summary>
    public Refresh? Refresh { get; set; }
    public List<CardElement>? Body { get; set; }
    public List<CardAction>? Actions { get; set; }
    /// <summary>Invoked when the card is tapped; Action.ShowCard is not allowed.</summary>
    public CardAction? SelectAction { get; set; }
    /// <summary>Shown by clients that cannot render this card version.</summary>
    public string? FallbackText { get; set; }
    public string? Speak { get; set; }
    /// <summary>ISO 639-1 language of the card, e.g. "nl".</summary>
    public string? Lang { get; set; }
    /// <summary>Pixels, e.g. "120px".</summary>
    public string? MinHeight { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    /// <summary>Teams' own card properties, e.g. full width.</summary>
    [JsonPropertyName("msteams")] public MsTeamsCardProperties? MsTeams { get; set; }

    /// <summary>Any other host-specific properties, written as they are.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The card as JSON, as it is sent to the channel.</summary>
    public string ToJson() => BotJson.Serialize(this);

    /// <summary>The card as a Bot Framework attachment (<c>application/vnd.microsoft.card.adaptive</c>).</summary>
    public Attachment ToAttachment() => new() { ContentType = Attachment.AdaptiveCardContentType, Content = this };

    /// <summary>Reads a card; <c>type</c> may appear anywhere in each object.</summary>
    /// <exception cref="JsonException">The JSON is not a card this model knows (e.g. an unknown element type).</exception>
    public static AdaptiveCard FromJson(string json) =>
        JsonSerializer.Deserialize<AdaptiveCard>(json, ReadOptions) ?? throw new JsonException("The JSON holds no card.");
}

/// <summary>The <c>msteams</c> property of a card: Teams-only settings.</summary>
public sealed class MsTeamsCardProperties
{
    /// <summary>"Full" makes the card use the full width of the chat.</summary>
    public string? Width { get; set; }

    /// <summary>Other Teams settings (e.g. <c>entities</c> for mentions), written as they are.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary><c>{"width": "Full"}</c>.</summary>
    public static MsTeamsCardProperties FullWidth() => new() { Width = "Full" };
}

/// <summary>How a card refreshes itself through an Action.Execute (Universal Actions).</summary>
public sealed class Refresh
{
    /// <summary>Always "Refresh"; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)] public string Type => "Refresh";

    /// <summary>The Action.Execute the host sends (as an <c>adaptiveCard/action</c> invoke) to refresh.</summary>
    [JsonIgnore] public ActionExecute? Action { get; set; }

    // Written through the polymorphic base so that the action carries its "type".
    [JsonInclude, JsonPropertyName("action")]
    private CardAction? ActionJson
    {
        get => Action;
        set => Action = value as ActionExecute ?? (value is null ? null : throw new JsonException("A refresh action must be Action.Execute."));
    }
    /// <summary>
    /// Users (Teams MRIs, "29:…") for whom Teams refreshes automatically. An empty list means
    /// no automatic refresh; left out, Teams refreshes for everyone in chats of up to 60 members.
    /// </summary>
    public List<string>? UserIds { get; set; }
}

/// <summary>Size of a card as Teams counts it, against Teams' message limit.</summary>
public static class CardSize
{
    /// <summary>Teams rejects messages over about 100 KB (413 MessageSizeTooBig).</summary>
    public const int TeamsMessageLimitBytes = 100 * 1024;

    /// <summary>The size we keep cards under, leaving room for the rest of the activity.</summary>
    public const int RecommendedMaxBytes = 80 * 1024;

    /// <summary>The card's JSON size in bytes counted as UTF-16 (two bytes per UTF-16 code unit).</summary>
    public static int Utf16Bytes(AdaptiveCard card) => card.ToJson().Length * sizeof(char);

    /// <summary>True when the card is at most <see cref="RecommendedMaxBytes"/>.</summary>
    public static bool IsWithinRecommendedSize(AdaptiveCard card) => Utf16Bytes(card) <= RecommendedMaxBytes;
}
