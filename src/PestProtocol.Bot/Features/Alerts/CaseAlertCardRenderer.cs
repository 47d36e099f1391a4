using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>Renders outbox messages of kind <c>case-alert</c> (<see cref="CaseAlertPayload"/>) as the alert card.</summary>
public sealed class CaseAlertCardRenderer(CaseAlertViews views) : IAlertCardRenderer
{
    public string Kind => CaseAlertPayload.Kind;

    public Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        RenderAsync(message, new AlertRecipient(message?.RecipientId ?? string.Empty, null), cancellationToken);

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, AlertRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipient);
        var payload = PayloadFields.Deserialize<CaseAlertPayload>(message.Payload);
        var view = await views.LoadAsync(payload.CaseId, payload.EntryId, payload.RecipientRole, RefreshIds(recipient), cancellationToken).ConfigureAwait(false);
        return view is null ? null : CaseAlertCard.Build(view);
    }

    internal static IReadOnlyList<string> RefreshIds(AlertRecipient recipient) =>
        recipient.TeamsUserId is { Length: > 0 } id ? [id] : [];
}

/// <summary>Renders outbox messages of kind <c>alert-update</c>: the current alert card that replaces a posted copy.</summary>
public sealed class AlertUpdateCardRenderer(CaseAlertViews views) : IAlertCardRenderer
{
    public string Kind => AlertUpdatePayload.Kind;

    public Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        RenderAsync(message, new AlertRecipient(message?.RecipientId ?? string.Empty, null), cancellationToken);

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, AlertRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipient);
        var payload = PayloadFields.Deserialize<AlertUpdatePayload>(message.Payload);
        var view = await views.LoadAsync(payload.CaseId, payload.EntryId, payload.RecipientRole, CaseAlertCardRenderer.RefreshIds(recipient), cancellationToken).ConfigureAwait(false);
        return view is null ? null : CaseAlertCard.Build(view);
    }
}
