using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>
/// Changes a card already posted to a recipient (or a channel) in place, at the address stored when it was posted. No
/// stored copy (it went by feed or mail), a deleted message or a blocked chat: nothing to update, the next view refreshes.
/// </summary>
public sealed class AlertCardUpdate(IConnectorClient connector, NotificationRateLimits limits, IOptions<NotificationOptions> options)
{
    public async Task<DeliveryAttempt> UpdateAsync(DeliveryRequest request, AdaptiveCard card, string? knownServiceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(card);
        var message = request.Message;
        var db = request.Services.GetRequiredService<PestProtocolDbContext>();
        var subject = PayloadFields.Read(message.Payload).CaseId;
        var copyId = message.Kind == AlertUpdatePayload.Kind ? PayloadFields.Deserialize<AlertUpdatePayload>(message.Payload).CopyId : null;
        var copy = copyId is { } id
            ? await db.NotificationDeliveries.AsNoTracking()
                .Where(d => d.Id == id && d.SubjectId == subject && d.RecipientId == message.RecipientId && d.ConversationId != null && d.ActivityId != null)
                .Select(d => new { ConversationId = d.ConversationId!, ActivityId = d.ActivityId! })
                .SingleOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false)
            : await db.AlertCards.AsNoTracking()
                .Where(a => a.SubjectId == subject && a.RecipientId == message.RecipientId)
                .Select(a => new { a.ConversationId, a.ActivityId })
                .SingleOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
        if (copy is null)
        {
            return DeliveryAttempt.Sent(DeliveryChannels.Update, null, null, null);
        }

        var reference = request.Reference;
        var serviceUrl = knownServiceUrl
            ?? (reference?.Conversation?.Id == copy.ConversationId && reference?.ServiceUrl is { Length: > 0 } url ? url : options.Value.DefaultServiceUrl);
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.Id = copy.ActivityId;
        await limits.WaitAsync(copy.ConversationId, cancellationToken).ConfigureAwait(false);
        var result = await connector.UpdateActivityAsync(serviceUrl, copy.ConversationId, copy.ActivityId, activity, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess || result.Error!.Kind is ConnectorErrorKind.NotFound or ConnectorErrorKind.MessageWritesBlocked
            ? DeliveryAttempt.Sent(DeliveryChannels.Update, serviceUrl, copy.ConversationId, copy.ActivityId)
            : DeliveryAttempt.From(DeliveryChannels.Update, result.Error);
    }
}
