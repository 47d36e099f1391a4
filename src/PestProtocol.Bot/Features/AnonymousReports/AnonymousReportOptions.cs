namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Settings of the anonymous-report module (configuration section <c>AnonymousReports</c>).</summary>
public sealed class AnonymousReportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AnonymousReports";

    /// <summary>
    /// How long an unfinished report (the student's answers in the conversation's dialog state) may lie untouched before
    /// it is deleted. Default 4 hours: long enough for a lesson or a break, short enough that a shared device does not keep it.
    /// </summary>
    public TimeSpan DraftRetention { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the retention job looks for abandoned drafts. Default 15 minutes.</summary>
    public TimeSpan DraftSweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The neutral notice to the location's students when the school answered (<see cref="ReplyNoticeOptions"/>).</summary>
    public ReplyNoticeOptions ReplyNotice { get; set; } = new();
}
