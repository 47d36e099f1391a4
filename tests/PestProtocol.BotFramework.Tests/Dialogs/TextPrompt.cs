using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.BotFramework.Tests.Dialogs;

/// <summary>
/// A prompt for typed text, for testing the dialog engine (waterfalls, components, interruptions, the prompt base):
/// the bot itself asks with cards (<see cref="CardPrompt"/>, <see cref="ConfirmPrompt"/>), so this lives with the tests.
/// </summary>
public sealed class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    public const string Retry = "Ik heb geen tekst ontvangen. Probeer het nog eens.";

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text)
            ? PromptRecognizerResult<string>.Failed()
            : new PromptRecognizerResult<string>(true, text));
    }

    protected override string RetryText(DialogTexts texts, PromptOptions options) => Retry;
}
