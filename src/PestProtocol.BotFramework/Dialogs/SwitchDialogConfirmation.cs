using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>What <see cref="SwitchDialogConfirmation"/> asks about and starts on "yes".</summary>
/// <param name="TargetDialogId">The dialog the new command starts.</param>
/// <param name="CurrentActivityName">What the user is busy with, as it fits the question "Wil je stoppen met {0}?", e.g. "de melding".</param>
/// <param name="TargetOptions">Options for the target dialog (JSON).</param>
public sealed record SwitchDialogOptions(
    [property: JsonPropertyName("targetDialogId")] string TargetDialogId,
    [property: JsonPropertyName("currentActivityName")] string CurrentActivityName,
    [property: JsonPropertyName("targetOptions")] JsonNode? TargetOptions = null);

/// <summary>
/// The interruption "a new command during a dialog": pushed on top of the current dialog, it asks
/// "Wil je stoppen met …?" (Ja/Nee card; ja/nee/j/n/ok… typed). On yes it cancels every dialog on its
/// stack and begins the target; on no it ends, and the dialog below (a prompt) asks its question again.
/// Add it to the set (usually the root component's) and start it with
/// <see cref="DialogExtensions.AskToSwitchAsync"/>.
/// </summary>
public sealed class SwitchDialogConfirmation(string dialogId = SwitchDialogConfirmation.DefaultId) : Dialog(dialogId)
{
    public const string DefaultId = "switchDialogConfirmation";

    private const string OptionsKey = "options";
    private const string CardIdKey = "cardId";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var switchOptions = options as SwitchDialogOptions
            ?? throw new ArgumentException("SwitchDialogConfirmation needs SwitchDialogOptions.", nameof(options));
        var state = dc.ActiveDialog!.State;
        state.Set(OptionsKey, switchOptions);
        state[CardIdKey] = Guid.NewGuid().ToString("N");
        await AskAsync(dc, state, switchOptions, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        if (activity.Type != ActivityTypes.Message && !PromptCard.IsCardAction(activity))
        {
            return DialogTurnResult.EndOfTurn;
        }

        var state = dc.ActiveDialog!.State;
        if (PromptCard.TryGetCardId(activity, out var cardId) && cardId != state.GetString(CardIdKey))
        {
            await PromptCard.AnswerAsync(dc.Context, dc.Texts.OtherCard, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Stale);
        }

        bool? answer = null;
        if (PromptCard.TryGetSubmittedData(activity, out var data) && data.TryGetProperty(ConfirmPrompt.DataKey, out var value))
        {
            answer = value.ValueKind == JsonValueKind.True ? true : value.ValueKind == JsonValueKind.False ? false : null;
        }

        answer ??= ConfirmPrompt.Recognize(activity.Text, dc.Texts);
        var options = state.Get<SwitchDialogOptions>(OptionsKey)!;
        if (PromptCard.IsCardAction(activity) && answer is not null)
        {
            dc.Context.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Message(dc.Texts.CardReceived));
        }

        switch (answer)
        {
            case true:
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                return await dc.BeginDialogAsync(options.TargetDialogId, options.TargetOptions, cancellationToken).ConfigureAwait(false);
            case false:
                return await dc.EndDialogAsync(false, cancellationToken).ConfigureAwait(false);
            default:
                await PromptCard.AnswerAsync(dc.Context, dc.Texts.ConfirmRetry, cancellationToken).ConfigureAwait(false);
                if (!PromptCard.IsCardAction(activity))
                {
                    await AskAsync(dc, state, options, cancellationToken).ConfigureAwait(false);
                }

                return DialogTurnResult.EndOfTurn;
        }
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return AskAsync(dc, instance.State, instance.State.Get<SwitchDialogOptions>(OptionsKey)!, cancellationToken);
    }

    private static Task AskAsync(DialogContext dc, JsonObject state, SwitchDialogOptions options, CancellationToken cancellationToken)
    {
        var question = string.Format(CultureInfo.InvariantCulture, dc.Texts.SwitchDialogQuestion, options.CurrentActivityName);
        var card = ConfirmPrompt.CreateCardActivity(question, dc.Texts);
        return dc.Context.SendActivityAsync(PromptCard.Stamp(card, state.GetString(CardIdKey) ?? ""), cancellationToken);
    }
}
