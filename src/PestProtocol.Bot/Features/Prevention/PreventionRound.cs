using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Prevention;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Prevention;

/// <summary>Section <c>Prevention</c>: when the yearly prevention round starts and when the coordinator is reminded.</summary>
public sealed class PreventionOptions
{
    public const string Section = "Prevention";

    /// <summary>Run the yearly round (the end-to-end tests switch it off so its cards do not mix into other scenarios).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The day the round starts each school year, MM-dd (the first school day on or after it).</summary>
    public string StartDate { get; set; } = "09-01";

    /// <summary>School days after the start at which the coordinator is reminded, once, of what is not done.</summary>
    public int ReminderAfterSchoolDays { get; set; } = 20;

    /// <summary>Parses <see cref="StartDate"/> for a school year.</summary>
    public static DateOnly? StartIn(string? monthDay, int schoolYear)
    {
        if (!DateOnly.TryParseExact($"2000-{monthDay?.Trim()}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var year = day.Month >= 8 ? schoolYear : schoolYear + 1;
        return day.Month == 2 && day.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 3, 1) : new DateOnly(year, day.Month, day.Day);
    }
}

/// <summary>A class at a location and its mentor, as the school directory knows them.</summary>
public sealed record SchoolClass(string Name, string LocationId, string? MentorId);

/// <summary>The classes of a location with their mentors.</summary>
public interface IClassRoster
{
    Task<IReadOnlyList<SchoolClass>> GetClassesAsync(string locationId, CancellationToken cancellationToken);
}

/// <summary>
/// The classes of a location from the school directory: <c>Directory:Classes</c> in development, Microsoft Graph
/// (education classes or class groups) in production — the same source the thermometer uses. Where the directory does not
/// list a class's mentor with it (Graph: a call per class, cached), the mentor is asked per class; a class whose name is
/// ambiguous at the location keeps no mentor (no card goes to a guess) and is still listed.
/// </summary>
public sealed class DirectoryClassRoster(IDirectory directory) : IClassRoster
{
    public async Task<IReadOnlyList<SchoolClass>> GetClassesAsync(string locationId, CancellationToken cancellationToken)
    {
        var classes = await directory.GetLocationClassesAsync(locationId, cancellationToken).ConfigureAwait(false);
        var result = new List<SchoolClass>(classes.Count);
        foreach (var c in classes.Where(c => !string.IsNullOrWhiteSpace(c.Name)))
        {
            var mentor = c.MentorId ?? await MentorOrNullAsync(locationId, c.Name, cancellationToken).ConfigureAwait(false);
            result.Add(new SchoolClass(c.Name, locationId, mentor));
        }

        return [.. result.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private async Task<string?> MentorOrNullAsync(string locationId, string className, CancellationToken cancellationToken)
    {
        try
        {
            return await directory.GetClassMentorIdAsync(locationId, className, cancellationToken).ConfigureAwait(false);
        }
        catch (AmbiguousClassException)
        {
            return null;
        }
    }
}

/// <summary>Outbox payload of the prevention cards (ids and the school year only).</summary>
public sealed record PreventionPayload(
    [property: JsonPropertyName("schoolYear")] int SchoolYear,
    [property: JsonPropertyName("locationId")] string LocationId)
{
    /// <summary>The coordinator's checklist.</summary>
    public const string ChecklistKind = "prevention-checklist";

    /// <summary>A mentor's card for their classes.</summary>
    public const string ClassesKind = "prevention-classes";

    /// <summary>The coordinator's one reminder of what is not done.</summary>
    public const string ReminderKind = "prevention-reminder";
}

/// <summary>
/// The yearly prevention round: on the configured start day (the first school day on or after it) every location's
/// anti-pestcoördinator gets the checklist and every mentor a card for their classes; <see cref="PreventionOptions.ReminderAfterSchoolDays"/>
/// school days later the coordinator is reminded once of what is not done (nothing when all is done). Each step is a
/// leased job (<see cref="FollowUpJobs"/>) whose outbox messages have unique dedup keys, so several instances and a
/// killed process send each card once. Run by the follow-up scheduler's poll.
/// </summary>
public sealed partial class PreventionRound(
    IServiceScopeFactory scopes,
    IDirectory directory,
    IClassRoster roster,
    SchoolCalendar calendar,
    IOptions<PreventionOptions> options,
    IOptions<FollowUpOptions> followUpOptions,
    TimeProvider time,
    ILogger<PreventionRound> logger)
{
    /// <summary>When the round of a school year starts.</summary>
    public DateTimeOffset StartOf(int schoolYear) =>
        AtHour(calendar.SchoolDayOnOrAfter(PreventionOptions.StartIn(options.Value.StartDate, schoolYear) ?? new DateOnly(schoolYear, 9, 1)));

    /// <summary>When the coordinator is reminded in a school year.</summary>
    public DateTimeOffset ReminderOf(int schoolYear) =>
        AtHour(calendar.AddSchoolDays(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(StartOf(schoolYear), SchoolTime.Zone).DateTime), Math.Max(1, options.Value.ReminderAfterSchoolDays)));

    /// <summary>The school year it is now.</summary>
    public int CurrentSchoolYear => PreventionChecklist.SchoolYearOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), SchoolTime.Zone).DateTime));

    /// <summary>Does what is due now for every location; returns how many jobs it did.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var year = CurrentSchoolYear;
        if (!options.Value.Enabled || now < StartOf(year))
        {
            return 0;
        }

        var done = 0;
        foreach (var location in await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false))
        {
            // A bot that was not running on the start day still starts the round, but not once the reminder is due:
            // a checklist for September arriving in December helps nobody. The reminder follows a round that started.
            if (now < ReminderOf(year))
            {
                done += await RunJobAsync($"prevention:{year}:start:{location.Id}", () => StartMessagesAsync(year, location.Id, now, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            else if (await IsDoneAsync($"prevention:{year}:start:{location.Id}", cancellationToken).ConfigureAwait(false))
            {
                done += await RunJobAsync($"prevention:{year}:reminder:{location.Id}", () => ReminderMessagesAsync(year, location.Id, now, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }

        return done;
    }

    /// <summary>What the location has done so far in a school year.</summary>
    public static async Task<PreventionProgress> ProgressAsync(PestProtocolDbContext db, int schoolYear, string locationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<PreventionRecord>().AsNoTracking()
            .Where(r => r.SchoolYear == schoolYear && r.LocationId == locationId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new PreventionProgress(
            rows.Where(r => !r.Item.StartsWith(ClassItemPrefix, StringComparison.Ordinal)).ToDictionary(r => r.Item, r => r.DoneOn),
            rows.Where(r => r.Item.StartsWith(ClassItemPrefix, StringComparison.Ordinal)).ToDictionary(r => r.Item[ClassItemPrefix.Length..], r => r.DoneOn));
    }

    /// <summary>The item key of a class.</summary>
    public const string ClassItemPrefix = "klas:";

    private async Task<bool> IsDoneAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().Set<FollowUpJobRecord>().AsNoTracking()
            .AnyAsync(j => j.Key == key && j.Status == FollowUpJobStatus.Done, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunJobAsync(string key, Func<Task<IReadOnlyList<OutboxMessage>>> plan, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<FollowUpJobs>();
        if (await db.Set<FollowUpJobRecord>().AsNoTracking().AnyAsync(j => j.Key == key && j.Status == FollowUpJobStatus.Done, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var token = $"{followUpOptions.Value.InstanceName ?? Environment.MachineName}:{Guid.NewGuid():N}";
        if (!await jobs.TryLeaseAsync(key, Guid.Empty, "prevention", token, followUpOptions.Value.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var messages = await plan().ConfigureAwait(false);
        var keys = messages.Select(m => m.DedupKey).ToList();
        var stored = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.OutboxMessages.AddRange(messages.Where(m => !stored.Contains(m.DedupKey)));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another holder of an expired lease stored the same messages (unique dedup keys) at this moment: nothing twice.
            db.ChangeTracker.Clear();
        }

        await jobs.CompleteAsync(key, token, cancellationToken).ConfigureAwait(false);
        LogJobDone(logger);
        return 1;
    }

    private async Task<IReadOnlyList<OutboxMessage>> StartMessagesAsync(int year, string locationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payload = new PreventionPayload(year, locationId);
        var messages = new List<OutboxMessage>();
        foreach (var coordinator in await directory.GetRoleHoldersAsync(locationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false))
        {
            messages.Add(OutboxMessage.Create(PreventionPayload.ChecklistKind, $"{PreventionPayload.ChecklistKind}:{year}:{locationId}:{coordinator.Id}", payload, coordinator.Id, now));
        }

        var mentors = (await roster.GetClassesAsync(locationId, cancellationToken).ConfigureAwait(false))
            .Select(c => c.MentorId).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var mentor in mentors)
        {
            messages.Add(OutboxMessage.Create(PreventionPayload.ClassesKind, $"{PreventionPayload.ClassesKind}:{year}:{locationId}:{mentor}", payload, mentor, now));
        }

        return messages;
    }

    private async Task<IReadOnlyList<OutboxMessage>> ReminderMessagesAsync(int year, string locationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var progress = await ProgressAsync(db, year, locationId, cancellationToken).ConfigureAwait(false);
        var classes = await roster.GetClassesAsync(locationId, cancellationToken).ConfigureAwait(false);
        if (progress.Outstanding(classes.Select(c => c.Name)).Count == 0)
        {
            return [];
        }

        var payload = new PreventionPayload(year, locationId);
        return [.. (await directory.GetRoleHoldersAsync(locationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false))
            .Select(c => OutboxMessage.Create(PreventionPayload.ReminderKind, $"{PreventionPayload.ReminderKind}:{year}:{locationId}:{c.Id}", payload, c.Id, now))];
    }

    private DateTimeOffset AtHour(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(Math.Clamp(followUpOptions.Value.ReminderHour, 0, 23), 0));
        return new DateTimeOffset(local, SchoolTime.Zone.GetUtcOffset(local));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prevention round job done")]
    private static partial void LogJobDone(ILogger logger);
}
