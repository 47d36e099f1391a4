using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>
/// The lease on a follow-up job (<c>follow_up_jobs</c>), like the outbox's: the first instance inserts the job row
/// holding the lease (the primary key lets only one insert win); when a lease runs out because its holder was killed, a
/// conditional UPDATE that only one instance can win takes it over. Done jobs are never taken again.
/// </summary>
public sealed class FollowUpJobs(PestProtocolDbContext db, TimeProvider time)
{
    /// <summary>Takes the lease on the job, or returns false when another instance holds it or it is done.</summary>
    public async Task<bool> TryLeaseAsync(string key, Guid caseId, string kind, string token, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + leaseDuration;
        var jobs = db.Set<FollowUpJobRecord>();
        if (!await jobs.AsNoTracking().AnyAsync(j => j.Key == key, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                jobs.Add(new FollowUpJobRecord
                {
                    Key = key, CaseId = caseId, Kind = kind, Status = FollowUpJobStatus.Leased, LeaseOwner = token, LeaseUntil = until, Attempts = 1, CreatedAt = now,
                });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex))
            {
                // Another instance inserted it at the same moment: it holds the lease.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        // The condition is in the UPDATE itself, so of two instances that find the same expired lease only one takes it.
        var taken = await jobs
            .Where(j => j.Key == key && j.Status == FollowUpJobStatus.Leased && j.LeaseUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, token).SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken)
            .ConfigureAwait(false);
        return taken == 1;
    }

    /// <summary>Marks the job done, if this token still holds it.</summary>
    public Task<int> CompleteAsync(string key, string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Set<FollowUpJobRecord>()
            .Where(j => j.Key == key && j.LeaseOwner == token && j.Status == FollowUpJobStatus.Leased)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, FollowUpJobStatus.Done).SetProperty(j => j.DoneAt, now).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Gives the lease back at once (the work could not be done now; the next poll tries again).</summary>
    public Task<int> ReleaseAsync(string key, string token, CancellationToken cancellationToken)
    {
        var expired = time.GetUtcNow() - TimeSpan.FromTicks(10);
        return db.Set<FollowUpJobRecord>()
            .Where(j => j.Key == key && j.LeaseOwner == token && j.Status == FollowUpJobStatus.Leased)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, expired), cancellationToken);
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
