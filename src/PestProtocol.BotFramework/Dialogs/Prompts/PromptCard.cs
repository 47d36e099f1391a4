using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// How prompt cards are tied to the prompt that sent them. Before a prompt sends its activity it writes
/// <c>"promptCardId": "&lt;id&gt;"</c> into the <c>data</c> of every <c>Action.Submit</c> and
/// <c>Action.Execute</c> in its Adaptive Card attachments (the caller supplies an ordinary card; string
/// <c>data</c> is left alone). A submit carries the id back, so a prompt accepts only its own card, and a
/// submit from a card whose dialog has ended is recognised as stale.
/// </summary>
public static class PromptCard
{
    /// <summary>The key the prompt writes into each action's data.</summary>
    public const string CardIdKey = "promptCardId";

    /// <summary>
    /// A copy of <paramref name="activity"/> (the original is never changed) whose card actions carry
    /// <paramref name="cardId"/>.
    /// </summary>
    public static Activity Stamp(Activity activity, string cardId)
    {
        ArgumentNullException.ThrowIfNull(activity);

        // The activity without its attachments goes through JSON (a deep copy of a few hundred bytes: the caller's
        // activity, which may be cached and shared, is never changed). Each Adaptive Card is copied once into JSON
        // nodes and stamped there; later sends serialise those nodes as they are. A card that already is a JSON node
        // (a caller that changed it as JSON) is cloned as nodes, not written out and parsed again; a StampableCard (a
        // card serialised once, with slots for the id) is copied with the id in its slots.
        var shell = activity.ShallowCopy();
        shell.Attachments = null;
        var copy = JsonSerializer.SerializeToElement(shell, BotJson.Options).Deserialize<Activity>(BotJson.Options)!;
        if (activity.Attachments is { } attachments)
        {
            var list = new List<Attachment>(attachments.Count);
            foreach (var attachment in attachments)
            {
                if (attachment is null)
                {
                    continue;
                }

                var content = attachment.Content;
                if (content is StampableCard stampable)
                {
                    // Serialised once by the caller: the id is copied into its slots, no JSON tree is built.
                    content = stampable.Stamp(cardId);
                }
                else if (attachment.ContentType == Attachment.AdaptiveCardContentType && content is not null)
                {
                    var node = content is JsonNode json ? json.DeepClone() : JsonSerializer.SerializeToNode(content, BotJson.Options);
                    if (node is JsonObject card)
                    {
                        StampActions(card, cardId);
                    }

                    content = node;
                }

                list.Add(new Attachment
                {
                    ContentType = attachment.ContentType,
                    ContentUrl = attachment.ContentUrl,
                    Content = content,
                    Name = attachment.Name,
                    ThumbnailUrl = attachment.ThumbnailUrl,
                    Properties = attachment.Properties is null ? null : new Dictionary<string, JsonElement>(attachment.Properties),
                });
            }

            copy.Attachments = list;
        }

        return copy;
    }

    /// <summary>Writes the id into the data of every Action.Submit / Action.Execute in <paramref name="card"/>.</summary>
    public static void StampActions(JsonNode card, string cardId)
    {
        ArgumentNullException.ThrowIfNull(card);
        switch (card)
        {
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                if (type is "Action.Submit" or "Action.Execute")
                {
                    switch (obj["data"])
                    {
                        case null:
                            obj["data"] = new JsonObject { [CardIdKey] = cardId };
                            break;
                        case JsonObject data:
                            data[CardIdKey] = cardId;
                            break;
                    }
                }

                // No copy of the properties: only "data" of this object is set (above, before the walk); the walk
                // changes nested nodes, never this object's own list.
                foreach (var property in obj)
                {
                    if (property.Value is JsonObject or JsonArray)
                    {
                        StampActions(property.Value, cardId);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        StampActions(child, cardId);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// The data of a card action in this activity: a message's <c>value</c> (Action.Submit) or an
    /// <c>adaptiveCard/action</c> invoke's <c>value.action.data</c> (Action.Execute); inputs are merged in.
    /// </summary>
    public static bool TryGetSubmittedData(Activity activity, out JsonElement data)
    {
        ArgumentNullException.ThrowIfNull(activity);
        data = default;
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return false;
        }

        if (activity.Type == ActivityTypes.Message)
        {
            data = value;
            return true;
        }

        if (IsCardAction(activity)
            && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("data", out var actionData) && actionData.ValueKind == JsonValueKind.Object)
        {
            data = actionData;
            return true;
        }

        return false;
    }

    /// <summary>The verb of an Action.Execute invoke, or null.</summary>
    public static string? GetVerb(Activity activity) =>
        IsCardAction(activity)
        && activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            ? verb.GetString()
            : null;

    /// <summary>The prompt card id a submit carries, if it came from a prompt card.</summary>
    public static bool TryGetCardId(Activity activity, [NotNullWhen(true)] out string? cardId)
    {
        cardId = null;
        if (TryGetSubmittedData(activity, out var data)
            && data.TryGetProperty(CardIdKey, out var id) && id.ValueKind == JsonValueKind.String)
        {
            cardId = id.GetString();
        }

        return !string.IsNullOrEmpty(cardId);
    }

    /// <summary>Whether the activity is an <c>adaptiveCard/action</c> invoke (Action.Execute).</summary>
    public static bool IsCardAction(Activity activity) =>
        activity.Type == ActivityTypes.Invoke && activity.Name == InvokeNames.AdaptiveCardAction;

    /// <summary>
    /// The key in a card action's data holding the command that continues its work later (e.g. "melding 2026-0002"),
    /// so that a stale card can say how to go on.
    /// </summary>
    public const string ResumeKey = "verderMet";

    /// <summary>The resume command a submit carries (<see cref="ResumeKey"/>), if it is a short, plain command.</summary>
    public static bool TryGetResumeCommand(Activity activity, [NotNullWhen(true)] out string? command)
    {
        command = null;
        if (TryGetSubmittedData(activity, out var data)
            && data.TryGetProperty(ResumeKey, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 and <= 40 } text
            && text.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-'))
        {
            command = text;
        }

        return command is not null;
    }

    /// <summary>Adds <paramref name="key"/> = <paramref name="value"/> to the data of every Submit/Execute action in a card (JSON).</summary>
    public static void AddToActionData(JsonNode card, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(card);
        switch (card)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type is "Action.Submit" or "Action.Execute")
                {
                    if (obj["data"] is null)
                    {
                        obj["data"] = new JsonObject();
                    }

                    if (obj["data"] is JsonObject data)
                    {
                        data[key] = value;
                    }
                }

                // As in StampActions: this object's own properties are not changed during the walk, so no copy.
                foreach (var property in obj)
                {
                    if (property.Value is JsonObject or JsonArray)
                    {
                        AddToActionData(property.Value, key, value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        AddToActionData(child, key, value);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Tells the user a card is stale: in the invoke response for Action.Execute, else as a message. When the card
    /// carries a resume command (<see cref="ResumeKey"/>), the answer says to type it.
    /// </summary>
    public static Task AnswerStaleAsync(ITurnContext turnContext, DialogTexts texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(texts);
        var text = TryGetResumeCommand(turnContext.Activity, out var command)
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.StaleCardResume, command)
            : texts.StaleCard;
        return AnswerAsync(turnContext, text, cancellationToken);
    }

    /// <summary>Answers a card action with a short text: the invoke response (status 200) for Action.Execute, else a message.</summary>
    public static async Task AnswerAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (IsCardAction(turnContext.Activity))
        {
            turnContext.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Message(text));
            return;
        }

        await turnContext.SendActivityAsync(text, cancellationToken).ConfigureAwait(false);
    }
}
