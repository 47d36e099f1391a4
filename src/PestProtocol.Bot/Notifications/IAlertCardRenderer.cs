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

    /// <summary>
    /// The card for this message as it goes to <paramref name="recipient"/> (whose Teams user id, when known, lets a
    /// Universal Actions card refresh itself for them). By default the same as <see cref="RenderAsync(OutboxMessage, CancellationToken)"/>.
    /// </summary>
    Task<AdaptiveCard?> RenderAsync(OutboxMessage message, AlertRecipient recipient, CancellationToken cancellationToken) =>
        RenderAsync(message, cancellationToken);
}

/// <summary>Who an alert card goes to: the Entra object id, and the per-bot Teams user id (<c>29:…</c>) when known.</summary>
public sealed record AlertRecipient(string AadObjectId, string? TeamsUserId);
