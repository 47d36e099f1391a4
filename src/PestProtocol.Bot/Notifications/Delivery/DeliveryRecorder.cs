using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.Telemetry;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>
/// Writes down what happened to an outbox message, each in one transaction: every attempt as a row of
/// <c>notification_deliveries</c>; a sent message as sent (with the posted card's address, so later changes update it in
/// place); a failed one as pending again after the <see cref="DeliveryFailurePolicy"/>'s backoff, or as failed with the
/// coordinators' <c>delivery-failed</c> messages. Ending a lease is conditional on its token: an instance whose lease
/// ran out cannot overwrite the instance that took the message over.
/// </summary>
public sealed partial class DeliveryRecorder(IServiceScopeFactory scopes, DeliveryFailurePolicy policy, TimeProvider time, BotTelemetry telemetry, ILogger<DeliveryRecorder> logger)
{
    /// <summary>True when an earlier attempt sent it (and recorded that) but did not get to mark it: it must not be sent again.</summary>
    public async Task<bool> WasSentBeforeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        return await db.NotificationDeliveries.AsNoTracking()
            .AnyAsync(d => d.OutboxMessageId == message.Id && d.Outcome == DeliveryOutcomes.Sent, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Marks the message sent; with an <paramref name="attempt"/>, records the delivery and where the card was posted.</summary>
    public async Task SentAsync(OutboxMessage message, string token, DeliveryAttempt? attempt, AdaptiveCard? card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var now = time.GetUtcNow();
        var (caseId, role) = PayloadFields.Read(message.Payload);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (attempt is not null)
        {
            db.NotificationDeliveries.Add(Row(message, caseId, role, attempt.Channel, DeliveryOutcomes.Sent, null, now, attempt.ConversationId, attempt.ActivityId));
            if (card is not null && caseId is { } subject && AlertKinds.PostsCard(message.Kind)
                && attempt.ConversationId is { Length: > 0 } conversationId && attempt.ActivityId is { Length: > 0 } activityId)
            {
                var copy = await db.AlertCards.SingleOrDefaultAsync(a => a.SubjectId == subject && a.RecipientId == message.RecipientId, cancellationToken).ConfigureAwait(false);
                if (copy is null)
                {
                    db.AlertCards.Add(new AlertCardRecord
                    {
                        Id = Guid.CreateVersion7(now),
                        SubjectId = subject,
                        RecipientId = message.RecipientId!,
                        ConversationId = conversationId,
                        ActivityId = activityId,
                        PostedAt = now,
                        UpdatedAt = now,
                    });
                }
                else
                {
                    copy.ConversationId = conversationId;
                    copy.ActivityId = activityId;
                    copy.UpdatedAt = now;
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var marked = await db.OutboxMessages
            .Where(o => o.Id == message.Id && o.LeaseOwner == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OutboxStatus.Sent)
                .SetProperty(o => o.SentAt, now)
                .SetProperty(o => o.Attempts, message.Attempts + 1)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken)
            .ConfigureAwait(false);
        if (marked == 0)
        {
            // The lease ran out while sending and another instance took the message: its delivery row check stops a
            // second send once this commit is visible.
            LogLeaseLost(logger);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a failed attempt; the message becomes pending again after the backoff, or (<paramref name="permanent"/>, or
    /// too many attempts) failed, and then the coordinators are told.
    /// </summary>
    public async Task FailedAsync(OutboxMessage message, string token, string? channel, string outcome, string? errorCode, TimeSpan? retryAfter, bool transient, CancellationToken cancellationToken, bool permanent = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var now = time.GetUtcNow();
        var attempts = message.Attempts + 1;
        var giveUp = policy.GivesUp(attempts, permanent);
        var (caseId, role) = PayloadFields.Read(message.Payload);
        var code = Truncate(errorCode, 100);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.NotificationDeliveries.Add(Row(message, caseId, role, channel ?? "-", giveUp ? DeliveryOutcomes.Failed : outcome, code, now));
        if (giveUp)
        {
            foreach (var notice in await policy.WhoIsToldAsync(scope.ServiceProvider, message, attempts, now, cancellationToken).ConfigureAwait(false))
            {
                var exists = await db.OutboxMessages.AnyAsync(o => o.DedupKey == notice.DedupKey, cancellationToken).ConfigureAwait(false);
                if (!exists)
                {
                    db.OutboxMessages.Add(notice);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var next = now + policy.Backoff(attempts, retryAfter, transient);
        await db.OutboxMessages
            .Where(o => o.Id == message.Id && o.LeaseOwner == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(o => o.Attempts, attempts)
                .SetProperty(o => o.LastErrorCode, code)
                .SetProperty(o => o.NextAttemptAt, next)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (giveUp)
        {
            telemetry.RecordNotificationFailed(channel ?? "none");
            LogGaveUp(logger, message.Kind, attempts, code);
        }
    }

    /// <summary>Records one attempt that is not the end of the message (e.g. the activity feed failed, mail comes next).</summary>
    public async Task AttemptAsync(OutboxMessage message, string channel, string outcome, string? errorCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var (caseId, role) = PayloadFields.Read(message.Payload);
        db.NotificationDeliveries.Add(Row(message, caseId, role, channel, outcome, Truncate(errorCode, 100), time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NotificationDeliveryRecord Row(OutboxMessage message, Guid? caseId, string? role, string channel, string outcome, string? errorCode, DateTimeOffset now, string? conversationId = null, string? activityId = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        OutboxMessageId = message.Id,
        SubjectId = caseId,
        RecipientId = message.RecipientId ?? string.Empty,
        RecipientRole = role,
        Channel = channel,
        Outcome = outcome,
        ErrorCode = errorCode,
        ConversationId = conversationId,
        ActivityId = activityId,
        AttemptedAt = now,
    };

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message was delivered after its lease ran out.")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on a {Kind} message after {Attempts} attempts ({ErrorCode}).")]
    private static partial void LogGaveUp(ILogger logger, string kind, int attempts, string? errorCode);
}
