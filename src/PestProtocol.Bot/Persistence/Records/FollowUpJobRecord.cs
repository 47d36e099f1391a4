namespace PestProtocol.Bot.Persistence.Records;

/// <summary>Where a follow-up job is: leased by one scheduler instance, or done.</summary>
public enum FollowUpJobStatus
{
    /// <summary>A scheduler instance holds it until <see cref="FollowUpJobRecord.LeaseUntil"/>; after that another may take it over.</summary>
    Leased = 0,

    /// <summary>Carried out (the dossier entry and the outbox message are stored).</summary>
    Done = 1,
}

/// <summary>
/// One due piece of follow-up work (<c>follow_up_jobs</c>): the reminder of one planned follow-up, or its escalation to the
/// coordinator. The key names the follow-up and the kind, so a job exists at most once; the row is the lease that lets
/// exactly one scheduler instance carry it out. No personal data: ids and codes only.
/// </summary>
public sealed class FollowUpJobRecord
{
    /// <summary><c>{caseId:N}:{planning entry id:N}:{kind}</c>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The case.</summary>
    public Guid CaseId { get; set; }

    /// <summary><c>reminder</c> or <c>overdue</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Leased or done.</summary>
    public FollowUpJobStatus Status { get; set; }

    /// <summary>The lease token of the instance holding it.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the lease runs out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>How many times an instance took it (more than one: a lease ran out and was taken over).</summary>
    public int Attempts { get; set; }

    /// <summary>When it was first leased.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was done.</summary>
    public DateTimeOffset? DoneAt { get; set; }
}
