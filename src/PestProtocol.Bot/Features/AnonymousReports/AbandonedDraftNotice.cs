using System.Text.Json;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// A student who answers a card of "anoniem melden" when no report is open any more (the draft was swept by
/// <see cref="AbandonedDraftRetention"/>, or the report was already sent or stopped) gets a kind explanation instead of
/// the engine's "this card belongs to a finished conversation". Recognised by the flow marker every card of the dialog
/// carries (<see cref="StudentCards.FlowKey"/>); other turns pass untouched.
/// </summary>
public sealed class AbandonedDraftNotice(ConversationState conversationState) : IMiddleware
{
    /// <summary>What the student reads.</summary>
    public const string Text =
        "Deze kaart hoort bij een melding die niet meer open staat. Als je een melding niet afmaakt, gooi ik na een tijdje weg wat je had ingevuld. Zo kan niemand anders het lezen. " +
        "Was je nog niet klaar? Typ dan 'anoniem melden' en begin opnieuw. Heb je je melding wel verstuurd? Typ dan 'status' met je code.";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (IsFlowCardSubmit(turnContext.Activity) && !await FlowIsOpenAsync(turnContext, cancellationToken).ConfigureAwait(false))
        {
            await turnContext.SendActivityAsync(Text, cancellationToken).ConfigureAwait(false);
            return;
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsFlowCardSubmit(Activity activity) =>
        activity.Type == ActivityTypes.Message
        && activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(StudentCards.FlowKey, out var flow)
        && flow.ValueKind == JsonValueKind.String
        && flow.GetString() == StudentCards.FlowValue;

    private async Task<bool> FlowIsOpenAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var key = conversationState.GetStorageKey(turnContext);
        var stored = await conversationState.Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        return stored.TryGetValue(key, out var item) && AnonymousFlowState.IsWaitingIn(item.Document);
    }
}
