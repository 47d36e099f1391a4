using PestProtocol.Domain.FollowUps;

namespace PestProtocol.Domain.Tests.FollowUps;

/// <summary>Follow-ups fall on school days: never in a weekend or a holiday.</summary>
public sealed class SchoolCalendarTests
{
    private static readonly SchoolCalendar Calendar = new(
    [
        new FreePeriod("Herfstvakantie", new DateOnly(2026, 10, 17), new DateOnly(2026, 10, 25)),
        new FreePeriod("Studiedag", new DateOnly(2026, 11, 11), new DateOnly(2026, 11, 11)),
    ]);

    [Fact]
    public void Weekends_and_free_days_are_no_school_days()
    {
        Assert.True(Calendar.IsSchoolDay(new DateOnly(2026, 10, 16)));   // Friday
        Assert.False(Calendar.IsSchoolDay(new DateOnly(2026, 10, 10)));  // Saturday
        Assert.False(Calendar.IsSchoolDay(new DateOnly(2026, 10, 21)));  // in the autumn holiday
        Assert.False(Calendar.IsSchoolDay(new DateOnly(2026, 11, 11)));  // study day
        Assert.Equal("Herfstvakantie", Calendar.FreePeriodOf(new DateOnly(2026, 10, 19))?.Name);
    }

    [Fact]
    public void Two_weeks_ahead_moves_off_a_sunday()
    {
        // Sunday 2026-12-06 + 14 days = Sunday 2026-12-20: the follow-up is on Monday 21 December.
        Assert.Equal(new DateOnly(2026, 12, 21), Calendar.SuggestFollowUpDay(new DateOnly(2026, 12, 6)));
    }

    [Fact]
    public void Two_weeks_ahead_moves_past_a_holiday()
    {
        // Wednesday 7 October + 14 days = Wednesday 21 October, in the autumn holiday: Monday 26 October.
        Assert.Equal(new DateOnly(2026, 10, 26), Calendar.SuggestFollowUpDay(new DateOnly(2026, 10, 7)));
    }

    [Fact]
    public void Counting_school_days_skips_weekends_and_free_days()
    {
        // Tuesday 10 November + 2 school days: Wednesday 11 is a study day, so Thursday 12 and Friday 13.
        Assert.Equal(new DateOnly(2026, 11, 13), Calendar.AddSchoolDays(new DateOnly(2026, 11, 10), 2));
        // Friday 16 October + 1 school day: after the weekend and the holiday, Monday 26 October.
        Assert.Equal(new DateOnly(2026, 10, 26), Calendar.AddSchoolDays(new DateOnly(2026, 10, 16), 1));
    }
}
