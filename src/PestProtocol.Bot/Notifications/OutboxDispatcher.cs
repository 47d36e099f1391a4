using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Notifications.Delivery;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Sends the outbox. The loop reads as a list of guards, each job handed to a small service: <see cref="OutboxLease"/>
/// takes a batch (safe with several instances on one database); each message is rendered and tried through the
/// <see cref="IDeliveryChannel"/>s in order: into the recipient's stored chat; else after installing the app for them
/// (Graph) into the app's chat; else (blocked, not allowed) through the Teams activity feed, and then by mail. A message
/// for <c>channel:{locationId}</c> (<see cref="ChannelRecipient"/>) starts a thread in the location's coordinators'
/// channel; an update changes the posted card in place (<see cref="AlertCardUpdate"/>). <see cref="DeliveryRecorder"/>
/// writes every attempt down; <see cref="DeliveryFailurePolicy"/> decides the backoff, when to give up and who is told.
/// <para>
/// A case alert card is rendered from the case as it is when it is sent; if the case moves on while the card is being
/// posted, recording the copy plans its <c>alert-update</c> (<see cref="AlertRefreshPlanner"/>'s remarks), so no posted
/// card keeps a state the case has left.
/// </para>
/// <para>
/// The lease of a batch is renewed while it is delivered (<see cref="LeaseKeeper"/>), so a send slower than the lease is
/// not taken over by another instance. The one remaining duplicate window: a POST that was sent but got no answer (attempt
/// timeout, broken connection, or this instance died) is sent again: after the backoff (recorded with outcome <c>unknown</c>), or by the instance that
/// takes the lease over. If Teams did process the first POST, the recipient sees the alert twice: the Connector API has
/// no idempotency key to prevent that.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxLease lease,
    DeliveryRecorder recorder,
    AlertCardUpdate cardUpdate,
    PersonalChatChannel chat,
    InstalledChatChannel installedChat,
    ActivityFeedChannel activityFeed,
    MailChannel mail,
    TeamChannelChannel teamChannel,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly NotificationOptions _options = options.Value;

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
        var batch = await lease.TakeAsync(cancellationToken).ConfigureAwait(false);
        if (batch.Messages.Count == 0)
        {
            return 0;
        }

        // Renews the batch's lease while it is delivered, so a slow send is never taken over and sent twice.
        await using var keeper = new LeaseKeeper(lease, batch, _options.LeaseDuration, time, logger);
        foreach (var message in batch.Messages)
        {
            if (!keeper.StillHeld)
            {
                // The lease could not be renewed: leave the rest to whoever takes it after the lease has run out.
                LogLeaseLost(logger, batch.Messages.Count);
                break;
            }

            try
            {
                await DeliverAsync(message, batch.Token, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // A bug or an unreadable payload: count it as a failed attempt so it cannot block the queue.
                LogDeliveryCrashed(logger, message.Kind, ex.GetType().Name);
                await recorder.FailedAsync(message, batch.Token, null, DeliveryOutcomes.Retry, "Error:" + ex.GetType().Name, null, transient: true, cancellationToken).ConfigureAwait(false);
            }
        }

        return batch.Messages.Count;
    }

    private async Task DeliverAsync(OutboxMessage message, string token, CancellationToken cancellationToken)
    {
        // Sent and recorded by an attempt that did not get to mark it: never send twice.
        if (await recorder.WasSentBeforeAsync(message, cancellationToken).ConfigureAwait(false))
        {
            await recorder.SentAsync(message, token, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (ChannelRecipient.TryGetLocation(message.RecipientId, out var locationId))
        {
            await DeliverToChannelAsync(services, message, token, locationId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrWhiteSpace(message.RecipientId))
        {
            await recorder.FailedAsync(message, token, null, DeliveryOutcomes.Failed, "NoRecipient", null, transient: false, cancellationToken, permanent: true).ConfigureAwait(false);
            return;
        }

        var renderer = services.GetServices<IAlertCardRenderer>().FirstOrDefault(r => string.Equals(r.Kind, message.Kind, StringComparison.Ordinal));
        if (renderer is null)
        {
            await recorder.FailedAsync(message, token, null, DeliveryOutcomes.Failed, "NoRenderer", null, transient: false, cancellationToken, permanent: true).ConfigureAwait(false);
            return;
        }

        var reference = await services.GetRequiredService<IConversationReferenceStore>().FindAsync(message.RecipientId, cancellationToken).ConfigureAwait(false);
        var renderedFrom = await RenderedFromAsync(message, cancellationToken).ConfigureAwait(false);
        var card = await renderer.RenderAsync(message, new AlertRecipient(message.RecipientId, reference?.User?.Id), cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            // Nothing to send any more (the case is gone): done.
            await recorder.SentAsync(message, token, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new DeliveryRequest(message, CardActivity(card, message.Kind), reference, null, services);
        var outcome = AlertKinds.UpdatesInPlace(message.Kind)
            ? await cardUpdate.UpdateAsync(request, card, null, cancellationToken).ConfigureAwait(false)
            : await SendToPersonAsync(request, cancellationToken).ConfigureAwait(false);
        await FinishAsync(message, token, outcome, card, renderedFrom, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The coordinators' channel copy: a new thread for an alert, an in-place update for an update.</summary>
    private async Task DeliverToChannelAsync(IServiceProvider services, OutboxMessage message, string token, string locationId, CancellationToken cancellationToken)
    {
        var channel = await services.GetRequiredService<ICoordinatorsChannels>().FindAsync(locationId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            // Unlinked since it was planned: nothing to post.
            await recorder.FailedAsync(message, token, DeliveryChannels.TeamsChannel, DeliveryOutcomes.Failed, "NoChannel", null, transient: false, cancellationToken, permanent: true).ConfigureAwait(false);
            return;
        }

        var renderedFrom = await RenderedFromAsync(message, cancellationToken).ConfigureAwait(false);
        var card = await services.GetRequiredService<ChannelAlertCardRenderer>().RenderAsync(message, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            await recorder.SentAsync(message, token, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new DeliveryRequest(message, CardActivity(card, message.Kind), null, channel, services);
        var outcome = AlertKinds.UpdatesInPlace(message.Kind)
            ? await cardUpdate.UpdateAsync(request, card, channel.ServiceUrl, cancellationToken).ConfigureAwait(false)
            : await teamChannel.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await FinishAsync(message, token, outcome, card, renderedFrom, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The personal route: stored chat, else install + chat, else activity feed, then mail.</summary>
    private async Task<DeliveryAttempt> SendToPersonAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryAttempt? last = null;

        // a. The stored chat; a transient failure is retried later in the same chat.
        if (request.Reference?.Conversation?.Id is { Length: > 0 } && request.Reference.ServiceUrl is { Length: > 0 })
        {
            var sent = await chat.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (sent.Delivered || sent.Error is { IsTransient: true })
            {
                return sent;
            }

            last = sent;
        }

        // b. No chat (or it is gone): install the app for the user and use the app's chat; not when writes are blocked.
        if (last?.Error?.Kind is not (ConnectorErrorKind.MessageWritesBlocked or ConnectorErrorKind.BotDisabledByAdmin))
        {
            var installed = await installedChat.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (installed.Delivered || installed.Transient)
            {
                return installed;
            }

            last = installed;
        }

        // c. Blocked or not allowed: the activity feed, then mail. No personal data in either.
        var feed = await activityFeed.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (feed.Delivered)
        {
            return feed;
        }

        await recorder.AttemptAsync(request.Message, DeliveryChannels.ActivityFeed, DeliveryOutcomes.Fallback, feed.ErrorCode, cancellationToken).ConfigureAwait(false);
        var mailed = await mail.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return mailed.Delivered ? mailed : mailed with { Transient = mailed.Transient || feed.Transient || (last?.Transient ?? false) };
    }

    /// <summary>
    /// For a new case alert card: the case's version before it is rendered (the card shows this version or a later one),
    /// so that recording it as posted can tell whether the case moved on meanwhile (<see cref="AlertRefreshPlanner"/>).
    /// </summary>
    private async Task<int?> RenderedFromAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        message.Kind == CaseAlertPayload.Kind && PayloadFields.Read(message.Payload).CaseId is { } caseId
            ? await recorder.CaseVersionAsync(caseId, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task FinishAsync(OutboxMessage message, string token, DeliveryAttempt outcome, AdaptiveCard card, int? renderedFrom, CancellationToken cancellationToken)
    {
        if (outcome.Delivered)
        {
            await recorder.SentAsync(message, token, outcome, card, cancellationToken, renderedFrom).ConfigureAwait(false);
            return;
        }

        // OutcomeUnknown: the POST went out and no answer came. Sending again later may show it twice (see the class remarks).
        var recorded = outcome.Error?.Kind == ConnectorErrorKind.OutcomeUnknown ? DeliveryOutcomes.Unknown : DeliveryOutcomes.Retry;
        await recorder.FailedAsync(message, token, outcome.Channel, recorded, outcome.ErrorCode, outcome.RetryAfter, outcome.Transient, cancellationToken).ConfigureAwait(false);
    }

    private static Activity CardActivity(AdaptiveCard card, string kind)
    {
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.Summary = DeliveryTexts.SummaryFor(kind);
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox lease of a batch of {Count} could not be kept; its remaining messages wait for the lease to run out.")]
    private static partial void LogLeaseLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox poll failed: {ExceptionType}.")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering a {Kind} message failed unexpectedly: {ExceptionType}.")]
    private static partial void LogDeliveryCrashed(ILogger logger, string kind, string exceptionType);
}
