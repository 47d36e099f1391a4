using PestProtocol.Bot.Cards;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Cards.Alerts;
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

    /// <summary>The channel as a coordinator reads it.</summary>
    public static string Describe(string channel) => channel switch
    {
        Chat or InstalledChat => "Teams-chat",
        ActivityFeed => "Teams-melding",
        Mail => "e-mail",
        Update => "kaart bijgewerkt",
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
}

/// <summary>One person reached (or not) about a case.</summary>
public sealed record DeliverySummary(string RecipientId, StaffRole? RecipientRole, string Channel, bool Reached, DateTimeOffset At);

/// <summary>Who was reached about a case and how, for the case cards ("Bereikt: mentor (Teams-chat), teamleider (e-mail)").</summary>
public interface IDeliveryLog
{
    /// <summary>Per recipient of notifications about the case: the latest successful delivery, or the latest failure when none succeeded.</summary>
    Task<IReadOnlyList<DeliverySummary>> ListForCaseAsync(Guid caseId, CancellationToken cancellationToken);
}

/// <summary><see cref="IDeliveryLog"/> on <c>notification_deliveries</c>.</summary>
public sealed class DeliveryLog(PestProtocolDbContext db) : IDeliveryLog
{
    public async Task<IReadOnlyList<DeliverySummary>> ListForCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.SubjectId == caseId && d.Channel != DeliveryChannels.Update)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. rows
            .GroupBy(r => r.RecipientId, StringComparer.Ordinal)
            .Select(g =>
            {
                var sent = g.Where(r => r.Outcome == DeliveryOutcomes.Sent).OrderByDescending(r => r.AttemptedAt).FirstOrDefault();
                var row = sent ?? g.OrderByDescending(r => r.AttemptedAt).First();
                StaffRole? role = Enum.TryParse<StaffRole>(row.RecipientRole, out var parsed) ? parsed : null;
                return new DeliverySummary(row.RecipientId, role, row.Channel, sent is not null, row.AttemptedAt);
            })
            .OrderBy(s => s.RecipientRole ?? (StaffRole)int.MaxValue)
            .ThenBy(s => s.At)];
    }

    /// <summary>"Bereikt: mentor (Teams-chat), teamleider (e-mail). Nog niet bereikt: intern begeleider."</summary>
    public static string Describe(IReadOnlyList<DeliverySummary> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        static string Who(DeliverySummary d) => d.RecipientRole is { } role ? DutchNames.Of(role) : "collega";
        var reached = deliveries.Where(d => d.Reached).Select(d => $"{Who(d)} ({DeliveryChannels.Describe(d.Channel)})").ToList();
        var notReached = deliveries.Where(d => !d.Reached).Select(Who).ToList();
        var text = reached.Count > 0 ? "Bereikt: " + string.Join(", ", reached) + "." : "Nog niemand bereikt.";
        return notReached.Count > 0 ? text + " Nog niet bereikt: " + string.Join(", ", notReached) + "." : text;
    }
}
