using System.Globalization;
using PestProtocol.Domain.FollowUps;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>Section <c>FollowUps</c>: the follow-up scheduler and the school's free days.</summary>
public sealed class FollowUpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FollowUps";

    /// <summary>Run the scheduler in this process (several instances may; each job is leased by one).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due follow-ups.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an instance holds a job before another may take it over (a killed process loses nothing).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>School days after the reminder within which the owner answers; after that the coordinator is told.</summary>
    public int GraceSchoolDays { get; set; } = 2;

    /// <summary>The hour (school time) at which a follow-up day's reminder and an escalation go out.</summary>
    public int ReminderHour { get; set; } = 8;

    /// <summary>Name of this instance in its lease tokens (default: machine name and a random suffix).</summary>
    public string? InstanceName { get; set; }

    /// <summary>The free days (holidays, study days) per school year.</summary>
    public List<SchoolYearOptions> SchoolYears { get; set; } = [];

    /// <summary>The school calendar these options describe (call after validation).</summary>
    public SchoolCalendar ToCalendar() => new(SchoolYears.SelectMany(y => y.FreeDays).Select(f => new FreePeriod(
        f.Name ?? string.Empty,
        ParseDay(f.From)!.Value,
        ParseDay(string.IsNullOrWhiteSpace(f.To) ? f.From : f.To)!.Value)));

    internal static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>One school year ("2026-2027", from 1 August to 31 July) and its free days.</summary>
public sealed class SchoolYearOptions
{
    /// <summary>"2026-2027".</summary>
    public string? Year { get; set; }

    /// <summary>Holidays and study days in that year.</summary>
    public List<FreeDaysOptions> FreeDays { get; set; } = [];
}

/// <summary>A holiday or study day: a name and a first and last day (yyyy-MM-dd; <see cref="To"/> empty for one day).</summary>
public sealed class FreeDaysOptions
{
    /// <summary>"Herfstvakantie".</summary>
    public string? Name { get; set; }

    /// <summary>First free day, yyyy-MM-dd.</summary>
    public string? From { get; set; }

    /// <summary>Last free day, yyyy-MM-dd (empty: only <see cref="From"/>).</summary>
    public string? To { get; set; }
}
