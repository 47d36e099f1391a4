namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>The answers of an anonymous report while the student fills it in (kept in dialog state until sent or stopped).</summary>
public sealed record ReportDraft
{
    public string? WhatHappened { get; init; }

    public string? About { get; init; }

    public string? Place { get; init; }

    public string? Platform { get; init; }

    public string? Since { get; init; }

    public string? Frequency { get; init; }

    public string? WhoDoesIt { get; init; }

    public string? WhoIsTargeted { get; init; }

    public string? LocationId { get; init; }

    /// <summary>Online, so Bijlage 5 applies.</summary>
    public bool IsDigital => Place == ReportChoices.Online;
}

/// <summary>A report with its thread, as read for a card.</summary>
public sealed record ReportThread(AnonymousReportRecord Report, IReadOnlyList<AnonymousReportMessageRecord> Messages, string LocationName);

/// <summary>The outcome of a code + passphrase check. It never says whether the code exists.</summary>
public enum UnlockOutcome
{
    /// <summary>Code and passphrase match.</summary>
    Unlocked,

    /// <summary>"Code of wachtwoord klopt niet."</summary>
    Wrong,

    /// <summary>Too many wrong passphrases for this code: no check until the lock ends.</summary>
    Locked,
}
