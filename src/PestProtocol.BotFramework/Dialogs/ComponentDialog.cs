namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// A dialog made of dialogs: it has its own <see cref="DialogSet"/> and runs its own stack, stored in
/// its instance on the outer stack (<see cref="DialogInstance.Inner"/>). It ends when its inner stack ends,
/// with the inner result. Override <see cref="OnContinueDialogAsync"/> to handle interruptions
/// (help, stop, another command) before the active inner dialog sees the activity.
/// </summary>
public class ComponentDialog : Dialog
{
    private readonly DialogSet _dialogs = new();

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The inner dialog started by <see cref="BeginDialogAsync"/>; defaults to the first one added.</summary>
    public string? InitialDialogId { get; set; }

    /// <summary>The component's own dialogs.</summary>
    public DialogSet Dialogs => _dialogs;

    /// <summary>Adds an inner dialog (the first one becomes <see cref="InitialDialogId"/> unless set).</summary>
    public ComponentDialog AddDialog(Dialog dialog)
    {
        _dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        instance.Inner = new DialogState();
        var inner = CreateInnerContext(dc, instance);
        var result = await OnBeginDialogAsync(inner, options, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(dc, result, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var inner = CreateInnerContext(dc, dc.ActiveDialog!);
        var result = await OnContinueDialogAsync(inner, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(dc, result, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        // A dialog this component started on the outer stack ended: ask the inner dialog's question again.
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default) =>
        CreateInnerContext(dc, instance).RepromptDialogAsync(cancellationToken);

    public override async Task EndDialogAsync(DialogContext dc, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled && instance.Inner is { DialogStack.Count: > 0 })
        {
            await CreateInnerContext(dc, instance).CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the inner stack. Default: begin <see cref="InitialDialogId"/> with the options.</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var initial = InitialDialogId ?? throw new InvalidOperationException($"Component '{Id}' has no dialogs.");
        return innerDc.BeginDialogAsync(initial, options, cancellationToken);
    }

    /// <summary>
    /// The user sent something. Default: continue the active inner dialog. Override to intercept
    /// commands first (e.g. "help" → send help, <c>innerDc.RepromptDialogAsync()</c>, return
    /// <see cref="DialogTurnResult.EndOfTurn"/>; "stop" → <c>innerDc.CancelAllDialogsAsync()</c>).
    /// </summary>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>The inner stack ended (or was cancelled): end this component with <paramref name="result"/>.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext dc, DialogTurnResult result, CancellationToken cancellationToken)
    {
        if (result.Status is DialogTurnStatus.Waiting or DialogTurnStatus.Stale)
        {
            return result;
        }

        var ended = await EndComponentAsync(dc, result.Result, cancellationToken).ConfigureAwait(false);
        // A cancel inside that empties the whole stack is reported as a cancel, not as a completion.
        return result.Status == DialogTurnStatus.Cancelled && ended.Status == DialogTurnStatus.Complete
            ? new DialogTurnResult(DialogTurnStatus.Cancelled)
            : ended;
    }

    private DialogContext CreateInnerContext(DialogContext dc, DialogInstance instance)
    {
        instance.Inner ??= new DialogState();
        instance.Inner.DialogStack ??= [];
        return new DialogContext(_dialogs, dc.Context, instance.Inner) { Parent = dc };
    }
}
