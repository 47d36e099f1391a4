using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.CoordinatorsChannel;

/// <summary>
/// Plans the coordinators' channel copy of the alerts for a location's coordinators. Called explicitly where those alerts
/// are planned (<see cref="DirectoryCaseNotifier"/> for a case's <c>case-alert</c> to an anti-pest coordinator, and
/// <see cref="AnonymousReportService"/> for an anonymous report's alert and update), so the copy is stored in the same
/// transaction as the personal copies. When the location has a coordinators' channel (linked or configured), one extra
/// outbox message goes to <see cref="ChannelRecipient"/> <c>channel:{locationId}</c>; its dedup key is the personal key with
/// the person replaced by the channel (<c>case-alert:{entryId}:channel:{locationId}</c>), so two coordinators still make
/// one channel post, and a copy already stored is not planned again. The case's own <c>alert-update</c> needs nothing
/// here: the take handler updates every stored copy, the channel's too.
/// </summary>
public sealed class ChannelCopies(PestProtocolDbContext db, IOptionsMonitor<DirectoryOptions> directory)
{
    /// <summary>The channel copies of <paramref name="alerts"/> (planned for people at <paramref name="locationId"/>); empty when there is no channel.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(string locationId, IReadOnlyCollection<OutboxMessage> alerts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        ArgumentNullException.ThrowIfNull(alerts);
        var recipient = ChannelRecipient.For(locationId);
        var copies = new Dictionary<string, OutboxMessage>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            if (!GoesToCoordinators(alert) || alert.RecipientId is not { Length: > 0 } person || ChannelRecipient.TryGetLocation(person, out _)
                || !alert.DedupKey.EndsWith(":" + person, StringComparison.Ordinal))
            {
                continue;
            }

            var key = alert.DedupKey[..^person.Length] + recipient;
            copies.TryAdd(key, OutboxMessage.Create(alert.Kind, key, alert.Payload, recipient, alert.CreatedAt));
        }

        if (copies.Count == 0 || !await CoordinatorsChannels.ExistsAsync(db, directory.CurrentValue, locationId, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var keys = copies.Keys.ToList();
        var stored = await db.OutboxMessages.AsNoTracking()
            .Where(o => keys.Contains(o.DedupKey))
            .Select(o => o.DedupKey)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. copies.Where(c => !stored.Contains(c.Key, StringComparer.Ordinal)).Select(c => c.Value)];
    }

    private static bool GoesToCoordinators(OutboxMessage message) => message.Kind switch
    {
        CaseAlertPayload.Kind => PayloadFields.Read(message.Payload).Role == nameof(StaffRole.AntiPestCoordinator),
        AnonymousReportKinds.Alert or AnonymousReportKinds.Update => true,
        _ => false,
    };
}
