using System.Text.Json;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// When an anonymous flow ends, the conversation-state document is deleted if it holds nothing but the front door's
/// (now empty) dialog stack, so not even the conversation's key stays behind. Other content is left alone: the
/// popped dialog already took the report's answers with it.
/// </summary>
internal static class ConversationStateCleanup
{
    /// <summary>The property the front door keeps its dialog stack in (see <c>PestProtocolBot</c>).</summary>
    private const string DialogStateProperty = "dialogState";

    public static async Task ForgetIfEmptyAsync(ConversationState conversationState, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var key = conversationState.GetStorageKey(turnContext);
        var stored = await conversationState.Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        var onlyDialogs = !stored.TryGetValue(key, out var item)
            || item.Document.ValueKind != JsonValueKind.Object
            || item.Document.EnumerateObject().All(p => p.Name == DialogStateProperty);
        if (onlyDialogs)
        {
            await conversationState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }
}
