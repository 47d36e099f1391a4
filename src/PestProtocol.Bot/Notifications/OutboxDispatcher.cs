using PestProtocol.Bot.Telemetry;
using PestProtocol.Bot.Cards.Alerts;
using PestProtocol.Bot.TeamChannels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Sends the outbox. Each poll leases a batch of due messages (safe with several instances on one database: a row is
/// leased by a conditional UPDATE that only one instance can win), renders each card and delivers it: into the
/// recipient's stored chat; else after installing the app for them (Graph) into the app's chat; else (blocked, not
/// allowed) through the Teams activity feed, and then by mail. Transient failures are retried with exponential backoff
/// and jitter, honouring Retry-After; after <see cref="NotificationOptions.MaxAttempts"/> the message is Failed and the
/// location's coordinators get a <c>delivery-failed</c> message. Every attempt is written to <c>notification_deliveries</c>.
/// A message for <c>channel:{locationId}</c> (<see cref="ChannelRecipient"/>) starts a new thread in the location's
/// coordinators' channel (or updates the posted one in place) with the channel card, which names no student.
/// <para>
/// The one remaining duplicate window: a POST that was sent but got no answer (attempt timeout, broken connection) is
/// not retried by the connector client (<see cref="ConnectorErrorKind.OutcomeUnknown"/>); it is recorded here with
/// outcome <c>unknown</c> and sent again after the backoff. If Teams did process the first POST, the recipient sees the
/// alert twice: the Connector API has no idempotency key to prevent that.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IConnectorClient connector,
    ITeamsGraph graph,
    NotificationRateLimits limits,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    OutboxDepth depth,
    BotTelemetry telemetry,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly NotificationOptions _options = options.Value;
    private readonly string _instance = options.Value.InstanceName is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex.GetType().Name);
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Leases one batch of due messages and delivers them; returns how many were leased.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var (token, batch) = await LeaseAsync(cancellationToken).ConfigureAwait(false);
        foreach (var message in batch)
        {
            try
            {
                await DeliverAsync(message, token, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // A bug or an unreadable payload: count it as a failed attempt so it cannot block the queue.
                LogDeliveryCrashed(logger, message.Kind, ex.GetType().Name);
                await RecordFailureAsync(message, token, null, DeliveryOutcomes.Retry, "Error:" + ex.GetType().Name, null, transient: true, cancellationToken).ConfigureAwait(false);
            }
        }

        return batch.Count;
    }

    private async Task<(string Token, IReadOnlyList<OutboxMessage> Batch)> LeaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var now = time.GetUtcNow();
        depth.Set(await db.OutboxMessages.LongCountAsync(o => o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Sending, cancellationToken).ConfigureAwait(false));
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(o => (o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now) || (o.Status == OutboxStatus.Sending && o.LeaseUntil < now))
            .OrderBy(o => o.NextAttemptAt)
            .Select(o => o.Id)
            .Take(Math.Max(1, _options.BatchSize))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return (string.Empty, []);
        }

        // The condition is repeated in the UPDATE itself: SQLite runs one writer at a time, and PostgreSQL re-checks the
        // WHERE of a row another transaction changed meanwhile, so a row is leased by exactly one instance.
        var token = $"{_instance}:{Guid.NewGuid():N}";
        var until = now + _options.LeaseDuration;
        await db.OutboxMessages
            .Where(o => candidates.Contains(o.Id)
                && ((o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now) || (o.Status == OutboxStatus.Sending && o.LeaseUntil < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sending).SetProperty(o => o.LeaseOwner, token).SetProperty(o => o.LeaseUntil, until), cancellationToken)
            .ConfigureAwait(false);
        var leased = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.LeaseOwner == token && o.Status == OutboxStatus.Sending)
            .OrderBy(o => o.NextAttemptAt)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return (token, leased);
    }

    private async Task DeliverAsync(OutboxMessage message, string token, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PestProtocolDbContext>();

        // A previous attempt sent it and recorded the send, but did not get to mark it: do not send again.
        var earlier = await db.NotificationDeliveries.AsNoTracking()
            .AnyAsync(d => d.OutboxMessageId == message.Id && d.Outcome == DeliveryOutcomes.Sent, cancellationToken)
            .ConfigureAwait(false);
        if (earlier)
        {
            await MarkSentAsync(db, message, token, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ChannelRecipient.TryGetLocation(message.RecipientId, out var locationId))
        {
            await DeliverToChannelAsync(services, db, message, token, locationId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrWhiteSpace(message.RecipientId))
        {
            await RecordFailureAsync(message, token, null, DeliveryOutcomes.Failed, "NoRecipient", null, transient: false, cancellationToken, giveUpNow: true).ConfigureAwait(false);
            return;
        }

        var renderer = services.GetServices<IAlertCardRenderer>().FirstOrDefault(r => string.Equals(r.Kind, message.Kind, StringComparison.Ordinal));
        if (renderer is null)
        {
            await RecordFailureAsync(message, token, null, DeliveryOutcomes.Failed, "NoRenderer", null, transient: false, cancellationToken, giveUpNow: true).ConfigureAwait(false);
            return;
        }

        var references = services.GetRequiredService<IConversationReferenceStore>();
        var reference = await references.FindAsync(message.RecipientId, cancellationToken).ConfigureAwait(false);
        var recipient = new AlertRecipient(message.RecipientId, reference?.User?.Id);
        var card = await renderer.RenderAsync(message, recipient, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            // Nothing to send any more (the case is gone): done.
            await MarkSentAsync(db, message, token, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var outcome = AlertKinds.UpdatesInPlace(message.Kind)
            ? await UpdateCopyAsync(db, message, card, reference, cancellationToken).ConfigureAwait(false)
            : await SendAsync(services, message, card, reference, cancellationToken).ConfigureAwait(false);
        await FinishAsync(db, message, token, outcome, card, cancellationToken).ConfigureAwait(false);
    }

    private async Task FinishAsync(PestProtocolDbContext db, OutboxMessage message, string token, Attempt outcome, AdaptiveCard card, CancellationToken cancellationToken)
    {
        if (outcome.Delivered)
        {
            await MarkSentAsync(db, message, token, outcome, card, cancellationToken).ConfigureAwait(false);
            return;
        }

        // OutcomeUnknown: the POST went out and no answer came. Sending again later may show it twice (see the class remarks).
        var recorded = outcome.Error?.Kind == ConnectorErrorKind.OutcomeUnknown ? DeliveryOutcomes.Unknown : DeliveryOutcomes.Retry;
        await RecordFailureAsync(message, token, outcome.Channel, recorded, outcome.ErrorCode, outcome.RetryAfter, outcome.Transient, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The coordinators' channel copy: a new thread for an alert, an in-place update for an update.</summary>
    private async Task DeliverToChannelAsync(IServiceProvider services, PestProtocolDbContext db, OutboxMessage message, string token, string locationId, CancellationToken cancellationToken)
    {
        var channel = await services.GetRequiredService<ICoordinatorsChannels>().FindAsync(locationId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            // Unlinked since it was planned: nothing to post.
            await RecordFailureAsync(message, token, DeliveryChannels.TeamsChannel, DeliveryOutcomes.Failed, "NoChannel", null, transient: false, cancellationToken, giveUpNow: true).ConfigureAwait(false);
            return;
        }

        var card = await services.GetRequiredService<ChannelAlertCardRenderer>().RenderAsync(message, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            await MarkSentAsync(db, message, token, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var outcome = AlertKinds.UpdatesInPlace(message.Kind)
            ? await UpdateCopyAsync(db, message, card, null, cancellationToken, channel.ServiceUrl).ConfigureAwait(false)
            : await PostToChannelAsync(channel, card, cancellationToken).ConfigureAwait(false);
        await FinishAsync(db, message, token, outcome, card, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Attempt> PostToChannelAsync(CoordinatorsChannel channel, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.Summary = "Nieuwe melding in PestProtocol";
        var bot = string.IsNullOrWhiteSpace(_options.BotId) ? null : new ChannelAccount { Id = _options.BotId, Name = _options.BotName };
        await limits.WaitAsync(channel.ChannelId, cancellationToken).ConfigureAwait(false);
        var result = await connector.CreateChannelThreadAsync(channel.ServiceUrl, bot, channel.TeamId, channel.ChannelId, channel.TenantId ?? string.Empty, activity, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return Attempt.From(DeliveryChannels.TeamsChannel, result.Error!);
        }

        // The thread's conversation id (19:…;messageid=…) and the posted message's id, to update the copy in place.
        var thread = result.Value!;
        return thread.Id is { Length: > 0 } id
            ? Attempt.Sent(DeliveryChannels.TeamsChannel, channel.ServiceUrl, id, thread.ActivityId ?? MessageIdOf(id))
            : Attempt.Failure(DeliveryChannels.TeamsChannel, "NoConversationId", transient: false);
    }

    /// <summary>The root message id in a channel thread id <c>19:…@thread.tacv2;messageid=1712…</c>.</summary>
    private static string? MessageIdOf(string threadId)
    {
        const string marker = ";messageid=";
        var at = threadId.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : threadId[(at + marker.Length)..];
    }

    private async Task<Attempt> SendAsync(IServiceProvider services, OutboxMessage message, AdaptiveCard card, ConversationReference? reference, CancellationToken cancellationToken)
    {
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.Summary = "Nieuwe melding in PestProtocol";
        Attempt? last = null;

        // a. The stored chat.
        if (reference?.Conversation?.Id is { Length: > 0 } conversationId && reference.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            var sent = await SendToAsync(DeliveryChannels.Chat, serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
            if (sent.Delivered || sent.Error is { IsTransient: true })
            {
                return sent;
            }

            last = sent;
        }

        // b. No chat (or it is gone): install the app for the user and use the app's chat.
        if (last?.Error?.Kind is not (ConnectorErrorKind.MessageWritesBlocked or ConnectorErrorKind.BotDisabledByAdmin))
        {
            var installed = await SendThroughInstallAsync(message.RecipientId!, activity, cancellationToken).ConfigureAwait(false);
            if (installed.Delivered || installed.Transient)
            {
                return installed;
            }

            last = installed;
        }

        // c. Blocked or not allowed: the activity feed, then mail. No personal data in either.
        var fallback = await SendFallbackAsync(services, message, cancellationToken).ConfigureAwait(false);
        return fallback.Delivered ? fallback : fallback with { Transient = fallback.Transient || (last?.Transient ?? false) };
    }

    private async Task<Attempt> SendToAsync(string channel, string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        await limits.WaitAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var result = await connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? Attempt.Sent(channel, serviceUrl, conversationId, result.Value?.Id)
            : Attempt.From(channel, result.Error!);
    }

    private async Task<Attempt> SendThroughInstallAsync(string userId, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.TeamsAppCatalogId))
        {
            return Attempt.Failure(DeliveryChannels.InstalledChat, "NoCatalogAppId", transient: false);
        }

        string chatId;
        try
        {
            await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            var installationId = await graph.InstallAppForUserAsync(userId, _options.TeamsAppCatalogId, cancellationToken).ConfigureAwait(false);
            try
            {
                await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
                chatId = await graph.GetInstalledAppChatIdAsync(userId, installationId, cancellationToken).ConfigureAwait(false);
            }
            catch (TeamsGraphException ex) when (!ex.IsTransient)
            {
                // The installed app's chat is not readable: open the 1:1 chat through the connector with the Entra id.
                var created = await CreateChatAsync(userId, cancellationToken).ConfigureAwait(false);
                if (!created.Delivered)
                {
                    return created;
                }

                chatId = created.ConversationId!;
            }
        }
        catch (TeamsGraphException ex)
        {
            return Attempt.Failure(DeliveryChannels.InstalledChat, GraphCode(ex), ex.IsTransient, ex.RetryAfter);
        }

        return await SendToAsync(DeliveryChannels.InstalledChat, _options.DefaultServiceUrl, chatId, activity, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Attempt> CreateChatAsync(string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.BotId) || string.IsNullOrWhiteSpace(_options.TenantId))
        {
            return Attempt.Failure(DeliveryChannels.InstalledChat, "NoBotIdOrTenant", transient: false);
        }

        await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
        var result = await connector.CreatePersonalConversationAsync(
            _options.DefaultServiceUrl, new ChannelAccount { Id = _options.BotId, Name = _options.BotName }, userId, _options.TenantId, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess && result.Value?.Id is { Length: > 0 } id
            ? Attempt.Sent(DeliveryChannels.InstalledChat, _options.DefaultServiceUrl, id, null)
            : Attempt.From(DeliveryChannels.InstalledChat, result.Error ?? new ConnectorError(ConnectorErrorKind.Other, 200, null, null));
    }

    private async Task<Attempt> SendFallbackAsync(IServiceProvider services, OutboxMessage message, CancellationToken cancellationToken)
    {
        var userId = message.RecipientId!;
        var notice = FeedNotice(message);
        var feedTransient = false;
        try
        {
            await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            await graph.SendActivityNotificationAsync(userId, notice, cancellationToken).ConfigureAwait(false);
            return Attempt.Sent(DeliveryChannels.ActivityFeed, null, null, null);
        }
        catch (TeamsGraphException ex)
        {
            feedTransient = ex.IsTransient;
            await RecordAttemptAsync(message, DeliveryChannels.ActivityFeed, DeliveryOutcomes.Fallback, GraphCode(ex), cancellationToken).ConfigureAwait(false);
        }

        var person = await services.GetRequiredService<IDirectory>().FindPersonAsync(userId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(_options.MailSender) || person?.Email is not { Length: > 0 } address)
        {
            return Attempt.Failure(DeliveryChannels.Mail, "NoMailAddress", feedTransient);
        }

        try
        {
            await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            await graph.SendMailAsync(_options.MailSender, userId, address, MailSubject, MailBody(), cancellationToken).ConfigureAwait(false);
            return Attempt.Sent(DeliveryChannels.Mail, null, null, null);
        }
        catch (TeamsGraphException ex)
        {
            return Attempt.Failure(DeliveryChannels.Mail, GraphCode(ex), ex.IsTransient || feedTransient, ex.RetryAfter);
        }
    }

    private async Task<Attempt> UpdateCopyAsync(PestProtocolDbContext db, OutboxMessage message, AdaptiveCard card, ConversationReference? reference, CancellationToken cancellationToken, string? knownServiceUrl = null)
    {
        var subject = PayloadFields.Read(message.Payload).CaseId;
        var copy = await db.AlertCards.AsNoTracking()
            .SingleOrDefaultAsync(a => a.SubjectId == subject && a.RecipientId == message.RecipientId, cancellationToken)
            .ConfigureAwait(false);
        if (copy is null)
        {
            // No copy was posted (it went by feed or mail): nothing to update.
            return Attempt.Sent(DeliveryChannels.Update, null, null, null);
        }

        var serviceUrl = knownServiceUrl
            ?? (reference?.Conversation?.Id == copy.ConversationId && reference?.ServiceUrl is { Length: > 0 } url ? url : _options.DefaultServiceUrl);
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.Id = copy.ActivityId;
        await limits.WaitAsync(copy.ConversationId, cancellationToken).ConfigureAwait(false);
        var result = await connector.UpdateActivityAsync(serviceUrl, copy.ConversationId, copy.ActivityId, activity, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess || result.Error!.Kind is ConnectorErrorKind.NotFound or ConnectorErrorKind.MessageWritesBlocked)
        {
            // A deleted message or a blocked chat cannot be updated; the next view refreshes anyway.
            return Attempt.Sent(DeliveryChannels.Update, serviceUrl, copy.ConversationId, copy.ActivityId);
        }

        return Attempt.From(DeliveryChannels.Update, result.Error);
    }

    private async Task MarkSentAsync(PestProtocolDbContext db, OutboxMessage message, string token, Attempt? outcome, AdaptiveCard? card, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (caseId, role) = PayloadFields.Read(message.Payload);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (outcome is not null)
        {
            db.NotificationDeliveries.Add(new NotificationDeliveryRecord
            {
                Id = Guid.CreateVersion7(now),
                OutboxMessageId = message.Id,
                SubjectId = caseId,
                RecipientId = message.RecipientId ?? string.Empty,
                RecipientRole = role,
                Channel = outcome.Channel,
                Outcome = DeliveryOutcomes.Sent,
                ConversationId = outcome.ConversationId,
                ActivityId = outcome.ActivityId,
                AttemptedAt = now,
            });

            if (card is not null && caseId is { } subject && AlertKinds.PostsCard(message.Kind)
                && outcome.ConversationId is { Length: > 0 } conversationId && outcome.ActivityId is { Length: > 0 } activityId)
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
        db.ChangeTracker.Clear();
    }

    private async Task RecordFailureAsync(OutboxMessage message, string token, string? channel, string outcome, string? errorCode, TimeSpan? retryAfter, bool transient, CancellationToken cancellationToken, bool giveUpNow = false)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var now = time.GetUtcNow();
        var attempts = message.Attempts + 1;
        var giveUp = giveUpNow || attempts >= Math.Max(1, _options.MaxAttempts);
        var (caseId, role) = PayloadFields.Read(message.Payload);
        var code = Truncate(errorCode, 100);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.NotificationDeliveries.Add(new NotificationDeliveryRecord
        {
            Id = Guid.CreateVersion7(now),
            OutboxMessageId = message.Id,
            SubjectId = caseId,
            RecipientId = message.RecipientId ?? string.Empty,
            RecipientRole = role,
            Channel = channel ?? "-",
            Outcome = giveUp ? DeliveryOutcomes.Failed : outcome,
            ErrorCode = code,
            AttemptedAt = now,
        });

        // The channel copy is extra: its coordinators have their own copies, so a channel that cannot be reached is only
        // shown in the delivery log, not sent to them as a failure notice.
        if (giveUp && message.Kind != DeliveryFailedPayload.Kind && message.RecipientId is { Length: > 0 } failedRecipient
            && !ChannelRecipient.TryGetLocation(failedRecipient, out _))
        {
            foreach (var notice in await PlanDeliveryFailedAsync(scope.ServiceProvider, message, failedRecipient, caseId, role, attempts, now, cancellationToken).ConfigureAwait(false))
            {
                var exists = await db.OutboxMessages.AnyAsync(o => o.DedupKey == notice.DedupKey, cancellationToken).ConfigureAwait(false);
                if (!exists)
                {
                    db.OutboxMessages.Add(notice);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var next = now + Backoff(attempts, retryAfter, transient);
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

    private async Task RecordAttemptAsync(OutboxMessage message, string channel, string outcome, string? errorCode, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var now = time.GetUtcNow();
        var (caseId, role) = PayloadFields.Read(message.Payload);
        db.NotificationDeliveries.Add(new NotificationDeliveryRecord
        {
            Id = Guid.CreateVersion7(now),
            OutboxMessageId = message.Id,
            SubjectId = caseId,
            RecipientId = message.RecipientId ?? string.Empty,
            RecipientRole = role,
            Channel = channel,
            Outcome = outcome,
            ErrorCode = Truncate(errorCode, 100),
            AttemptedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<OutboxMessage>> PlanDeliveryFailedAsync(
        IServiceProvider services, OutboxMessage message, string failedRecipient, Guid? caseId, string? role, int attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (caseId is null)
        {
            return [];
        }

        var summary = await services.GetRequiredService<ICaseStore>().GetSummaryAsync(caseId.Value, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return [];
        }

        var coordinators = await services.GetRequiredService<IDirectory>()
            .GetRoleHoldersAsync(summary.LocationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false);
        StaffRole? failedRole = Enum.TryParse<StaffRole>(role, out var parsed) ? parsed : null;
        return [.. coordinators
            .Where(c => !string.Equals(c.Id, failedRecipient, StringComparison.OrdinalIgnoreCase))
            .Select(c => OutboxMessage.Create(
                DeliveryFailedPayload.Kind,
                $"{DeliveryFailedPayload.Kind}:{message.Id:N}:{c.Id}",
                new DeliveryFailedPayload(caseId, failedRecipient, failedRole, message.Id, attempts),
                c.Id,
                now))];
    }

    /// <summary>Exponential backoff with equal jitter, never shorter than Retry-After.</summary>
    private TimeSpan Backoff(int attempts, TimeSpan? retryAfter, bool transient)
    {
        var exponent = Math.Min(attempts - 1 + (transient ? 0 : 2), 20);
        var ceiling = Math.Min(_options.BackoffMax.TotalMilliseconds, _options.BackoffBase.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
        return retryAfter is { } wait && wait > delay ? wait : delay;
    }

    private ActivityFeedNotice FeedNotice(OutboxMessage message)
    {
        var anonymous = message.Kind.Contains("anon", StringComparison.OrdinalIgnoreCase);
        var parameters = new Dictionary<string, string>();
        if (!anonymous)
        {
            parameters["melder"] = "PestProtocol";
        }

        return new ActivityFeedNotice(
            anonymous ? "anoniemeMelding" : "nieuweMelding",
            "PestProtocol",
            _options.TeamsAppLink,
            "Er is een nieuwe melding voor je in PestProtocol.",
            parameters);
    }

    private const string MailSubject = "Nieuwe melding in PestProtocol";

    private string MailBody() =>
        "Er is een nieuwe melding voor je in PestProtocol.\n\nOpen Microsoft Teams en ga naar de app PestProtocol om de melding te bekijken: "
        + _options.TeamsAppLink
        + "\n\nDit bericht bevat bewust geen namen of details.";

    private static string GraphCode(TeamsGraphException ex) => $"Graph{ex.StatusCode}{(ex.Code is null ? "" : ":" + ex.Code)}";

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox poll failed: {ExceptionType}.")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering a {Kind} message failed unexpectedly: {ExceptionType}.")]
    private static partial void LogDeliveryCrashed(ILogger logger, string kind, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message was delivered after its lease ran out.")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on a {Kind} message after {Attempts} attempts ({ErrorCode}).")]
    private static partial void LogGaveUp(ILogger logger, string kind, int attempts, string? errorCode);

    /// <summary>The outcome of one delivery try through one channel.</summary>
    private sealed record Attempt(string Channel, bool Delivered, string? ServiceUrl, string? ConversationId, string? ActivityId, string? ErrorCode, bool Transient, TimeSpan? RetryAfter, ConnectorError? Error)
    {
        public static Attempt Sent(string channel, string? serviceUrl, string? conversationId, string? activityId) =>
            new(channel, true, serviceUrl, conversationId, activityId, null, false, null, null);

        public static Attempt Failure(string channel, string code, bool transient, TimeSpan? retryAfter = null) =>
            new(channel, false, null, null, null, code, transient, retryAfter, null);

        public static Attempt From(string channel, ConnectorError error) =>
            new(channel, false, null, null, null, error.Code is null ? error.Kind.ToString() : $"{error.Kind}:{error.Code}", error.IsTransient, error.RetryAfter, error);
    }
}
