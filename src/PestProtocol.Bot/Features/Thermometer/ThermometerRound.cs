using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// The thermometer's two jobs per survey, each a leased job (<see cref="FollowUpJobs"/>, the follow-ups' lease) whose
/// outbox messages have unique dedup keys, so several instances and a killed process do each once:
/// <list type="bullet">
/// <item>the reminder, on the last school day before the closing day (from <see cref="ThermometerOptions.ReminderHour"/>),
/// or on the closing day itself when there is no school day between opening and closing (a survey of one day has none):
/// a reminder is planned for <em>every</em> student of the class, and only when it is rendered (while the key lives) is it
/// dropped for who already answered. So no list of who did or did not answer is ever made, stored or shown;</item>
/// <item>the closing, the day after the closing day: the reminders' traces are deleted, the survey is closed (the key
/// destroyed, the tokens deleted), and the results card goes to who started it, the class's mentor and the location's
/// anti-pestcoördinatoren (or the card that says there were too few answers), held in the outbox until
/// <see cref="ThermometerOptions.ResultsHour"/> of the first school day from then.</item>
/// </list>
/// Polled every <see cref="ThermometerOptions.PollInterval"/>.
/// </summary>
public sealed partial class ThermometerRound(
    IServiceScopeFactory scopes,
    IDirectory directory,
    ThermometerClasses classes,
    SchoolCalendar calendar,
    IOptions<ThermometerOptions> options,
    IOptions<FollowUpOptions> followUpOptions,
    TimeProvider time,
    ILogger<ThermometerRound> logger) : BackgroundService
{
    private readonly string _instance = followUpOptions.Value.InstanceName is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>
    /// The day of the one reminder: the last school day before the closing day; when there is none after the opening day
    /// (it closes the next school day), the closing day itself, the last day to fill it in. Null only when it opens and closes the same day.
    /// </summary>
    public DateOnly? ReminderDay(ThermometerSurvey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var day = survey.ClosesOn.AddDays(-1);
        while (day > survey.OpenedOn && !calendar.IsSchoolDay(day))
        {
            day = day.AddDays(-1);
        }

        if (day > survey.OpenedOn)
        {
            return day;
        }

        return survey.ClosesOn > survey.OpenedOn ? survey.ClosesOn : null;
    }

    /// <summary>When the results of a survey closed on <paramref name="closedOn"/> go out: the first school day from then, at the results hour.</summary>
    public DateTimeOffset ResultsDue(DateOnly closedOn)
    {
        if (options.Value.ResultsHour < 0)
        {
            return DateTimeOffset.MinValue;
        }

        var local = calendar.SchoolDayOnOrAfter(closedOn).ToDateTime(new TimeOnly(Math.Clamp(options.Value.ResultsHour, 0, 23), 0));
        return new DateTimeOffset(local, SchoolTime.Zone.GetUtcOffset(local));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RoundEnabled)
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
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Does what is due now; returns how many jobs it did.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), SchoolTime.Zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        IReadOnlyList<(ThermometerSurvey Survey, string StartedBy)> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            candidates = await scope.ServiceProvider.GetRequiredService<ThermometerSurveys>().OpenOrClosedSinceAsync(today.AddDays(-7), cancellationToken).ConfigureAwait(false);
        }

        var done = 0;
        foreach (var (survey, startedBy) in candidates)
        {
            if (survey.State == ThermometerSurveyState.Closed || survey.IsDueToCloseOn(today))
            {
                done += await RunJobAsync(survey.Id, "close", ct => CloseAsync(survey, startedBy, today, ct), cancellationToken).ConfigureAwait(false);
            }
            else if (ReminderDay(survey) is { } day && (today > day || (today == day && local.Hour >= options.Value.ReminderHour)))
            {
                done += await RunJobAsync(survey.Id, "reminder", ct => RemindAsync(survey, ct), cancellationToken).ConfigureAwait(false);
            }
        }

        return done;
    }

    private async Task<int> RunJobAsync(Guid surveyId, string kind, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var key = $"thermometer:{surveyId:N}:{kind}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        if (await db.Set<FollowUpJobRecord>().AsNoTracking().AnyAsync(j => j.Key == key && j.Status == FollowUpJobStatus.Done, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var jobs = scope.ServiceProvider.GetRequiredService<FollowUpJobs>();
        var token = $"{_instance}:{Guid.NewGuid():N}";
        if (!await jobs.TryLeaseAsync(key, surveyId, "thermometer-" + kind, token, followUpOptions.Value.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await work(cancellationToken).ConfigureAwait(false);
        await jobs.CompleteAsync(key, token, cancellationToken).ConfigureAwait(false);
        LogJobDone(logger, kind);
        return 1;
    }

    /// <summary>One reminder per student of the class; the renderer drops it for who answered (see the class remarks).</summary>
    private async Task RemindAsync(ThermometerSurvey survey, CancellationToken cancellationToken)
    {
        IReadOnlyList<DirectoryPerson> students;
        try
        {
            students = await directory.GetClassStudentsAsync(survey.LocationId, survey.ClassName, cancellationToken).ConfigureAwait(false);
        }
        catch (AmbiguousClassException)
        {
            // The name became ambiguous since the start: no reminder rather than one to the wrong class.
            students = [];
        }

        var now = time.GetUtcNow();
        await StoreAsync(
            [.. students.Where(s => !s.IsStaff).Select(s => OutboxMessage.Create(
                ThermometerPayload.ReminderKind, ThermometerPayload.DedupKey(ThermometerPayload.ReminderKind, survey.Id, s.Id), new ThermometerPayload(survey.Id), s.Id, now))],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the reminders' traces, closes the survey (the key goes), and plans the results for the staff.</summary>
    private async Task CloseAsync(ThermometerSurvey survey, string startedBy, DateOnly today, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();

            // Which students were sent a reminder says who had not answered yet: gone before the key goes, so the
            // closing's checkpoint also clears them from the SQLite WAL.
            var prefix = ThermometerPayload.DedupPrefix(ThermometerPayload.ReminderKind, survey.Id);
            var reminders = db.OutboxMessages.Where(o => o.Kind == ThermometerPayload.ReminderKind && o.DedupKey.StartsWith(prefix));
            await db.NotificationDeliveries.Where(d => reminders.Select(r => r.Id).Contains(d.OutboxMessageId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await reminders.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await scope.ServiceProvider.GetRequiredService<ThermometerSurveys>().CloseAsync(survey.Id, today, cancellationToken).ConfigureAwait(false);
        }

        var recipients = new List<string> { startedBy };
        try
        {
            if (await classes.MentorOfAsync(survey.LocationId, survey.ClassName, cancellationToken).ConfigureAwait(false) is { Length: > 0 } mentor)
            {
                recipients.Add(mentor);
            }
        }
        catch (AmbiguousClassException)
        {
            // The class's name became ambiguous since the start: the one who started it and the coordinators still get the results.
        }

        recipients.AddRange((await directory.GetRoleHoldersAsync(survey.LocationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false)).Select(c => c.Id));
        var now = time.GetUtcNow();
        var due = ResultsDue(today);
        await StoreAsync(
            [.. recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.OrdinalIgnoreCase).Select(r =>
            {
                var message = OutboxMessage.Create(ThermometerPayload.ResultsKind, ThermometerPayload.DedupKey(ThermometerPayload.ResultsKind, survey.Id, r), new ThermometerPayload(survey.Id), r, now);
                message.NextAttemptAt = due > now ? due : now;
                return message;
            })],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the messages whose dedup key is not stored yet (a job taken over after a crash sends nothing twice).</summary>
    private async Task StoreAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var keys = messages.Select(m => m.DedupKey).ToList();
        var stored = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.OutboxMessages.AddRange(messages.Where(m => !stored.Contains(m.DedupKey)));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another holder of an expired lease stored the same messages at this moment: nothing twice.
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thermometer poll failed: {ErrorType}")]
    private static partial void LogPollFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Thermometer job done: {JobKind}")]
    private static partial void LogJobDone(ILogger logger, string jobKind);
}
