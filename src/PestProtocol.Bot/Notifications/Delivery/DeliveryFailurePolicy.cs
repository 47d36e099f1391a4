using Microsoft.Extensions.Options;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>
/// What a failed delivery means: when to try again (exponential backoff with equal jitter, never shorter than
/// Retry-After), when to give up (<see cref="NotificationOptions.MaxAttempts"/>, or a permanent error), and who hears that
/// an alert did not arrive: the location's anti-pest coordinators (not the one it failed for), with a
/// <c>delivery-failed</c> message. A channel copy that cannot be posted is only shown in the delivery log (its
/// coordinators have their own copies), and a failed failure notice is not reported again.
/// </summary>
public sealed class DeliveryFailurePolicy(IOptions<NotificationOptions> options)
{
    private readonly NotificationOptions _options = options.Value;

    /// <summary>Whether the message is given up on after <paramref name="attempts"/> attempts.</summary>
    public bool GivesUp(int attempts, bool permanent) => permanent || attempts >= Math.Max(1, _options.MaxAttempts);

    /// <summary>Exponential backoff with equal jitter, never shorter than Retry-After; a permanent error waits longer.</summary>
    public TimeSpan Backoff(int attempts, TimeSpan? retryAfter, bool transient)
    {
        var exponent = Math.Min(attempts - 1 + (transient ? 0 : 2), 20);
        var ceiling = Math.Min(_options.BackoffMax.TotalMilliseconds, _options.BackoffBase.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
        return retryAfter is { } wait && wait > delay ? wait : delay;
    }

    /// <summary>The <c>delivery-failed</c> messages for a message given up on (empty when nobody is to be told).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> WhoIsToldAsync(IServiceProvider services, OutboxMessage message, int attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind == DeliveryFailedPayload.Kind || message.RecipientId is not { Length: > 0 } failedRecipient
            || ChannelRecipient.TryGetLocation(failedRecipient, out _))
        {
            return [];
        }

        var (caseId, role) = PayloadFields.Read(message.Payload);
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
}
