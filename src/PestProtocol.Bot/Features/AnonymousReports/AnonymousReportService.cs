using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Stores anonymous reports and their threads (scoped: one database context per turn). Every write of a report goes
/// with its outbox messages in one <c>SaveChanges</c>, i.e. one transaction. Nothing here knows who the student is.
/// </summary>
/// <remarks>An answer or a closing by the school marks the report's location for the daily reply notice (<see cref="ReplyNoticeMarks"/>), in the same save.</remarks>
public sealed class AnonymousReportService(PestProtocolDbContext db, IDirectory directory, PassphraseHasher hasher, ChannelCopies channelCopies, TimeProvider time, ReplyNoticeMarks? replyNotices = null)
{
    private const int MaxCodeAttempts = 10;

    private DbSet<AnonymousReportRecord> Reports => db.Set<AnonymousReportRecord>();

    private DbSet<AnonymousReportMessageRecord> Messages => db.Set<AnonymousReportMessageRecord>();

    private DbSet<AnonymousUnlockThrottleRecord> Throttles => db.Set<AnonymousUnlockThrottleRecord>();

    /// <summary>Stores the report and one alert per coordinator of its location; returns the student's code and passphrase.</summary>
    public async Task<(AnonymousReportRecord Report, ReportCredentials Credentials)> SubmitAsync(ReportDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ReportCredentials credentials;
        var attempt = 0;
        do
        {
            credentials = ReportCredentials.Create();
            var candidate = ReportCredentials.NormalizeCode(credentials.Code)!;
            if (!await Reports.AnyAsync(r => r.Code == candidate, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        while (++attempt < MaxCodeAttempts);

        var hour = ReportTimes.ToHour(time.GetUtcNow());
        var report = new AnonymousReportRecord
        {
            Id = Guid.NewGuid(),
            Code = ReportCredentials.NormalizeCode(credentials.Code)!,
            PassphraseHash = hasher.Hash(ReportCredentials.NormalizePassphrase(credentials.Passphrase)),
            LocationId = draft.LocationId ?? throw new ArgumentException("A report needs a location.", nameof(draft)),
            WhatHappened = Limit(draft.WhatHappened, ReportLimits.WhatHappened) ?? throw new ArgumentException("A report needs a text.", nameof(draft)),
            About = draft.About ?? "",
            Place = draft.Place ?? "",
            Platform = draft.IsDigital ? draft.Platform : null,
            Since = draft.Since ?? "",
            Frequency = draft.Frequency ?? "",
            WhoDoesIt = Limit(draft.WhoDoesIt, ReportLimits.Names),
            WhoIsTargeted = Limit(draft.WhoIsTargeted, ReportLimits.Names),
            IsDigital = draft.IsDigital,
            ReceivedAt = hour,
            Status = AnonymousReportStatus.New,
            Version = 1,
        };
        Reports.Add(report);
        await StageAlertsAsync(report, studentAnswered: false, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (report, credentials);
    }

    /// <summary>
    /// Checks a code and passphrase with the slow hash. Wrong passphrases are counted per code (also codes that do not
    /// exist) in the clock hour; after <see cref="ReportLimits.FailuresPerHour"/> the code is locked for the rest of this
    /// hour and the next. Returns the report id when unlocked.
    /// </summary>
    public async Task<(UnlockOutcome Outcome, Guid ReportId)> UnlockAsync(string? typedCode, string? typedPassphrase, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hour = ReportTimes.ToHour(now);
        var code = ReportCredentials.NormalizeCode(typedCode);
        var passphrase = ReportCredentials.NormalizePassphrase(typedPassphrase);
        var throttle = code is null ? null : await Throttles.FindAsync([code], cancellationToken).ConfigureAwait(false);
        if (throttle?.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return (UnlockOutcome.Locked, Guid.Empty);
        }

        var report = code is null ? null : await Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken).ConfigureAwait(false);
        var matches = hasher.Verify(passphrase, report?.PassphraseHash);
        if (matches && report is not null)
        {
            if (throttle is not null)
            {
                Throttles.Remove(throttle);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            return (UnlockOutcome.Unlocked, report.Id);
        }

        if (code is null)
        {
            return (UnlockOutcome.Wrong, Guid.Empty);
        }

        if (throttle is null)
        {
            throttle = new AnonymousUnlockThrottleRecord { Code = code, WindowStart = hour };
            Throttles.Add(throttle);
        }
        else if (throttle.WindowStart != hour)
        {
            throttle.WindowStart = hour;
            throttle.Failures = 0;
            throttle.LockedUntil = null;
        }

        throttle.Failures++;
        if (throttle.Failures >= ReportLimits.FailuresPerHour)
        {
            throttle.LockedUntil = hour.AddHours(2);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (UnlockOutcome.Wrong, Guid.Empty);
    }

    /// <summary>The report with its messages in order, or null.</summary>
    public async Task<ReportThread?> GetThreadAsync(Guid reportId, CancellationToken cancellationToken)
    {
        var report = await Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return null;
        }

        var messages = await Messages.AsNoTracking().Where(m => m.ReportId == reportId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        var locations = await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        var locationName = locations.FirstOrDefault(l => l.Id == report.LocationId)?.Name ?? report.LocationId;
        return new ReportThread(report, messages, locationName);
    }

    /// <summary>Adds a message to the thread, bumps the report's version and plans card updates for the coordinators.</summary>
    public async Task AddMessageAsync(AnonymousReportRecord report, ReportMessageAuthor author, string? staffId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var last = await Messages.Where(m => m.ReportId == report.Id).MaxAsync(m => (int?)m.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
        Messages.Add(new AnonymousReportMessageRecord
        {
            Id = Guid.NewGuid(),
            ReportId = report.Id,
            Sequence = last + 1,
            Author = author,
            StaffId = author == ReportMessageAuthor.School ? staffId : null,
            Text = Limit(text, ReportLimits.Message) ?? "",
            WrittenAt = ReportTimes.ToHour(time.GetUtcNow()),
        });
        if (author == ReportMessageAuthor.Student)
        {
            // The coordinators must notice the student's answer: a new post of the card (which becomes the copy that later
            // changes update), not a silent update of an old message. An older copy refreshes itself when viewed.
            report.Version++;
            await StageAlertsAsync(report, studentAnswered: true, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        MarkAnswered(report);
        await SaveChangedAsync(report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The school answered (or closed) the report: its location gets the daily reply notice. Staged, not saved: the caller's
    /// save stores the mark with the answer. Only the location is marked, never the report or a student.
    /// </summary>
    public void MarkAnswered(AnonymousReportRecord report)
    {
        ArgumentNullException.ThrowIfNull(report);
        replyNotices?.Stage(report.LocationId);
    }

    /// <summary>Saves a changed report (new version) with update messages for every coordinator's copy of the card.</summary>
    public async Task SaveChangedAsync(AnonymousReportRecord report, CancellationToken cancellationToken)
    {
        await StageChangeAsync(report, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Bumps the version and adds the update messages, without saving: the caller's save stores them with its own change.</summary>
    public async Task StageChangeAsync(AnonymousReportRecord report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Version++;
        var hour = ReportTimes.ToHour(time.GetUtcNow());
        var updates = (await CoordinatorsAsync(report.LocationId, cancellationToken).ConfigureAwait(false))
            .Select(coordinator => OutboxMessage.Create(
                AnonymousReportKinds.Update,
                $"{AnonymousReportKinds.Update}:{report.Id:N}:{report.Version}:{coordinator}",
                new AnonymousReportAlertPayload(report.Id, report.Version),
                coordinator,
                hour))
            .ToList();
        await StageWithChannelCopyAsync(report.LocationId, updates, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new post of the card for every coordinator of the location (the first alert, or "the student answered").</summary>
    private async Task StageAlertsAsync(AnonymousReportRecord report, bool studentAnswered, CancellationToken cancellationToken)
    {
        var hour = ReportTimes.ToHour(time.GetUtcNow());
        var alerts = (await CoordinatorsAsync(report.LocationId, cancellationToken).ConfigureAwait(false))
            .Select(coordinator => OutboxMessage.Create(
                AnonymousReportKinds.Alert,
                studentAnswered
                    ? $"{AnonymousReportKinds.Alert}:{report.Id:N}:answer-{report.Version}:{coordinator}"
                    : $"{AnonymousReportKinds.Alert}:{report.Id:N}:{coordinator}",
                new AnonymousReportAlertPayload(report.Id, report.Version, studentAnswered),
                coordinator,
                hour))
            .ToList();
        await StageWithChannelCopyAsync(report.LocationId, alerts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the coordinators' messages and, when the location has a coordinators' channel, its copy (same save).</summary>
    private async Task StageWithChannelCopyAsync(string locationId, List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        messages.AddRange(await channelCopies.PlanAsync(locationId, messages, cancellationToken).ConfigureAwait(false));
        db.Set<OutboxMessage>().AddRange(messages);
    }

    private async Task<IReadOnlyList<string>> CoordinatorsAsync(string locationId, CancellationToken cancellationToken) =>
        [.. (await directory.GetRoleHoldersAsync(locationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false))
            .Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? Limit(string? text, int max)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}

/// <summary>The outbox message kinds of the module.</summary>
public static class AnonymousReportKinds
{
    /// <summary>A new anonymous report for a coordinator.</summary>
    public const string Alert = "anonymous-report-alert";

    /// <summary>The report changed: update the coordinator's card in place.</summary>
    public const string Update = "anonymous-report-update";
}

/// <summary>The payload of <see cref="AnonymousReportKinds.Alert"/> and <see cref="AnonymousReportKinds.Update"/>: the report only, never the sender.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Version">The report's version when the message was planned.</param>
/// <param name="StudentAnswered">An alert posted because the student wrote in the thread (the card says so at the top).</param>
public sealed record AnonymousReportAlertPayload(Guid ReportId, int Version, bool StudentAnswered = false);
