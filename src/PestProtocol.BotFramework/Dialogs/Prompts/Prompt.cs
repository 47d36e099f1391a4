using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// What a prompt asks and how it checks the answer. Stored as JSON in the prompt's dialog state, so it
/// must be plain data; a custom check in code is a <see cref="PromptValidator{T}"/> given to the prompt's
/// constructor (a delegate cannot be persisted).
/// </summary>
public sealed class PromptOptions
{
    /// <summary>The question; may carry an Adaptive Card attachment.</summary>
    [JsonPropertyName("prompt")] public Activity? Prompt { get; set; }

    /// <summary>Sent instead of the default "that is not valid" text + the question when the answer is not valid.</summary>
    [JsonPropertyName("retryPrompt")] public Activity? RetryPrompt { get; set; }

    /// <summary>For <see cref="CardPrompt"/>: per input, what a valid submit contains.</summary>
    [JsonPropertyName("validations")] public List<CardInputRule>? Validations { get; set; }

    /// <summary>After this many invalid answers the prompt gives up: it says so and ends with a null result.</summary>
    [JsonPropertyName("maxAttempts")] public int? MaxAttempts { get; set; }

    /// <summary>A question as plain text.</summary>
    public static PromptOptions FromText(string text) => new() { Prompt = Activity.CreateMessage(text) };
}

/// <summary>What a prompt recognised in the user's answer; <see cref="Error"/> explains a failure to the user.</summary>
public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default, string? Error = null)
{
    public static PromptRecognizerResult<T> Failed(string? error = null) => new(false, default, error);
}

/// <summary>What a custom validator sees.</summary>
public sealed record PromptValidatorContext<T>(ITurnContext Context, PromptRecognizerResult<T> Recognized, PromptOptions Options, int AttemptCount);

/// <summary>A custom check of a recognised answer; return false to ask again (send your own message to explain).</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

/// <summary>
/// Base of all prompts: send the question, recognise the answer, validate it, ask again until valid,
/// then end with the value. Each prompt's card actions carry the prompt's card id
/// (<see cref="PromptCard"/>); a submit from another card is answered with a Dutch "use the latest card"
/// and gives <see cref="DialogTurnStatus.Stale"/>. An Action.Execute invoke is always answered
/// (status 200): accepted, or the error text.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";
    private const string CardIdKey = "cardId";

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId)
    {
        _validator = validator;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException($"Prompt '{Id}' needs PromptOptions.", nameof(options));
        var state = dc.ActiveDialog!.State;
        state[OptionsKey] = JsonSerializer.SerializeToNode(promptOptions, BotJson.Options);
        state[AttemptsKey] = 0;
        state[CardIdKey] = Guid.NewGuid().ToString("N");
        await OnPromptAsync(dc.Context, state, promptOptions, false, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var context = dc.Context;
        var activity = context.Activity;
        if (activity.Type != ActivityTypes.Message && !PromptCard.IsCardAction(activity))
        {
            return DialogTurnResult.EndOfTurn;
        }

        var state = dc.ActiveDialog!.State;
        var texts = dc.Texts;
        if (PromptCard.TryGetCardId(activity, out var cardId) && cardId != state.GetString(CardIdKey))
        {
            await PromptCard.AnswerAsync(context, texts.OtherCard, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Stale);
        }

        // The question itself (a whole card, often) is read from the state only when it is needed: to ask again.
        var options = RecognizesWithoutPrompt && _validator is null ? ReadRules(state) : ReadOptions(state);
        var recognized = await OnRecognizeAsync(context, state, options, cancellationToken).ConfigureAwait(false);
        var attempts = state.GetInt(AttemptsKey) + 1;
        state[AttemptsKey] = attempts;

        var valid = recognized.Succeeded;
        if (_validator is not null)
        {
            valid = await _validator(new PromptValidatorContext<T>(context, recognized, options, attempts), cancellationToken).ConfigureAwait(false);
        }

        if (valid)
        {
            if (PromptCard.IsCardAction(activity) && context.InvokeResponse is null)
            {
                context.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Message(texts.CardReceived));
            }

            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (options.MaxAttempts is { } max && attempts >= max)
        {
            await PromptCard.AnswerAsync(context, texts.TooManyAttempts, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (options.Prompt is null && options.RetryPrompt is null)
        {
            options = ReadOptions(state);
        }

        var error = recognized.Error ?? RetryText(texts, options);
        await OnRetryAsync(context, state, options, error, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.EndOfTurn;
    }

    /// <summary>
    /// The answer was not valid: tell the user why and ask again. By default: for Action.Execute the reason in the invoke
    /// response (the card stays on screen); otherwise the reason and the question again (or the retry prompt), unless
    /// a validator already answered.
    /// </summary>
    protected virtual async Task OnRetryAsync(ITurnContext context, JsonObject state, PromptOptions options, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (PromptCard.IsCardAction(context.Activity))
        {
            // The card is still on screen: the error is shown under it, the user corrects and presses again.
            context.InvokeResponse ??= new InvokeResponse(200, AdaptiveCardInvokeResponse.Message(error));
        }
        else if (!context.Responded)
        {
            if (options.RetryPrompt is { } retry)
            {
                await context.SendActivityAsync(PromptCard.Stamp(retry, GetCardId(state)), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.SendActivityAsync(error, cancellationToken).ConfigureAwait(false);
                await OnPromptAsync(context, state, options, true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A dialog started on top of the prompt (help, a "do you want to stop?" question) ended: ask again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(instance);
        return OnPromptAsync(dc.Context, instance.State, ReadOptions(instance.State), false, cancellationToken);
    }

    /// <summary>Sends the question (the prompt activity with this prompt's card id stamped into its card actions).</summary>
    protected virtual async Task OnPromptAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = BuildPrompt(turnContext, options);
        if (prompt is not null)
        {
            await turnContext.SendActivityAsync(PromptCard.Stamp(prompt, GetCardId(state)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The activity that asks the question; prompts that render a card build it here.</summary>
    protected virtual Activity? BuildPrompt(ITurnContext turnContext, PromptOptions options) => options?.Prompt;

    /// <summary>Reads the answer from the incoming activity.</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>The text shown before asking again when the answer was not recognised.</summary>
    protected abstract string RetryText(DialogTexts texts, PromptOptions options);

    /// <summary>The id stamped into this prompt's cards.</summary>
    protected static string GetCardId(JsonObject state) => state?.GetString(CardIdKey) ?? "";

    /// <summary>
    /// True when <see cref="OnRecognizeAsync"/> reads only <see cref="PromptOptions.Validations"/> and
    /// <see cref="PromptOptions.MaxAttempts"/>: a valid answer is then taken without reading the question from the state.
    /// </summary>
    protected virtual bool RecognizesWithoutPrompt => false;

    /// <summary>The prompt options kept in a prompt's state without the question: its rules and maximum attempts.</summary>
    private static PromptOptions ReadRules(JsonObject state) => state[OptionsKey] is JsonObject options
        ? new PromptOptions
        {
            Validations = options["validations"]?.Deserialize<List<CardInputRule>>(BotJson.Options),
            MaxAttempts = options["maxAttempts"]?.Deserialize<int?>(BotJson.Options),
        }
        : new PromptOptions();

    /// <summary>The prompt options kept in a prompt's state.</summary>
    protected static PromptOptions ReadOptions(JsonObject state) =>
        state[OptionsKey]?.Deserialize<PromptOptions>(BotJson.Options) ?? new PromptOptions();
}
