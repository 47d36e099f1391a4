using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>What a valid submit must contain for one card input (by input id).</summary>
public sealed record CardInputRule
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>The name used in error messages (the input's label); defaults to the id.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>The value must be present and not blank.</summary>
    [JsonPropertyName("required")] public bool Required { get; init; }

    /// <summary>When set, a non-empty value must be one of these (exact match).</summary>
    [JsonPropertyName("allowedValues")] public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>The value is a comma-separated list (Input.ChoiceSet with isMultiSelect); each item is checked.</summary>
    [JsonPropertyName("multiSelect")] public bool MultiSelect { get; init; }

    /// <summary>When set, the maximum number of characters.</summary>
    [JsonPropertyName("maxLength")] public int? MaxLength { get; init; }
}

/// <summary>A valid card submit: its data with the inputs merged in (without the prompt's card id).</summary>
public sealed record CardSubmit(
    [property: JsonPropertyName("data")] JsonObject Data,
    [property: JsonPropertyName("verb")] string? Verb,
    [property: JsonPropertyName("isExecute")] bool IsExecute)
{
    /// <summary>A data value as text (numbers and booleans as written in JSON), or null.</summary>
    public string? GetString(string key) => CardPrompt.ValueAsString(Data[key]);
}

/// <summary>
/// Sends a card (the caller's <see cref="PromptOptions.Prompt"/> activity with an Adaptive Card attachment)
/// and waits for an Action.Submit (message with <c>value</c>) or an Action.Execute (<c>adaptiveCard/action</c>
/// invoke) FROM THAT CARD: the prompt writes its card id into the data of every action of the card
/// (<see cref="PromptCard"/>), the caller need not do anything. The submit is checked against
/// <see cref="PromptOptions.Validations"/> (required inputs, allowed values, maximum lengths) and then against the
/// caller's <c>check</c> (what only the server knows). Input is never lost: an invalid submit brings back THE SAME
/// card with everything the person filled in and the reasons shown on top of it — for Action.Submit the card is
/// updated in place (the submit's <c>replyToId</c> is the card's activity id; when there is none, or the update
/// fails, the reasons and the filled card are sent anew), for Action.Execute the filled card is the invoke response.
/// (A validator that explained the problem itself leaves the card as it is on screen, typed text included.)
/// A re-prompt (after "help", or "no, go on") shows the card with what was last filled in, when known.
/// A typed message gets "use the buttons" and the card again. A submit from another card is stale (see
/// <see cref="Prompt{T}"/>). Ends with a <see cref="CardSubmit"/>.
/// </summary>
public sealed class CardPrompt(string dialogId, PromptValidator<CardSubmit>? validator = null, Func<CardSubmit, string?>? check = null) : Prompt<CardSubmit>(dialogId, validator)
{
    /// <summary>The id of the text block that shows the reasons on a card that came back.</summary>
    public const string ErrorBlockId = "promptError";

    /// <summary>
    /// Suffix of the id of a TextBlock that counts the values chosen in the choice set whose id it extends
    /// ("signalen.thuis.aantal" for "signalen.thuis"); its text starts with the number, which <see cref="Filled"/> recounts.
    /// </summary>
    public const string ChoiceCountSuffix = ".aantal";

    private const string FilledKey = "filled";

    /// <summary>A submit is checked against the rules only; the card is read from the state when it has to come back.</summary>
    protected override bool RecognizesWithoutPrompt => true;

    protected override Task<PromptRecognizerResult<CardSubmit>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var activity = turnContext.Activity;
        var texts = DialogTexts.For(turnContext);
        if (!PromptCard.TryGetCardId(activity, out _) || !PromptCard.TryGetSubmittedData(activity, out var submitted))
        {
            return Task.FromResult(PromptRecognizerResult<CardSubmit>.Failed(texts.CardRetry));
        }

        var data = JsonObject.Create(submitted)!;
        data.Remove(PromptCard.CardIdKey);
        var value = new CardSubmit(data, PromptCard.GetVerb(activity), PromptCard.IsCardAction(activity));
        var error = Validate(data, options.Validations, texts) ?? check?.Invoke(value);
        return Task.FromResult(error is null
            ? new PromptRecognizerResult<CardSubmit>(true, value)
            : PromptRecognizerResult<CardSubmit>.Failed(error));
    }

    protected override async Task OnRetryAsync(ITurnContext context, JsonObject state, PromptOptions options, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var activity = context.Activity;
        if ((context.Responded && !PromptCard.IsCardAction(activity))
            || !PromptCard.TryGetCardId(activity, out _) || !PromptCard.TryGetSubmittedData(activity, out var submitted)
            || Filled(options, GetCardId(state), submitted, error) is not { } filled)
        {
            await base.OnRetryAsync(context, state, options, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var values = JsonObject.Create(submitted)!;
        values.Remove(PromptCard.CardIdKey);
        state[FilledKey] = values;
        if (options.RetryPrompt is { } retry && !PromptCard.IsCardAction(activity))
        {
            // The caller's own retry (its words), with its card filled in with what was submitted.
            var retryCard = Filled(new PromptOptions { Prompt = retry }, GetCardId(state), submitted, null);
            var again = retryCard is null
                ? PromptCard.Stamp(retry, GetCardId(state))
                : Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = retryCard });
            again.Text = retry.Text;
            await context.SendActivityAsync(again, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (PromptCard.IsCardAction(activity))
        {
            context.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(filled));
            return;
        }

        var message = Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = filled });
        if (activity.ReplyToId is { Length: > 0 } cardActivityId)
        {
            message.Id = cardActivityId;
            try
            {
                await context.UpdateActivityAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Connector.ConnectorException)
            {
                // The card could not be replaced (deleted, or a client that cannot update): send it anew below.
                message.Id = null;
            }
        }

        await context.SendActivityAsync(error, cancellationToken).ConfigureAwait(false);
        await context.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After "help" (or a question on top of the form): the card again, with what was last filled in when known.</summary>
    public override async Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(instance);
        var options = ReadOptions(instance.State);
        if (instance.State[FilledKey] is JsonObject values
            && Filled(options, GetCardId(instance.State), JsonSerializer.SerializeToElement(values, BotJson.Options), null) is { } filled)
        {
            await dc.Context.SendActivityAsync(Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = filled }), cancellationToken).ConfigureAwait(false);
            return;
        }

        await base.RepromptDialogAsync(dc, instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The prompt's card with every input's <c>value</c> set to what was submitted, the reasons (when given) in a text
    /// block on top, and this prompt's card id in its actions; null when the prompt has no Adaptive Card.
    /// </summary>
    public static JsonObject? Filled(PromptOptions options, string cardId, JsonElement submitted, string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var content = options.Prompt?.Attachments?.FirstOrDefault(a => a.ContentType == Attachment.AdaptiveCardContentType)?.Content;
        if (content is null || JsonSerializer.SerializeToNode(content, BotJson.Options) is not JsonObject card)
        {
            return null;
        }

        if (submitted.ValueKind == JsonValueKind.Object)
        {
            FillInputs(card, submitted);
            ShowFilled(card, submitted);
        }

        if (card["body"] is not JsonArray body)
        {
            card["body"] = body = [];
        }

        foreach (var old in body.OfType<JsonObject>().Where(e => e["id"] is JsonValue id && id.TryGetValue<string>(out var s) && s == ErrorBlockId).ToList())
        {
            body.Remove(old);
        }

        if (!string.IsNullOrWhiteSpace(error))
        {
            body.Insert(0, new JsonObject
            {
                ["type"] = "TextBlock",
                ["id"] = ErrorBlockId,
                ["text"] = error,
                ["wrap"] = true,
                ["color"] = "attention",
                ["weight"] = "bolder",
            });
        }

        PromptCard.StampActions(card, cardId);
        return card;
    }

    /// <summary>
    /// What was filled in stays in sight: a part hidden until a click (<c>isVisible: false</c>, opened by
    /// Action.ToggleVisibility) that holds an input with a value is shown, and a count line
    /// (<see cref="ChoiceCountSuffix"/>) says how many values its choice set has.
    /// </summary>
    private static void ShowFilled(JsonNode card, JsonElement submitted)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in submitted.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                counts[property.Name] = property.Value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
            }
        }

        Walk(card);

        // True when the node (or something in it) is an input with a value that a person chose or typed.
        bool Walk(JsonNode? node)
        {
            var filled = false;
            switch (node)
            {
                case JsonObject obj:
                    var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                    var id = obj["id"] is JsonValue i && i.TryGetValue<string>(out var d) ? d : null;
                    if (type == "Input.Card" || (type is not null && type.StartsWith("Action.", StringComparison.Ordinal)))
                    {
                        return false;
                    }

                    if (type is not null && type.StartsWith("Input.", StringComparison.Ordinal) && id is not null && counts.TryGetValue(id, out var n) && n > 0)
                    {
                        var value = submitted.GetProperty(id).GetString();
                        var off = obj["valueOff"] is JsonValue v && v.TryGetValue<string>(out var o) ? o : "false";
                        filled = type != "Input.Toggle" || value != off;
                    }

                    if (type == "TextBlock" && id is not null && id.EndsWith(ChoiceCountSuffix, StringComparison.Ordinal)
                        && obj["text"] is JsonValue text && text.TryGetValue<string>(out var shown))
                    {
                        var digits = shown.TakeWhile(char.IsAsciiDigit).Count();
                        if (digits > 0 && counts.TryGetValue(id[..^ChoiceCountSuffix.Length], out var chosen))
                        {
                            obj["text"] = chosen.ToString(CultureInfo.InvariantCulture) + shown[digits..];
                        }
                    }

                    foreach (var (name, child) in obj.ToArray())
                    {
                        if (name is not ("fallback" or "selectAction") && child is JsonObject or JsonArray)
                        {
                            filled |= Walk(child);
                        }
                    }

                    if (filled && obj["isVisible"] is JsonValue visible && visible.TryGetValue<bool>(out var isVisible) && !isVisible)
                    {
                        obj.Remove("isVisible");
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        filled |= Walk(child);
                    }

                    break;
            }

            return filled;
        }
    }

    private static void FillInputs(JsonNode node, JsonElement submitted)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type.StartsWith("Input.", StringComparison.Ordinal)
                    && obj["id"] is JsonValue i && i.TryGetValue<string>(out var id) && submitted.TryGetProperty(id, out var value))
                {
                    var text = value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                        _ => null,
                    };
                    if (text is not null)
                    {
                        obj["value"] = type == "Input.Number"
                            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null
                            : JsonValue.Create(text);
                    }
                }

                foreach (var (_, child) in obj.ToArray())
                {
                    if (child is JsonObject or JsonArray)
                    {
                        FillInputs(child, submitted);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToArray())
                {
                    if (child is not null)
                    {
                        FillInputs(child, submitted);
                    }
                }

                break;
        }
    }

    protected override string RetryText(DialogTexts texts, PromptOptions options) => texts.CardRetry;

    /// <summary>The reasons the data breaks the rules (one per line), or null when it is valid.</summary>
    public static string? Validate(JsonObject data, IReadOnlyList<CardInputRule>? rules, DialogTexts texts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(texts);
        StringBuilder? errors = null;
        foreach (var rule in rules ?? [])
        {
            var label = rule.Label ?? rule.Id;
            var value = ValueAsString(data[rule.Id])?.Trim();
            string? error = null;
            if (string.IsNullOrEmpty(value))
            {
                if (rule.Required)
                {
                    error = string.Format(CultureInfo.InvariantCulture, texts.RequiredInputMissing, label);
                }
            }
            else if (rule.MaxLength is { } max && value.Length > max)
            {
                error = string.Format(CultureInfo.InvariantCulture, texts.ValueTooLong, label, max);
            }
            else if (rule.AllowedValues is { } allowed)
            {
                var items = rule.MultiSelect ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [value];
                if (items.Length == 0 || items.Any(item => !allowed.Contains(item, StringComparer.Ordinal)))
                {
                    error = string.Format(CultureInfo.InvariantCulture, texts.ValueNotAllowed, label, string.Join(", ", allowed));
                }
            }

            if (error is not null)
            {
                (errors ??= new StringBuilder()).Append(errors.Length > 0 ? "\n\n" : "").Append(error);
            }
        }

        return errors?.ToString();
    }

    internal static string? ValueAsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
