using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Cards;

/// <summary>
/// A button (or tap target) on a card. Serialised polymorphically with its <c>type</c>
/// ("Action.Submit", "Action.Execute", …) first.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
[JsonDerivedType(typeof(ActionToggleVisibility), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
public abstract class CardAction
{
    /// <summary>The action's <c>type</c> as written in JSON.</summary>
    [JsonIgnore] public abstract string Type { get; }

    [JsonPropertyOrder(-1)] public string? Id { get; set; }
    public string? Title { get; set; }
    public string? IconUrl { get; set; }
    public ActionStyle? Style { get; set; }
    /// <summary>Hover text and screen-reader text (1.5).</summary>
    public string? Tooltip { get; set; }
    public bool? IsEnabled { get; set; }
    public ActionMode? Mode { get; set; }
    /// <summary>Used when the client cannot run this action: another action or "drop".</summary>
    public CardFallback<CardAction>? Fallback { get; set; }
    public Dictionary<string, string>? Requires { get; set; }
}

/// <summary>
/// Sends the inputs merged into <see cref="Data"/> to the bot as a message activity (<c>value</c>).
/// The bot cannot answer with a new card; it updates the message instead.
/// </summary>
public sealed class ActionSubmit : CardAction
{
    public ActionSubmit() { }

    public ActionSubmit(string title) => Title = title;

    [JsonIgnore] public override string Type => "Action.Submit";

    /// <summary>Hidden data: any JSON-serialisable object (a record, a dictionary, a JsonElement).</summary>
    public object? Data { get; set; }
    public AssociatedInputs? AssociatedInputs { get; set; }
}

/// <summary>
/// Universal Action: sends an <c>adaptiveCard/action</c> invoke with <see cref="Verb"/> and the
/// inputs merged into <see cref="Data"/>; the bot may answer with a replacement card.
/// </summary>
public sealed class ActionExecute : CardAction
{
    public ActionExecute() { }

    public ActionExecute(string verb) => Verb = verb;

    [JsonIgnore] public override string Type => "Action.Execute";

    public string? Verb { get; set; }
    /// <summary>Hidden data: any JSON-serialisable object.</summary>
    public object? Data { get; set; }
    public AssociatedInputs? AssociatedInputs { get; set; }
}

/// <summary>Expands a nested card below the actions.</summary>
public sealed class ActionShowCard : CardAction
{
    [JsonIgnore] public override string Type => "Action.ShowCard";

    public AdaptiveCard? Card { get; set; }
}

/// <summary>Shows, hides or toggles elements by id.</summary>
public sealed class ActionToggleVisibility : CardAction
{
    [JsonIgnore] public override string Type => "Action.ToggleVisibility";

    public List<TargetElement> TargetElements { get; set; } = [];
}

/// <summary>Opens a URL in the browser.</summary>
public sealed class ActionOpenUrl : CardAction
{
    public ActionOpenUrl() { }

    public ActionOpenUrl(string url) => Url = url;

    [JsonIgnore] public override string Type => "Action.OpenUrl";

    public string Url { get; set; } = "";
}

/// <summary>
/// A target of <see cref="ActionToggleVisibility"/>: an element id (toggle), or an id with a fixed
/// visibility. Written as a plain string when <see cref="IsVisible"/> is null.
/// </summary>
[JsonConverter(typeof(TargetElementJsonConverter))]
public sealed record TargetElement(string ElementId, bool? IsVisible = null)
{
    public static implicit operator TargetElement(string elementId) => new(elementId);
}

internal sealed class TargetElementJsonConverter : JsonConverter<TargetElement>
{
    public override TargetElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new TargetElement(reader.GetString()!);

        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("elementId", out var id) || id.ValueKind != JsonValueKind.String)
            throw new JsonException("A target element is an id or an object with \"elementId\".");

        bool? isVisible = root.TryGetProperty("isVisible", out var visible) && visible.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? visible.GetBoolean()
            : null;
        return new TargetElement(id.GetString()!, isVisible);
    }

    public override void Write(Utf8JsonWriter writer, TargetElement value, JsonSerializerOptions options)
    {
        if (value.IsVisible is null)
        {
            writer.WriteStringValue(value.ElementId);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", "TargetElement");
        writer.WriteString("elementId", value.ElementId);
        writer.WriteBoolean("isVisible", value.IsVisible.Value);
        writer.WriteEndObject();
    }
}
