using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Features.Alerts;
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

    /// <summary>
    /// The case's version now (<c>cases.version</c>, raised by every save), or null when the case is gone. The dispatcher
    /// reads it before it renders a case alert card: the card shows this version or a later one.
    /// </summary>
    public async Task<int?> CaseVersionAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        return await ReadCaseVersionAsync(db, caseId, forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the message sent; with an <paramref name="attempt"/>, records the delivery and where the card was posted.
    /// With <paramref name="renderedFromVersion"/> (a case alert card, and the case's version read before it was rendered),
    /// it reads the case's version again in this transaction, holding the case row's lock, and when the case moved on it
    /// plans an <c>alert-update</c> for the copy just recorded (see <see cref="AlertRefreshPlanner"/>'s remarks).
    /// </summary>
    public async Task SentAsync(OutboxMessage message, string token, DeliveryAttempt? attempt, AdaptiveCard? card, CancellationToken cancellationToken, int? renderedFromVersion = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var now = time.GetUtcNow();
        var (caseId, role) = PayloadFields.Read(message.Payload);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (attempt is not null)
        {
            var delivery = Row(message, caseId, role, attempt.Channel, DeliveryOutcomes.Sent, null, now, attempt.ConversationId, attempt.ActivityId);
            db.NotificationDeliveries.Add(delivery);
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
            if (renderedFromVersion is { } rendered && caseId is { } moved && message.Kind == CaseAlertPayload.Kind
                && delivery.ConversationId is { Length: > 0 } && delivery.ActivityId is { Length: > 0 } && message.RecipientId is { Length: > 0 } recipient)
            {
                await PlanLateUpdateAsync(db, message, moved, rendered, delivery.Id, recipient, now, cancellationToken).ConfigureAwait(false);
            }
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

    /// <summary>The card just recorded was rendered from <paramref name="renderedFromVersion"/>: if the case moved on since, plan its update.</summary>
    private async Task PlanLateUpdateAsync(PestProtocolDbContext db, OutboxMessage message, Guid caseId, int renderedFromVersion, Guid copyId, string recipientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await ReadCaseVersionAsync(db, caseId, forUpdate: true, cancellationToken).ConfigureAwait(false);
        if (current is not { } version || version == renderedFromVersion)
        {
            return;
        }

        var update = AlertRefreshPlanner.LateUpdate(PayloadFields.Deserialize<CaseAlertPayload>(message.Payload), copyId, recipientId, now);
        if (!await db.OutboxMessages.AnyAsync(o => o.DedupKey == update.DedupKey, cancellationToken).ConfigureAwait(false))
        {
            db.OutboxMessages.Add(update);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogLateUpdate(logger);
        }
    }

    /// <summary>
    /// <c>cases.version</c> of one case. With <paramref name="forUpdate"/> on PostgreSQL the row is locked to the end of the
    /// transaction (<c>FOR UPDATE</c>, the lock a step's UPDATE takes); SQLite's write transaction already holds the database.
    /// </summary>
    private static async Task<int?> ReadCaseVersionAsync(PestProtocolDbContext db, Guid caseId, bool forUpdate, CancellationToken cancellationToken)
    {
        var session = await SqlSession.OpenAsync(db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var command = session.Command(forUpdate && session.Sql.IsPostgres ? CaseVersionForUpdateSql : CaseVersionSql);
            await using (command.ConfigureAwait(false))
            {
                session.Sql.AddGuid(command, "@id", caseId);
                var value = await SqlSession.ScalarAsync(command, cancellationToken).ConfigureAwait(false);
                return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The version read of <see cref="ReadCaseVersionAsync"/>; tests wait on this text in the SQL trace.</summary>
    internal const string CaseVersionSql = "SELECT version FROM cases WHERE id = @id";

    internal const string CaseVersionForUpdateSql = CaseVersionSql + " FOR UPDATE";

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

    [LoggerMessage(Level = LogLevel.Information, Message = "An alert card was posted while its case moved on; its update is planned.")]
    private static partial void LogLateUpdate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message was delivered after its lease ran out.")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on a {Kind} message after {Attempts} attempts ({ErrorCode}).")]
    private static partial void LogGaveUp(ILogger logger, string kind, int attempts, string? errorCode);
}
