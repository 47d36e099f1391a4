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
}
