using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>
/// The owner's card "Hoe gaat het met …?" from a <see cref="FollowUpReminderPayload"/>, built from the case at sending time;
/// nothing is sent when the follow-up was answered meanwhile.
/// </summary>
public sealed class FollowUpReminderCardRenderer(ICaseStore cases, FollowUpViews views) : IAlertCardRenderer
{
    public string Kind => FollowUpReminderPayload.Kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = System.Text.Json.JsonSerializer.Deserialize<FollowUpReminderPayload>(message.Payload, System.Text.Json.JsonSerializerOptions.Web);
        if (payload is null || await views.LoadAsync(cases, payload.CaseId, cancellationToken).ConfigureAwait(false) is not { } loaded)
        {
            return null;
        }

        return FollowUpCards.Reminder(loaded.View);
    }
}

/// <summary>The coordinator's card from a <see cref="FollowUpOverduePayload"/>; nothing is sent when the follow-up was answered meanwhile.</summary>
public sealed class FollowUpOverdueCardRenderer(ICaseStore cases, FollowUpViews views) : IAlertCardRenderer
{
    public string Kind => FollowUpOverduePayload.Kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = System.Text.Json.JsonSerializer.Deserialize<FollowUpOverduePayload>(message.Payload, System.Text.Json.JsonSerializerOptions.Web);
        if (payload is null || await views.LoadAsync(cases, payload.CaseId, cancellationToken).ConfigureAwait(false) is not { } loaded)
        {
            return null;
        }

        var reminded = loaded.Case.Dossier.LastOrDefault(e => e.Kind == DossierEntryKind.FollowUpReminderSent)?.RecordedAt ?? loaded.View.PlannedDay;
        return FollowUpCards.Overdue(loaded.View, reminded);
    }
}

/// <summary>
/// Routes D and E: the card for one bully followed from a <see cref="FollowUpBullyReminderPayload"/>, built at sending
/// time; nothing is sent when his follow-up was answered meanwhile or the case no longer waits for one.
/// </summary>
public sealed class FollowUpBullyReminderCardRenderer(ICaseStore cases, FollowUpViews views) : IAlertCardRenderer
{
    public string Kind => FollowUpBullyReminderPayload.Kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = System.Text.Json.JsonSerializer.Deserialize<FollowUpBullyReminderPayload>(message.Payload, System.Text.Json.JsonSerializerOptions.Web);
        if (payload is null || await views.LoadAsync(cases, payload.CaseId, cancellationToken).ConfigureAwait(false) is not { } loaded)
        {
            return null;
        }

        var bully = await views.BullyAsync(loaded.Case, loaded.View.CaseCode, payload.BullyRef, cancellationToken).ConfigureAwait(false);
        return bully is null ? null : FollowUpCards.BullyReminder(bully);
    }
}
