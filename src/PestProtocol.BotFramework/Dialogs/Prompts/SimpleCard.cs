using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// The few small Adaptive Cards (version 1.5) the prompts render themselves, as JSON nodes, so the
/// engine does not depend on the typed card model.
/// </summary>
public static class SimpleCard
{
    /// <summary>A card with one wrapped text block, optional extra body elements and actions.</summary>
    public static JsonObject Create(string text, IEnumerable<JsonObject> actions, IEnumerable<JsonObject>? body = null)
    {
        var bodyArray = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true });
        foreach (var element in body ?? [])
        {
            bodyArray.Add(element);
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = bodyArray,
            ["actions"] = new JsonArray([.. actions]),
        };
    }

    /// <summary>An Action.Submit button with object data.</summary>
    public static JsonObject SubmitAction(string title, JsonObject data) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };

    /// <summary>A message activity carrying the card.</summary>
    public static Activity ToActivity(JsonObject card) =>
        Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card });
}
