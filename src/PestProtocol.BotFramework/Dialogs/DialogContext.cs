using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// The dialog stack of one turn, with the operations that move it: begin, continue, end, replace, cancel.
/// Inside a <see cref="ComponentDialog"/> the context is the component's own stack and
/// <see cref="Parent"/> is the context the component runs in.
/// </summary>
public class DialogContext
{
    private readonly DialogState _state;

    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        Dialogs = dialogs;
        Context = turnContext;
        _state = state;
    }

    /// <summary>A context over the same stack as <paramref name="dc"/> (used by step contexts).</summary>
    protected DialogContext(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        Dialogs = dc.Dialogs;
        Context = dc.Context;
        _state = dc._state;
        Parent = dc.Parent;
    }

    /// <summary>The dialogs this context can start (and, failing that, those of <see cref="Parent"/>).</summary>
    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    /// <summary>The context of the enclosing component dialog, or null at the root.</summary>
    public DialogContext? Parent { get; init; }

    /// <summary>The stack; the active dialog is the last element.</summary>
    public IReadOnlyList<DialogInstance> Stack => _state.DialogStack;

    /// <summary>The dialog on top of the stack, or null.</summary>
    public DialogInstance? ActiveDialog => _state.DialogStack.Count > 0 ? _state.DialogStack[^1] : null;

    /// <summary>The user-visible texts of the engine for this turn.</summary>
    public DialogTexts Texts => DialogTexts.For(Context);

    /// <summary>Finds a dialog here or in a parent context.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    /// <summary>Pushes the dialog <paramref name="dialogId"/> and starts it.</summary>
    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        var dialog = FindDialog(dialogId)
            ?? throw new InvalidOperationException($"Dialog '{dialogId}' was not found in this DialogSet or a parent.");
        _state.DialogStack.Add(new DialogInstance { Id = dialogId });
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a prompt with the given options (the same as <see cref="BeginDialogAsync"/>).</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>
    /// Hands the incoming activity to the active dialog. With an empty stack the result is
    /// <see cref="DialogTurnStatus.Empty"/>, unless the activity is a submit from a prompt card: then the
    /// card is stale (its dialog has ended), the user is told so and the result is <see cref="DialogTurnStatus.Stale"/>.
    /// </summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            if (Parent is null && PromptCard.TryGetCardId(Context.Activity, out _))
            {
                await PromptCard.AnswerStaleAsync(Context, Texts, cancellationToken).ConfigureAwait(false);
                return new DialogTurnResult(DialogTurnStatus.Stale);
            }

            return DialogTurnResult.EmptyResult;
        }

        var dialog = FindActive(active);
        return await dialog.ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);
        var parent = ActiveDialog;
        if (parent is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        return await FindActive(parent).ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the active dialog without resuming its parent and starts <paramref name="dialogId"/> in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every dialog from this stack (each is told it was cancelled).</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (_state.DialogStack.Count == 0)
        {
            return DialogTurnResult.EmptyResult;
        }

        while (_state.DialogStack.Count > 0)
        {
            await PopAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to repeat its question.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is not null)
        {
            await FindActive(active).RepromptDialogAsync(this, active, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PopAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return;
        }

        var dialog = FindDialog(active.Id);
        if (dialog is not null)
        {
            await dialog.EndDialogAsync(this, active, reason, cancellationToken).ConfigureAwait(false);
        }

        // The dialog may have changed the stack itself; remove this instance wherever it is.
        var index = _state.DialogStack.LastIndexOf(active);
        if (index >= 0)
        {
            _state.DialogStack.RemoveAt(index);
        }
    }

    private Dialog FindActive(DialogInstance instance) =>
        FindDialog(instance.Id)
        ?? throw new InvalidOperationException($"The active dialog '{instance.Id}' is no longer registered; was it renamed?");
}
