namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Where an anonymous report is in its handling by the school.</summary>
public enum AnonymousReportStatus
{
    /// <summary>Sent; no coordinator has taken it up yet.</summary>
    New = 0,

    /// <summary>A coordinator has taken it up.</summary>
    TakenUp = 1,

    /// <summary>Closed by a coordinator.</summary>
    Closed = 2,
}

/// <summary>
/// A student's anonymous report (<c>anonymous_reports</c>). By design it holds nothing that identifies the
/// sender: no Teams or Entra id, no name, no conversation, and times only to the whole hour.
/// </summary>
public sealed class AnonymousReportRecord
{
    /// <summary>Random id (never time-based).</summary>
    public Guid Id { get; set; }

    /// <summary>The code the student follows the report with, e.g. <c>K7M4QX</c> (stored without the dash).</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>The Argon2id hash of the passphrase with its salt and parameters (<see cref="PassphraseHasher"/>).</summary>
    public string PassphraseHash { get; set; } = string.Empty;

    /// <summary>The location (vestiging) the student chose.</summary>
    public string LocationId { get; set; } = string.Empty;

    /// <summary>What happened, in the student's words.</summary>
    public string WhatHappened { get; set; } = string.Empty;

    /// <summary>About the student themselves or someone else (<see cref="ReportChoices.About"/>).</summary>
    public string About { get; set; } = string.Empty;

    /// <summary>Where it happens (<see cref="ReportChoices.Places"/>).</summary>
    public string Place { get; set; } = string.Empty;

    /// <summary>The platform when it happens online (<see cref="ReportChoices.Platforms"/>).</summary>
    public string? Platform { get; set; }

    /// <summary>Since when (<see cref="ReportChoices.Since"/>).</summary>
    public string Since { get; set; } = string.Empty;

    /// <summary>How often (<see cref="ReportChoices.Frequencies"/>).</summary>
    public string Frequency { get; set; } = string.Empty;

    /// <summary>Who does it, if the student chose to say.</summary>
    public string? WhoDoesIt { get; set; }

    /// <summary>Who it happens to, if the student chose to say.</summary>
    public string? WhoIsTargeted { get; set; }

    /// <summary>Digital bullying (online).</summary>
    public bool IsDigital { get; set; }

    /// <summary>When it was received, rounded down to the hour.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Handling status.</summary>
    public AnonymousReportStatus Status { get; set; }

    /// <summary>The coordinator (staff Entra id) who took it up.</summary>
    public string? TakenByStaffId { get; set; }

    /// <summary>The case opened from this report, if any.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>Why it was closed (staff only).</summary>
    public string? CloseReason { get; set; }

    /// <summary>Bumped on every change; concurrency token and part of update message keys.</summary>
    public int Version { get; set; }
}

/// <summary>Who wrote a message in a report's thread.</summary>
public enum ReportMessageAuthor
{
    /// <summary>The school (a coordinator); the student sees "De school".</summary>
    School = 0,

    /// <summary>The student who reported; staff see "Leerling".</summary>
    Student = 1,
}

/// <summary>One message in the anonymous thread between the school and the student (<c>anonymous_report_messages</c>).</summary>
public sealed class AnonymousReportMessageRecord
{
    /// <summary>Random id.</summary>
    public Guid Id { get; set; }

    /// <summary>The report.</summary>
    public Guid ReportId { get; set; }

    /// <summary>Order within the report (times are only to the hour).</summary>
    public int Sequence { get; set; }

    /// <summary>Who wrote it.</summary>
    public ReportMessageAuthor Author { get; set; }

    /// <summary>The coordinator who wrote a school message (staff id; null for the student).</summary>
    public string? StaffId { get; set; }

    /// <summary>The text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>When, rounded down to the hour.</summary>
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>
/// Wrong-passphrase attempts per report code (<c>anonymous_unlock_throttles</c>), also for codes that do not exist so
/// that a lock-out never reveals whether a code exists. Times are whole hours.
/// </summary>
public sealed class AnonymousUnlockThrottleRecord
{
    /// <summary>The normalised code tried.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>The clock hour the failures are counted in.</summary>
    public DateTimeOffset WindowStart { get; set; }

    /// <summary>Wrong passphrases in that hour.</summary>
    public int Failures { get; set; }

    /// <summary>No attempt is checked before this hour.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}
