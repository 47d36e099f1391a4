using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Persistence;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Notifications;

/// <summary>Delivery channels, as stored in <c>notification_deliveries.channel</c>.</summary>
public static class DeliveryChannels
{
    public const string Chat = "chat";
    public const string InstalledChat = "installed-chat";
    public const string ActivityFeed = "activity-feed";
    public const string Mail = "mail";
    public const string Update = "update";

    /// <summary>A new thread in a location's coordinators' Teams channel.</summary>
    public const string TeamsChannel = "teams-channel";

    /// <summary>The channel as a coordinator reads it.</summary>
    public static string Describe(string channel) => channel switch
    {
        Chat or InstalledChat => "Teams-chat",
        ActivityFeed => "Teams-melding",
        Mail => "e-mail",
        Update => "kaart bijgewerkt",
        TeamsChannel => "Teams-kanaal",
        _ => channel,
    };
}

/// <summary>Delivery outcomes, as stored in <c>notification_deliveries.outcome</c>.</summary>
public static class DeliveryOutcomes
{
    public const string Sent = "sent";
    public const string Retry = "retry";
    public const string Failed = "failed";
    public const string Fallback = "fallback";

    /// <summary>
    /// The message was sent but no answer came (timeout, broken connection): it may have arrived. It is sent again after
    /// the backoff; if it had arrived, the recipient sees it twice. The Connector API offers no idempotency key, so this
    /// is the one duplicate window left.
    /// </summary>
    public const string Unknown = "unknown";
}

/// <summary>One person (or the coordinators' channel) reached, or not, about a case.</summary>
/// <param name="Outcome">The outcome of the row shown (<see cref="DeliveryOutcomes"/>).</param>
/// <param name="ChannelName">For the coordinators' channel: how the log names it ("Kanaal Zorg en veiligheid").</param>
public sealed record DeliverySummary(string RecipientId, StaffRole? RecipientRole, string Channel, bool Reached, DateTimeOffset At, string? Outcome = null, string? ChannelName = null)
{
    /// <summary>True for the copy in a location's coordinators' channel.</summary>
    public bool IsChannel => ChannelRecipient.TryGetLocation(RecipientId, out _);
}

/// <summary>Who was reached about a case and how, for the case cards ("Bereikt: mentor (Teams-chat), teamleider (e-mail)").</summary>
public interface IDeliveryLog
{
    /// <summary>Per recipient of notifications about the case: the latest successful delivery, or the latest failure when none succeeded.</summary>
    Task<IReadOnlyList<DeliverySummary>> ListForCaseAsync(Guid caseId, CancellationToken cancellationToken);
}

/// <summary><see cref="IDeliveryLog"/> on <c>notification_deliveries</c>.</summary>
public sealed class DeliveryLog(PestProtocolDbContext db, ICoordinatorsChannels channels) : IDeliveryLog
{
    public async Task<IReadOnlyList<DeliverySummary>> ListForCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.SubjectId == caseId && d.Channel != DeliveryChannels.Update)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var summaries = new List<DeliverySummary>();
        foreach (var g in rows.GroupBy(r => r.RecipientId, StringComparer.Ordinal))
        {
            var sent = g.Where(r => r.Outcome == DeliveryOutcomes.Sent).OrderByDescending(r => r.AttemptedAt).FirstOrDefault();
            var row = sent ?? g.OrderByDescending(r => r.AttemptedAt).First();
            StaffRole? role = Enum.TryParse<StaffRole>(row.RecipientRole, out var parsed) ? parsed : null;
            string? channelName = null;
            if (ChannelRecipient.TryGetLocation(row.RecipientId, out var locationId))
            {
                var channel = await channels.FindAsync(locationId, cancellationToken).ConfigureAwait(false);
                channelName = channel?.DisplayName ?? ChannelRecipient.Describe(null);
            }

            summaries.Add(new DeliverySummary(row.RecipientId, role, row.Channel, sent is not null, row.AttemptedAt, row.Outcome, channelName));
        }

        return [.. summaries
            .OrderBy(s => s.IsChannel)
            .ThenBy(s => s.RecipientRole ?? (StaffRole)int.MaxValue)
            .ThenBy(s => s.At)];
    }

    /// <summary>
    /// "Bereikt: mentor (Teams-chat), teamleider (e-mail). Nog niet bereikt: intern begeleider. Kanaal Zorg en veiligheid: geplaatst."
    /// A send whose outcome is unknown (no answer came) is named as such: it is tried again, and may then arrive twice.
    /// </summary>
    public static string Describe(IReadOnlyList<DeliverySummary> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        static string Who(DeliverySummary d) => d.RecipientRole is { } role ? DutchNames.Of(role) : "collega";
        static string NotYet(DeliverySummary d) => d.Outcome == DeliveryOutcomes.Unknown ? Who(d) + " (onbekend of het aankwam, wordt opnieuw verstuurd)" : Who(d);
        var people = deliveries.Where(d => !d.IsChannel).ToList();
        var reached = people.Where(d => d.Reached).Select(d => $"{Who(d)} ({DeliveryChannels.Describe(d.Channel)})").ToList();
        var notReached = people.Where(d => !d.Reached).Select(NotYet).ToList();
        var text = reached.Count > 0 ? "Bereikt: " + string.Join(", ", reached) + "." : "Nog niemand bereikt.";
        if (notReached.Count > 0)
        {
            text += " Nog niet bereikt: " + string.Join(", ", notReached) + ".";
        }

        foreach (var channel in deliveries.Where(d => d.IsChannel))
        {
            var state = channel.Reached ? "geplaatst"
                : channel.Outcome == DeliveryOutcomes.Unknown ? "onbekend of het geplaatst is, wordt opnieuw geprobeerd"
                : channel.Outcome == DeliveryOutcomes.Failed ? "niet gelukt"
                : "nog niet geplaatst, wordt opnieuw geprobeerd";
            text += $" {channel.ChannelName ?? ChannelRecipient.Describe(null)}: {state}.";
        }

        return text;
    }
}
