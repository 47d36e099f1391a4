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
/// <see cref="PromptOptions.Validations"/>: required inputs, allowed values, maximum lengths. An invalid
/// submit gets the Dutch reasons (a message and the card again; for Action.Execute the reasons in the
/// 200 invoke response, the card stays). A typed message gets "use the buttons" and the card again.
/// A submit from another card is stale (see <see cref="Prompt{T}"/>). Ends with a <see cref="CardSubmit"/>.
/// </summary>
public sealed class CardPrompt(string dialogId, PromptValidator<CardSubmit>? validator = null) : Prompt<CardSubmit>(dialogId, validator)
{
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
        var error = Validate(data, options.Validations, texts);
        return Task.FromResult(error is null
            ? new PromptRecognizerResult<CardSubmit>(true, new CardSubmit(data, PromptCard.GetVerb(activity), PromptCard.IsCardAction(activity)))
            : PromptRecognizerResult<CardSubmit>.Failed(error));
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
