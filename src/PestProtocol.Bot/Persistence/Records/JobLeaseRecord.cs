namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One row of <c>job_leases</c>: a periodic job that must run once per period however many instances of the bot run
/// (e.g. the retention purge). An instance claims a run by moving <see cref="NextRunAt"/> forward in one conditional
/// UPDATE; the instance whose UPDATE changed the row runs, the others see zero rows changed.
/// </summary>
public sealed class JobLeaseRecord
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The instance that claimed the latest run (a random id per process, no host name).</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>When the next run may be claimed.</summary>
    public DateTimeOffset NextRunAt { get; set; }
}
