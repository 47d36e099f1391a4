using PestProtocol.Bot.Bots;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// "status &lt;code&gt;": sends the card that asks the passphrase (and the code, when none was typed) and ends at once.
/// Nothing is kept in dialog state, so the conversation is never linked to a report: the card's button goes to
/// <see cref="StudentReportActionHandler"/>.
/// </summary>
public sealed class AnonymousStatusDialog(ConversationState conversationState) : Dialog(DialogId)
{
    /// <summary>The dialog id the command begins.</summary>
    public const string DialogId = "anonymous-status";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var argument = (options as CommandOptions)?.Argument ?? DialogValues.ToNode(options)?["argument"]?.GetValue<string>();
        var code = ReportCredentials.NormalizeCode(argument);
        if (!string.IsNullOrWhiteSpace(argument) && code is null)
        {
            await dc.Context.SendActivityAsync("Die code ken ik niet in deze vorm. Een code ziet eruit als K7M-4QX. Vul hieronder je code en wachtwoord in.", cancellationToken).ConfigureAwait(false);
        }

        var card = StudentCards.Unlock(code is null ? null : ReportCredentials.ShowCode(code));
        await dc.Context.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken).ConfigureAwait(false);
        var ended = await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        if (dc.Parent is null && dc.ActiveDialog is null)
        {
            await ConversationStateCleanup.ForgetIfEmptyAsync(conversationState, dc.Context, cancellationToken).ConfigureAwait(false);
        }

        return ended;
    }
}
