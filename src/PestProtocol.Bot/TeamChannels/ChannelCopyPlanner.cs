using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PestProtocol.Bot.Anonymous;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.TeamChannels;

/// <summary>
/// Plans the channel copy of every alert for a location's coordinators, in the same save (one transaction) as the
/// personal copies, whichever module planned them: a <c>case-alert</c> to an anti-pest coordinator, and the anonymous
/// report's alert and update. When the location has a coordinators' channel, one extra outbox message goes to
/// <see cref="ChannelRecipient"/> <c>channel:{locationId}</c>; its dedup key is the personal key with the person replaced
/// by the channel (<c>case-alert:{entryId}:channel:{locationId}</c>), so two coordinators still make one channel post.
/// The case's own <c>alert-update</c> needs nothing here: the take handler updates every stored copy, the channel's too.
/// </summary>
public sealed class ChannelCopyPlanner(Func<DirectoryOptions?> directory) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is PestProtocolDbContext db)
        {
            await PlanAsync(db, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData?.Context is PestProtocolDbContext db)
        {
            PlanAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    private async Task PlanAsync(PestProtocolDbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && !ChannelRecipient.TryGetLocation(e.Entity.RecipientId, out _))
            .Select(e => e.Entity)
            .Where(GoesToCoordinators)
            .ToList();
        if (added.Count == 0)
        {
            return;
        }

        var planned = new HashSet<string>(db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.DedupKey), StringComparer.Ordinal);
        var options = directory();
        foreach (var message in added)
        {
            var locationId = await LocationOfAsync(db, message, cancellationToken).ConfigureAwait(false);
            if (locationId is null || message.RecipientId is not { Length: > 0 } person || !message.DedupKey.EndsWith(":" + person, StringComparison.Ordinal))
            {
                continue;
            }

            var recipient = ChannelRecipient.For(locationId);
            var key = message.DedupKey[..^person.Length] + recipient;
            if (planned.Contains(key)
                || !await CoordinatorsChannels.ExistsAsync(db, options, locationId, cancellationToken).ConfigureAwait(false)
                || await db.OutboxMessages.AsNoTracking().AnyAsync(o => o.DedupKey == key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            planned.Add(key);
            db.OutboxMessages.Add(OutboxMessage.Create(message.Kind, key, message.Payload, recipient, message.CreatedAt));
        }
    }

    private static bool GoesToCoordinators(OutboxMessage message) => message.Kind switch
    {
        CaseAlertPayload.Kind => PayloadFields.Read(message.Payload).Role == nameof(StaffRole.AntiPestCoordinator),
        AnonymousReportKinds.Alert or AnonymousReportKinds.Update => true,
        _ => false,
    };

    private static async Task<string?> LocationOfAsync(PestProtocolDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var subject = PayloadFields.Read(message.Payload).CaseId;
        if (subject is not { } id)
        {
            return null;
        }

        if (message.Kind == CaseAlertPayload.Kind)
        {
            return db.ChangeTracker.Entries<CaseRecord>().FirstOrDefault(e => e.Entity.Id == id)?.Entity.LocationId
                ?? await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.LocationId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        return db.ChangeTracker.Entries<AnonymousReportRecord>().FirstOrDefault(e => e.Entity.Id == id)?.Entity.LocationId
            ?? await db.Set<AnonymousReportRecord>().AsNoTracking().Where(r => r.Id == id).Select(r => r.LocationId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
