using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// Asks a yes/no question. Recognises the words of <see cref="DialogTexts.YesWords"/> / <see cref="DialogTexts.NoWords"/>
/// (Dutch by default: ja, j, klopt, ok, nee, n, …). When the prompt activity has no attachment, a card with
/// "Ja" and "Nee" buttons (Action.Submit, data <c>{"confirm": true|false}</c>) is added.
/// </summary>
public sealed class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null) : Prompt<bool>(dialogId, validator)
{
    /// <summary>The key of the answer in the buttons' data.</summary>
    public const string DataKey = "confirm";

    /// <summary>Recognises yes/no in a text; null when it is neither.</summary>
    public static bool? Recognize(string? text, DialogTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var word = text?.Trim().TrimEnd('.', '!').Trim();
        if (string.IsNullOrEmpty(word))
        {
            return null;
        }

        if (texts.YesWords.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return texts.NoWords.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)) ? false : null;
    }

    /// <summary>A card with the question and Ja/Nee buttons.</summary>
    public static Activity CreateCardActivity(string question, DialogTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var card = SimpleCard.Create(question,
        [
            SimpleCard.SubmitAction(texts.Yes, new JsonObject { [DataKey] = true }),
            SimpleCard.SubmitAction(texts.No, new JsonObject { [DataKey] = false }),
        ]);
        return SimpleCard.ToActivity(card);
    }

    protected override Activity? BuildPrompt(ITurnContext turnContext, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = options.Prompt;
        if (prompt is null || prompt.Attachments is { Count: > 0 })
        {
            return prompt;
        }

        var withCard = CreateCardActivity(prompt.Text ?? "", DialogTexts.For(turnContext));
        return withCard;
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        bool? answer = null;
        if (PromptCard.TryGetSubmittedData(turnContext.Activity, out var data) && data.TryGetProperty(DataKey, out var value))
        {
            answer = value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => Recognize(value.GetString(), DialogTexts.For(turnContext)),
                _ => null,
            };
        }

        answer ??= Recognize(turnContext.Activity.Text, DialogTexts.For(turnContext));
        return Task.FromResult(answer is { } yes ? new PromptRecognizerResult<bool>(true, yes) : PromptRecognizerResult<bool>.Failed());
    }

    protected override string RetryText(DialogTexts texts, PromptOptions options) => texts.ConfirmRetry;
}
