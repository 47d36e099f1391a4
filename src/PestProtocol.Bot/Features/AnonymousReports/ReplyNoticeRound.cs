using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.FollowUps;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// The daily reply notice (docs/SECURITY.md, section 3a). Nothing is sent when the school answers an anonymous report: the
/// answer only marks its location (<see cref="ReplyNoticeMarks"/>). Once per school day, from <see cref="ReplyNoticeOptions.Hour"/>
/// (school time), for every location with a mark made before that hour, EVERY student of the location (directory) gets the
/// same short notice without content through the outbox — one message per student, dedup key per location, day and student —
/// and the location's marks are deleted in the same transaction. So no row, file or message tells which student reported:
/// the reporter's notice is one of hundreds, with the same text, key pattern and time, and the daily hour removes the
/// timing link to the answer. Each location's notice is a leased job (<see cref="FollowUpJobs"/>), done once per day even
/// with several instances or a killed process. Weekends and the calendar's free periods send nothing; their marks wait for
/// the next school day.
/// </summary>
public sealed partial class ReplyNoticeRound(
    IServiceScopeFactory scopes,
    IDirectory directory,
    SchoolCalendar calendar,
    IOptions<AnonymousReportOptions> options,
    IOptions<FollowUpOptions> followUpOptions,
    TimeProvider time,
    ILogger<ReplyNoticeRound> logger) : BackgroundService
{
    private readonly ReplyNoticeOptions _options = options.Value.ReplyNotice;
    private readonly string _instance = followUpOptions.Value.InstanceName is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>When the notice of <paramref name="day"/> is due: that day at the notice hour, school time (null when it is no school day).</summary>
    public DateTimeOffset? DueOn(DateOnly day)
    {
        if (!calendar.IsSchoolDay(day))
        {
            return null;
        }

        var local = day.ToDateTime(new TimeOnly(Math.Clamp(_options.Hour, 0, 23), 0));
        return new DateTimeOffset(local, SchoolTime.Zone.GetUtcOffset(local));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            // Switched off: one run drops the marks left from before (see RunOnceAsync), then nothing more.
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(logger, ex.GetType().Name);
            }

            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Plans what is due now; returns for how many locations a notice was planned.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_options.Enabled)
        {
            // Switched off: marks left from before are dropped, so switching it on later announces nothing old.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().Set<ReplyNoticeMarkRecord>().ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, SchoolTime.Zone).DateTime);
        if (DueOn(today) is not { } due || now < due)
        {
            return 0;
        }

        List<string> locations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            locations = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().Set<ReplyNoticeMarkRecord>().AsNoTracking()
                .Where(m => m.MarkedAt < due)
                .Select(m => m.LocationId)
                .Distinct()
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        var done = 0;
        foreach (var locationId in locations.Order(StringComparer.Ordinal))
        {
            done += await AnnounceAsync(locationId, today, due, cancellationToken).ConfigureAwait(false);
        }

        return done;
    }

    /// <summary>The notice for one location on one day, under its lease: one message per student and the marks gone, in one transaction.</summary>
    private async Task<int> AnnounceAsync(string locationId, DateOnly today, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var key = $"reply-notice:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{locationId}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        if (await db.Set<FollowUpJobRecord>().AsNoTracking().AnyAsync(j => j.Key == key && j.Status == FollowUpJobStatus.Done, cancellationToken).ConfigureAwait(false))
        {
            // Done today; a mark that arrived later waits for the next school day.
            return 0;
        }

        var jobs = scope.ServiceProvider.GetRequiredService<FollowUpJobs>();
        var token = $"{_instance}:{Guid.NewGuid():N}";
        if (!await jobs.TryLeaseAsync(key, Guid.Empty, "reply-notice", token, followUpOptions.Value.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        IReadOnlyList<DirectoryPerson> students;
        try
        {
            students = await directory.GetLocationStudentsAsync(locationId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The directory is away: the marks stay, the next poll tries again.
            await jobs.ReleaseAsync(key, token, cancellationToken).ConfigureAwait(false);
            LogDirectoryFailed(logger, ex.GetType().Name);
            return 0;
        }

        var now = time.GetUtcNow();
        var payload = new ReplyNoticePayload(locationId, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var messages = students
            .Where(s => !s.IsStaff && !string.IsNullOrWhiteSpace(s.Id))
            .Select(s => s.Id)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(id => OutboxMessage.Create(ReplyNoticePayload.Kind, ReplyNoticePayload.DedupKey(locationId, today, id), payload, id, now))
            .ToList();

        var marks = db.Set<ReplyNoticeMarkRecord>();
        var markIds = await marks.AsNoTracking().Where(m => m.LocationId == locationId && m.MarkedAt < due).Select(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var keys = messages.Select(m => m.DedupKey).ToList();
        var stored = (await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            db.OutboxMessages.AddRange(messages.Where(m => !stored.Contains(m.DedupKey)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await marks.Where(m => markIds.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another holder of an expired lease stored the same notices at this moment (unique dedup keys): try again next poll.
            db.ChangeTracker.Clear();
            await jobs.ReleaseAsync(key, token, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        await jobs.CompleteAsync(key, token, cancellationToken).ConfigureAwait(false);
        LogNoticePlanned(logger, messages.Count);
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply notice poll failed: {ErrorType}")]
    private static partial void LogPollFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply notice: the directory could not list a location's students ({ErrorType}); trying again at the next poll.")]
    private static partial void LogDirectoryFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply notice planned for a location: {Recipients} students")]
    private static partial void LogNoticePlanned(ILogger logger, int recipients);
}
