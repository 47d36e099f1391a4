using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>One option of a <see cref="ChoicePrompt"/>.</summary>
public sealed record Choice(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("synonyms")] IReadOnlyList<string>? Synonyms = null)
{
    /// <summary>What the user sees: the title, or else the value.</summary>
    [JsonIgnore] public string DisplayTitle => Title ?? Value;
}

/// <summary>The choice the user made.</summary>
public sealed record FoundChoice(string Value, int Index, string Title);

/// <summary>How a <see cref="ChoicePrompt"/> renders its choices.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChoiceStyle>))]
public enum ChoiceStyle
{
    /// <summary>A card with one Action.Submit button per choice.</summary>
    Buttons,
    /// <summary>A card with an Input.ChoiceSet (drop-down) and one submit button.</summary>
    ChoiceSet,
}

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>. Unless the prompt activity already
/// carries a card, it renders a card whose submits carry <c>{"choice": value}</c>. Recognises the value
/// (exact), the title or a synonym (case-insensitive) or the number of the choice ("1", "2", …).
/// </summary>
public sealed class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    /// <summary>The key of the chosen value in the card's submit data (and the Input.ChoiceSet's id).</summary>
    public const string DataKey = "choice";

    /// <summary>Finds the choice meant by <paramref name="text"/>, or null.</summary>
    public static FoundChoice? Recognize(string? text, IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var answer = text?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(answer))
        {
            return null;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Value, answer, StringComparison.Ordinal))
            {
                return Found(choices, i);
            }
        }

        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (string.Equals(choice.DisplayTitle, answer, StringComparison.OrdinalIgnoreCase)
                || string.Equals(choice.Value, answer, StringComparison.OrdinalIgnoreCase)
                || (choice.Synonyms?.Any(s => string.Equals(s, answer, StringComparison.OrdinalIgnoreCase)) ?? false))
            {
                return Found(choices, i);
            }
        }

        return int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count
            ? Found(choices, number - 1)
            : null;
    }

    /// <summary>The card for a question with choices.</summary>
    public static JsonObject CreateCard(string question, IReadOnlyList<Choice> choices, ChoiceStyle style, DialogTexts texts)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(texts);
        if (style == ChoiceStyle.ChoiceSet)
        {
            var set = new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = DataKey,
                ["style"] = "compact",
                ["isRequired"] = true,
                ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.DisplayTitle, ["value"] = c.Value })]),
            };
            return SimpleCard.Create(question, [SimpleCard.SubmitAction(texts.SubmitChoice, [])], [set]);
        }

        return SimpleCard.Create(question, choices.Select(c => SimpleCard.SubmitAction(c.DisplayTitle, new JsonObject { [DataKey] = c.Value })));
    }

    protected override Activity? BuildPrompt(ITurnContext turnContext, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Prompt is { Attachments.Count: > 0 } custom)
        {
            return custom;
        }

        var card = CreateCard(options.Prompt?.Text ?? "", options.Choices ?? [], options.Style, DialogTexts.For(turnContext));
        return SimpleCard.ToActivity(card);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var choices = options.Choices ?? [];
        var answer = turnContext.Activity.Text;
        if (PromptCard.TryGetSubmittedData(turnContext.Activity, out var data)
            && data.TryGetProperty(DataKey, out var value) && value.ValueKind == JsonValueKind.String)
        {
            answer = value.GetString();
        }

        var found = Recognize(answer, choices);
        return Task.FromResult(found is null ? PromptRecognizerResult<FoundChoice>.Failed() : new PromptRecognizerResult<FoundChoice>(true, found));
    }

    protected override string RetryText(DialogTexts texts, PromptOptions options) =>
        string.Format(CultureInfo.InvariantCulture, texts.ChoiceRetry, string.Join(", ", (options.Choices ?? []).Select(c => c.DisplayTitle)));

    private static FoundChoice Found(IReadOnlyList<Choice> choices, int index) => new(choices[index].Value, index, choices[index].DisplayTitle);
}
