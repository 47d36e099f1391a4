using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>A batch of outbox messages this instance holds, the token its lease carries, and until when it holds them.</summary>
public sealed record LeasedBatch(string Token, IReadOnlyList<OutboxMessage> Messages, DateTimeOffset Until = default)
{
    public static LeasedBatch Empty { get; } = new(string.Empty, []);
}

/// <summary>
/// Takes a batch of due outbox messages for this instance. Safe with several instances on one database: a row is leased by
/// a conditional UPDATE that only one instance can win, for <see cref="NotificationOptions.LeaseDuration"/>; a lease that
/// ran out (its instance died) is taken over. Every write that ends a lease is conditional on its token
/// (<see cref="DeliveryRecorder"/>). While a batch is being delivered, the dispatcher renews its lease
/// (<see cref="RenewAsync"/>), so a slow send (a 429 storm, a Graph install, a long POST) never lets another instance take
/// a message over that is still in flight here.
/// </summary>
public sealed class OutboxLease(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, OutboxDepth depth)
{
    private readonly NotificationOptions _options = options.Value;
    private readonly string _instance = options.Value.InstanceName is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>Leases up to <see cref="NotificationOptions.BatchSize"/> due messages (also reports the queue depth).</summary>
    public async Task<LeasedBatch> TakeAsync(CancellationToken cancellationToken)
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
            return LeasedBatch.Empty;
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
        return new LeasedBatch(token, leased, until);
    }

    /// <summary>
    /// Extends the lease of every message of the batch with <paramref name="token"/> that is still being sent, to
    /// <see cref="NotificationOptions.LeaseDuration"/> from now. Returns the new end, or null when none is held any more
    /// (all delivered, or taken over after the lease ran out).
    /// </summary>
    public async Task<DateTimeOffset?> RenewAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var until = time.GetUtcNow() + _options.LeaseDuration;
        var renewed = await db.OutboxMessages
            .Where(o => o.LeaseOwner == token && o.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), cancellationToken)
            .ConfigureAwait(false);
        return renewed > 0 ? until : null;
    }
}
