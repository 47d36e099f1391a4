namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// "A location has an answer that is not announced yet" (<c>anonymous_reply_notice_marks</c>): one row per answer of the
/// school, inserted in the same transaction as the answer, deleted when the daily notice for that location is planned.
/// By design it names no report and no student: the location, and the hour of the answer only.
/// </summary>
public sealed class ReplyNoticeMarkRecord
{
    /// <summary>Random id (never time-based).</summary>
    public Guid Id { get; set; }

    /// <summary>The location (vestiging) of the answered report.</summary>
    public string LocationId { get; set; } = string.Empty;

    /// <summary>When the school answered, to the whole hour (like every time of the module).</summary>
    public DateTimeOffset MarkedAt { get; set; }
}

/// <summary>
/// Outbox payload of the reply notice: the location and the school day only, the same for every student of the location.
/// It names no report, so the outbox and the delivery log link a student to nothing but "your school got an answer that day".
/// </summary>
/// <param name="LocationId">The location whose students get the notice.</param>
/// <param name="Day">The school day of the notice, yyyy-MM-dd.</param>
public sealed record ReplyNoticePayload(string LocationId, string Day)
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "anonymous-reply-notice";

    /// <summary>One notice per location, school day and student.</summary>
    public static string DedupKey(string locationId, DateOnly day, string studentId) => $"{Kind}:{locationId}:{day:yyyyMMdd}:{studentId}";
}
