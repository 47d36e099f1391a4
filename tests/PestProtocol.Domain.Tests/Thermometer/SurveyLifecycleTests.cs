using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Domain.Tests.Thermometer;

/// <summary>A survey opens for a class, closes at the end of a school day, and a closed survey stays closed.</summary>
public sealed class SurveyLifecycleTests
{
    private static readonly SchoolCalendar Calendar = new(
    [
        new FreePeriod("Kerstvakantie", new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 3)),
    ]);

    private static ThermometerResult<ThermometerSurvey> Open(DateOnly today, DateOnly? closesOn = null, int invited = 28) =>
        ThermometerSurvey.Open(Guid.NewGuid(), "klas-2b", "2B", "loc-noord", invited, Calendar, today, closesOn);

    [Fact]
    public void Without_a_date_it_runs_a_week_and_closes_on_a_school_day()
    {
        // Wednesday 2 December + 7 = Wednesday 9 December.
        Assert.Equal(new DateOnly(2026, 12, 9), Open(new DateOnly(2026, 12, 2)).Value!.ClosesOn);
        // Saturday 12 December + 7 = Saturday 19 December, in the Christmas holiday: Monday 4 January.
        Assert.Equal(new DateOnly(2027, 1, 4), Open(new DateOnly(2026, 12, 12)).Value!.ClosesOn);
    }

    [Fact]
    public void A_closing_date_in_the_weekend_a_holiday_the_past_or_far_away_is_refused_with_a_better_day()
    {
        var today = new DateOnly(2026, 12, 2);
        var weekend = Open(today, new DateOnly(2026, 12, 5));
        Assert.False(weekend.IsOk);
        Assert.Contains("weekend", weekend.Refusal, StringComparison.Ordinal);
        Assert.Contains("07-12-2026", weekend.Refusal, StringComparison.Ordinal);

        var holiday = Open(today, new DateOnly(2026, 12, 23));
        Assert.Contains("Kerstvakantie", holiday.Refusal, StringComparison.Ordinal);
        Assert.Contains("04-01-2027", holiday.Refusal, StringComparison.Ordinal);

        Assert.False(Open(today, today).IsOk);
        Assert.False(Open(today, today.AddDays(-3)).IsOk);
        Assert.False(Open(today, new DateOnly(2027, 3, 1)).IsOk);
        Assert.True(Open(today, new DateOnly(2026, 12, 4)).IsOk);
    }

    [Fact]
    public void A_class_without_students_cannot_be_surveyed()
    {
        var empty = Open(new DateOnly(2026, 12, 2), invited: 0);
        Assert.False(empty.IsOk);
        Assert.Contains("2B", empty.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_are_taken_through_the_closing_day_and_the_survey_is_due_to_close_the_day_after()
    {
        var survey = Open(new DateOnly(2026, 12, 2)).Value!;
        Assert.True(survey.AcceptsAnswersOn(new DateOnly(2026, 12, 9)));
        Assert.False(survey.IsDueToCloseOn(new DateOnly(2026, 12, 9)));
        Assert.True(survey.IsDueToCloseOn(new DateOnly(2026, 12, 10)));
        Assert.False(survey.AcceptsAnswersOn(new DateOnly(2026, 12, 10)));
    }

    [Fact]
    public void Closing_early_stops_answers_and_closing_again_changes_nothing()
    {
        var closed = Open(new DateOnly(2026, 12, 2)).Value!.Close(new DateOnly(2026, 12, 4));
        Assert.Equal(ThermometerSurveyState.Closed, closed.State);
        Assert.False(closed.AcceptsAnswersOn(new DateOnly(2026, 12, 4)));
        Assert.False(closed.IsDueToCloseOn(new DateOnly(2026, 12, 20)));
        Assert.Equal(closed, closed.Close(new DateOnly(2026, 12, 8)));
        Assert.Equal(new DateOnly(2026, 12, 4), closed.ClosedOn);
    }
}
