using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>
/// Brings planned follow-ups back on their day. Each poll looks at the cases that rest in a follow-up step (A.3, B.4,
/// C.4, D.5, E.4) with a follow-up date that has come, and per case does at most one job:
/// <list type="bullet">
/// <item>the reminder: on the follow-up day (moved to the next school day when it is free), at <see cref="FollowUpOptions.ReminderHour"/>,
/// the one who planned it gets the card "Hoe gaat het met …?" in the personal chat;</item>
/// <item>the escalation: not answered <see cref="FollowUpOptions.GraceSchoolDays"/> school days later, the location's
/// anti-pestcoördinator is told.</item>
/// </list>
/// A job is leased (<see cref="FollowUpJobs"/>) so one instance does it; its dossier entry and its outbox message are
/// stored in one transaction with the case's version check, and the message's dedup key is unique: a job taken over
/// after a killed process finds the entry already in the dossier and sends nothing again.
/// </summary>
public sealed partial class FollowUpScheduler(
    IServiceScopeFactory scopes,
    IDirectory directory,
    SchoolCalendar calendar,
    IOptions<FollowUpOptions> options,
    Prevention.PreventionRound prevention,
    TimeProvider time,
    ILogger<FollowUpScheduler> logger) : BackgroundService
{
    /// <summary>Job kind: the reminder to the owner.</summary>
    public const string ReminderJob = "reminder";

    /// <summary>Job kind: the escalation to the coordinator.</summary>
    public const string OverdueJob = "overdue";

    private static readonly ProtocolStep[] FollowUpSteps =
        [ProtocolStep.A3FollowUp, ProtocolStep.B4FollowUpMeeting, ProtocolStep.C4FollowUp, ProtocolStep.D5FollowUp, ProtocolStep.E4FollowUp];

    private readonly FollowUpOptions _options = options.Value;
    private readonly string _instance = options.Value.InstanceName is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>This instance's name in its lease tokens.</summary>
    public string Instance => _instance;

    /// <summary>When the reminder of a follow-up planned for <paramref name="day"/> is due: that day (or the next school day) at the reminder hour.</summary>
    public DateTimeOffset ReminderDue(DateTimeOffset day) => AtReminderHour(calendar.SchoolDayOnOrAfter(SchoolDay(day)));

    /// <summary>When a follow-up reminded at <paramref name="remindedAt"/> goes to the coordinator when still unanswered.</summary>
    public DateTimeOffset OverdueDue(DateTimeOffset remindedAt) => AtReminderHour(calendar.AddSchoolDays(SchoolDay(remindedAt), Math.Max(1, _options.GraceSchoolDays)));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SchedulerEnabled)
        {
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

    /// <summary>One poll: carries out every due follow-up job this instance can lease and returns how many it did; then the prevention round's due jobs.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            candidates = await db.Cases.AsNoTracking()
                .Where(c => c.NextFollowUpDate != null && c.NextFollowUpDate <= now && FollowUpSteps.Contains(c.CurrentStep))
                .OrderBy(c => c.NextFollowUpDate)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        var done = 0;
        foreach (var caseId in candidates)
        {
            if (await RunForCaseAsync(caseId, cancellationToken).ConfigureAwait(false))
            {
                done++;
            }
        }

        // The yearly prevention round rides on the same poll (and the same leases); its jobs are not counted here.
        await prevention.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>The job due for one case now, if any: (kind, job key).</summary>
    public (string Kind, string Key)? DueJob(Case @case, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var pending = @case.PendingFollowUp;
        if (pending is null)
        {
            return null;
        }

        var kind = pending.Stage switch
        {
            FollowUpStage.Planned when now >= ReminderDue(pending.Day) => ReminderJob,
            FollowUpStage.Reminded when pending.RemindedAt is { } at && now >= OverdueDue(at) => OverdueJob,
            _ => null,
        };
        return kind is null ? null : (kind, $"{@case.Id:N}:{pending.PlannedIn.Id:N}:{kind}");
    }

    /// <summary>Does the job due for this case, if any and if this instance gets its lease. True when something was stored.</summary>
    public async Task<bool> RunForCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<ICaseStore>();
        var jobs = services.GetRequiredService<FollowUpJobs>();
        var @case = await store.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (@case is null || DueJob(@case, time.GetUtcNow()) is not { } job)
        {
            return false;
        }

        var token = $"{_instance}:{Guid.NewGuid():N}";
        if (!await jobs.TryLeaseAsync(job.Key, caseId, job.Kind, token, _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // Read again under the lease: a previous holder may have stored the work before it was killed.
        @case = await store.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (@case is null || DueJob(@case, now) is not { } still || still.Key != job.Key)
        {
            await jobs.CompleteAsync(job.Key, token, cancellationToken).ConfigureAwait(false);
            return false;
        }

        try
        {
            var pending = @case.PendingFollowUp!;
            if (job.Kind == ReminderJob)
            {
                var entry = @case.RecordFollowUpReminder(pending.Owner, now);
                var message = OutboxMessage.Create(
                    FollowUpReminderPayload.Kind,
                    $"{FollowUpReminderPayload.Kind}:{pending.PlannedIn.Id:N}",
                    new FollowUpReminderPayload(@case.Id, entry.Id),
                    pending.Owner.StaffId,
                    now);
                // D.5/E.4 "blijf zowel slachtoffer als dader volgen": each bully followed gets his own card (and entry).
                var bullyCards = FollowUpViews.FollowedBullies(@case).Select(b => OutboxMessage.Create(
                    FollowUpBullyReminderPayload.Kind,
                    $"{FollowUpBullyReminderPayload.Kind}:{pending.PlannedIn.Id:N}:{b.Reference}",
                    new FollowUpBullyReminderPayload(@case.Id, entry.Id, b.Reference),
                    pending.Owner.StaffId,
                    now));
                await store.SaveAsync(@case, [], [message, .. bullyCards], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var entry = @case.RecordFollowUpOverdue(now);
                var coordinators = await directory.GetRoleHoldersAsync(@case.LocationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false);
                // Issue 12: the coordinator hears of it in the grouped card of the location (with what else happened in
                // that window), once: overdue follow-ups of one morning arrive as one card.
                var messages = await scope.ServiceProvider.GetRequiredService<Alerts.CoordinatorDigestPlanner>().PlanAsync(@case, entry, now, cancellationToken).ConfigureAwait(false);
                await store.SaveAsync(@case, coordinators.Select(c => new CaseMember(c.Id, StaffRole.AntiPestCoordinator)), messages, cancellationToken).ConfigureAwait(false);
                if (coordinators.Count == 0)
                {
                    LogNoCoordinator(logger);
                }
            }
        }
        catch (CaseConcurrencyException)
        {
            // Someone answered or changed the case at this very moment: look again at the next poll.
            await jobs.ReleaseAsync(job.Key, token, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await jobs.CompleteAsync(job.Key, token, cancellationToken).ConfigureAwait(false);
        LogJobDone(logger, job.Kind);
        return true;
    }

    private static DateOnly SchoolDay(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, SchoolTime.Zone).DateTime);

    private DateTimeOffset AtReminderHour(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(Math.Clamp(_options.ReminderHour, 0, 23), 0));
        return new DateTimeOffset(local, SchoolTime.Zone.GetUtcOffset(local));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up poll failed: {ErrorType}")]
    private static partial void LogPollFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up job done: {JobKind}")]
    private static partial void LogJobDone(ILogger logger, string jobKind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An overdue follow-up has no anti-pestcoördinator to go to at its location (directory); it is in the dossier only.")]
    private static partial void LogNoCoordinator(ILogger logger);
}
