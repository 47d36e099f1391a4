using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Builds the adaptive card an outbox message becomes for its recipient. One renderer per message kind
/// (e.g. "case-alert", "anonymous-report-alert"); the dispatcher picks it by <see cref="Kind"/>. Also used
/// to rebuild the card when it is updated in place (someone took the case) or refreshed.
/// </summary>
public interface IAlertCardRenderer
{
    string Kind { get; }

    /// <summary>The card for this message and recipient, or null when there is nothing to send any more (e.g. the case was deleted).</summary>
    Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken);
}
