using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Features.Records.Retention;

/// <summary>Claims one run of a periodic job for this instance (see <see cref="JobLeaseRecord"/>).</summary>
public sealed class JobLease(PestProtocolDbContext db)
{
    /// <summary>This process's owner id (random, no host name).</summary>
    public static readonly string Instance = Guid.NewGuid().ToString("N");

    /// <summary>True when this instance may run the job now; the next run can then be claimed after <paramref name="interval"/>.</summary>
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        if (!await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == job, cancellationToken).ConfigureAwait(false))
        {
            db.JobLeases.Add(new JobLeaseRecord { Name = job, Owner = string.Empty, NextRunAt = DateTimeOffset.MinValue.ToUniversalTime().AddYears(2000) });
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another instance made the row first: fine, claim below like everyone else.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        var next = now + interval;
        var claimed = await db.JobLeases
            .Where(l => l.Name == job && l.NextRunAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.NextRunAt, next).SetProperty(l => l.Owner, Instance), cancellationToken)
            .ConfigureAwait(false);
        return claimed == 1;
    }
}
