using System.Globalization;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// A root dialog for a command-driven bot, with the interruptions users expect at every step:
/// <list type="bullet">
/// <item>a command (e.g. "melding", also "/melding") starts its dialog;</item>
/// <item>"help" sends <see cref="DialogTexts.Help"/> (override <see cref="OnHelpAsync"/>) and asks the current question again;</item>
/// <item>"stop"/"annuleer" cancels every dialog and confirms it (<see cref="DialogTexts.Stopped"/>, override <see cref="OnStoppedAsync"/>);</item>
/// <item>another command during a dialog asks "Wil je stoppen met …?" (<see cref="SwitchDialogConfirmation"/>):
/// yes starts the new command, no asks the old question again.</item>
/// </list>
/// Run it with <see cref="DialogExtensions.RunAsync"/>; add the command dialogs with <see cref="AddCommand"/>.
/// </summary>
public class CommandDialog : ComponentDialog
{
    private readonly Dictionary<string, (string DialogId, string Name)> _commands = new(StringComparer.OrdinalIgnoreCase);

    public CommandDialog(string dialogId)
        : base(dialogId)
    {
        AddDialog(new SwitchDialogConfirmation());
    }

    /// <summary>Words that ask for help (compared case-insensitively).</summary>
    public ISet<string> HelpWords { get; } = new HashSet<string>(["help", "hulp", "?"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that stop every dialog.</summary>
    public ISet<string> StopWords { get; } = new HashSet<string>(["stop", "stoppen", "annuleer", "annuleren"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Makes <paramref name="command"/> start <paramref name="dialog"/>. <paramref name="activityName"/> names
    /// what the user is doing in that dialog, as it fits "Wil je stoppen met {0}?" (e.g. "de melding").
    /// </summary>
    public CommandDialog AddCommand(string command, Dialog dialog, string activityName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(dialog);
        if (Dialogs.Find(dialog.Id) is null)
        {
            AddDialog(dialog);
        }

        _commands.Add(command, (dialog.Id, activityName));
        return this;
    }

    /// <summary>The command a message names, or null. Trims, ignores case and a leading '/'.</summary>
    public string? FindCommand(string? text)
    {
        var word = Normalize(text);
        return word is not null && _commands.ContainsKey(word) ? word : null;
    }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var word = Normalize(innerDc.Context.Activity.Text);
        if (word is not null && _commands.TryGetValue(word, out var command))
        {
            return await innerDc.BeginDialogAsync(command.DialogId, options, cancellationToken).ConfigureAwait(false);
        }

        await OnUnknownCommandAsync(innerDc, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var word = Normalize(innerDc.Context.Activity.Text);
        if (word is null || innerDc.ActiveDialog is null)
        {
            return await base.OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
        }

        if (HelpWords.Contains(word))
        {
            await OnHelpAsync(innerDc, cancellationToken).ConfigureAwait(false);
            await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return DialogTurnResult.EndOfTurn;
        }

        if (StopWords.Contains(word))
        {
            await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            await OnStoppedAsync(innerDc, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Cancelled);
        }

        if (_commands.TryGetValue(word, out var requested))
        {
            var current = _commands.Values.FirstOrDefault(c => c.DialogId == innerDc.Stack[0].Id);
            return await innerDc.AskToSwitchAsync(requested.DialogId, current.Name ?? innerDc.Stack[0].Id, null, cancellationToken).ConfigureAwait(false);
        }

        return await base.OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the help text. Override for help that depends on the step.</summary>
    protected virtual Task OnHelpAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.Context.SendActivityAsync(innerDc.Texts.Help, cancellationToken);
    }

    /// <summary>Confirms that everything stopped.</summary>
    protected virtual Task OnStoppedAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.Context.SendActivityAsync(innerDc.Texts.Stopped, cancellationToken);
    }

    /// <summary>No dialog runs and the message is no command: lists the commands.</summary>
    protected virtual Task OnUnknownCommandAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var text = string.Format(CultureInfo.InvariantCulture, innerDc.Texts.UnknownCommand, string.Join(", ", _commands.Keys));
        return innerDc.Context.SendActivityAsync(text, cancellationToken);
    }

    private static string? Normalize(string? text)
    {
        var word = text?.Trim().TrimStart('/').Trim();
        return string.IsNullOrEmpty(word) ? null : word;
    }
}
