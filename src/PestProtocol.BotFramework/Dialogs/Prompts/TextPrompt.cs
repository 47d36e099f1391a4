using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>Asks for a text; any non-empty message text is accepted (trimmed).</summary>
public sealed class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text)
            ? PromptRecognizerResult<string>.Failed()
            : new PromptRecognizerResult<string>(true, text));
    }

    protected override string RetryText(DialogTexts texts, PromptOptions options) => texts.TextRetry;
}
