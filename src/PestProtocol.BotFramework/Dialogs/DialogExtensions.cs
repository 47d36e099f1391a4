using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.State;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>Running a dialog as the bot's turn handler.</summary>
public static class DialogExtensions
{
    /// <summary>
    /// Continues the active dialog, or (when none is active) begins <paramref name="dialog"/>.
    /// A submit from a card of an ended dialog is answered as stale and begins nothing
    /// (<see cref="DialogTurnStatus.Stale"/>). The stack is read and written through
    /// <paramref name="accessor"/>; saving the state at the end of the turn is the state layer's job.
    /// </summary>
    public static async Task<DialogTurnResult> RunAsync(this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        var set = new DialogSet(accessor).Add(dialog);
        var dc = await set.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Interruption "a new command during a dialog": asks whether to stop <paramref name="currentActivityName"/>
    /// (see <see cref="SwitchDialogConfirmation"/>, which must be in this context's set or a parent's).
    /// When that question is already open, it is replaced by the question for the newer command.
    /// </summary>
    public static Task<DialogTurnResult> AskToSwitchAsync(this DialogContext dc, string targetDialogId, string currentActivityName, object? targetOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var options = new SwitchDialogOptions(targetDialogId, currentActivityName, DialogValues.ToNode(targetOptions));
        return dc.ActiveDialog is { } active && dc.FindDialog(active.Id) is SwitchDialogConfirmation
            ? dc.ReplaceDialogAsync(active.Id, options, cancellationToken)
            : dc.BeginDialogAsync(SwitchDialogConfirmation.DefaultId, options, cancellationToken);
    }
}
