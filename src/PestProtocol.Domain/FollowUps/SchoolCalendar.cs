namespace PestProtocol.Domain.FollowUps;

/// <summary>A stretch of days without school (a holiday, a study day), both ends included.</summary>
/// <param name="Name">What it is called ("Herfstvakantie").</param>
/// <param name="From">The first free day.</param>
/// <param name="To">The last free day.</param>
public sealed record FreePeriod(string Name, DateOnly From, DateOnly To)
{
    /// <summary>True when <paramref name="day"/> falls in this period.</summary>
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// The school days of a school: Monday to Friday, except the free days of the school years it was given (holidays,
/// study days). Follow-ups and reminders fall only on school days.
/// </summary>
public sealed class SchoolCalendar
{
    /// <summary>How far ahead a follow-up is planned by default (the protocol's two weeks).</summary>
    public const int DefaultFollowUpDays = 14;

    private readonly IReadOnlyList<FreePeriod> _free;

    /// <summary>A calendar with these free periods (weekends are always free).</summary>
    public SchoolCalendar(IEnumerable<FreePeriod>? freePeriods = null)
    {
        _free = (freePeriods ?? []).ToList();
    }

    /// <summary>A calendar that only knows weekends.</summary>
    public static SchoolCalendar WeekendsOnly { get; } = new();

    /// <summary>The free periods this calendar knows.</summary>
    public IReadOnlyList<FreePeriod> FreePeriods => _free;

    /// <summary>True on a weekday outside every free period.</summary>
    public bool IsSchoolDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_free.Any(p => p.Contains(day));

    /// <summary>The free period <paramref name="day"/> falls in, if any.</summary>
    public FreePeriod? FreePeriodOf(DateOnly day) => _free.FirstOrDefault(p => p.Contains(day));

    /// <summary><paramref name="day"/> itself when it is a school day, else the first school day after it.</summary>
    public DateOnly SchoolDayOnOrAfter(DateOnly day)
    {
        // A school year has at most a few months free in a row; a year of searching means the calendar is broken.
        for (var i = 0; i < 366; i++)
        {
            var candidate = day.AddDays(i);
            if (IsSchoolDay(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The school calendar has no school day within a year.");
    }

    /// <summary>The school day <paramref name="schoolDays"/> school days after <paramref name="day"/> (0: the first school day on or after it).</summary>
    public DateOnly AddSchoolDays(DateOnly day, int schoolDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(schoolDays);
        var current = SchoolDayOnOrAfter(day);
        for (var i = 0; i < schoolDays; i++)
        {
            current = SchoolDayOnOrAfter(current.AddDays(1));
        }

        return current;
    }

    /// <summary>The default follow-up day: two weeks from <paramref name="today"/>, moved to the next school day when that is free.</summary>
    public DateOnly SuggestFollowUpDay(DateOnly today, int days = DefaultFollowUpDays) => SchoolDayOnOrAfter(today.AddDays(days));
}
