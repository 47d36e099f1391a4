using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Testing;

/// <summary>
/// An Adaptive Card the bot sent, as JSON, with the look-ups a test needs: the texts a person reads,
/// the buttons, the inputs.
/// </summary>
public sealed class ReceivedCard
{
    private static readonly HashSet<string> TextKeys = ["text", "title", "label", "placeholder", "altText"];

    private ReceivedCard(JsonObject json)
    {
        Json = json;
        var texts = new List<string>();
        var actions = new List<JsonObject>();
        Walk(json, texts, actions);
        Texts = texts;
        Actions = actions;
    }

    /// <summary>The card's JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>Every text shown: TextBlock and TextRun texts, fact titles and values, labels, placeholders, choice and button titles.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>All actions (Action.Submit, Action.Execute, Action.OpenUrl, Action.ShowCard …), also in ActionSets and shown cards.</summary>
    public IReadOnlyList<JsonObject> Actions { get; }

    /// <summary>The button titles.</summary>
    public IEnumerable<string> ActionTitles => Actions.Select(a => a["title"]?.GetValue<string>() ?? "");

    /// <summary>Whether any text contains <paramref name="fragment"/> (case-insensitive).</summary>
    public bool ContainsText(string fragment) => Texts.Any(t => t.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    /// <summary>The action with this title (case-insensitive), or null.</summary>
    public JsonObject? FindAction(string title) =>
        Actions.FirstOrDefault(a => string.Equals(a["title"]?.GetValue<string>(), title, StringComparison.OrdinalIgnoreCase));

    /// <summary>The element (input, container …) with this id, or null.</summary>
    public JsonObject? FindElement(string id) => Find(Json, id);

    /// <summary>The first Adaptive Card in the activity, or null.</summary>
    public static ReceivedCard? From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var attachment = activity.Attachments?.FirstOrDefault(a => a.ContentType == Attachment.AdaptiveCardContentType);
        if (attachment?.Content is null)
        {
            return null;
        }

        var node = attachment.Content switch
        {
            JsonNode n => n.DeepClone(),
            JsonElement e => JsonNode.Parse(e.GetRawText()),
            var other => JsonSerializer.SerializeToNode(other, other.GetType(), BotJson.Options),
        };
        return node is JsonObject obj ? new ReceivedCard(obj) : null;
    }

    public override string ToString() => string.Join(" | ", Texts);

    private static void Walk(JsonNode? node, List<string> texts, List<JsonObject> actions)
    {
        switch (node)
        {
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                if (type?.StartsWith("Action.", StringComparison.Ordinal) == true)
                {
                    actions.Add(obj);
                }

                foreach (var (key, child) in obj)
                {
                    if (key == "data")
                    {
                        continue; // what a button sends, not what a person reads
                    }

                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && (TextKeys.Contains(key) || (key == "value" && type is null)))
                    {
                        texts.Add(text);
                    }
                    else
                    {
                        Walk(child, texts, actions);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, texts, actions);
                }

                break;
        }
    }

    private static JsonObject? Find(JsonNode? node, string id) => node switch
    {
        JsonObject obj when obj["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == id => obj,
        JsonObject obj => obj.Select(p => Find(p.Value, id)).FirstOrDefault(found => found is not null),
        JsonArray array => array.Select(child => Find(child, id)).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
