using PestProtocol.Domain.FollowUps;

namespace PestProtocol.Domain.Thermometer;

/// <summary>Where a survey is in its life.</summary>
public enum ThermometerSurveyState
{
    /// <summary>Students can answer.</summary>
    Open = 0,

    /// <summary>Closed: no more answers, the respondent key is gone, the results are final.</summary>
    Closed = 1,
}

/// <summary>
/// One run of the thermometer in one class: opened by a mentor or coordinator, open until the end of its closing
/// day (a school day), then closed for good. It knows how many students were invited (for the response rate), never
/// which of them answered.
/// </summary>
public sealed record ThermometerSurvey(
    Guid Id,
    string ClassId,
    string ClassName,
    string LocationId,
    DateOnly OpenedOn,
    DateOnly ClosesOn,
    int InvitedCount,
    ThermometerSurveyState State,
    DateOnly? ClosedOn)
{
    /// <summary>How many calendar days a survey runs when nobody picks a date (a week, moved to a school day).</summary>
    public const int DefaultDays = 7;

    /// <summary>The longest a survey may stay open, so a forgotten one still closes and its key is destroyed.</summary>
    public const int MaxDays = 42;

    /// <summary>The closing day offered by default: a week from <paramref name="today"/>, on a school day.</summary>
    public static DateOnly SuggestClosingDay(SchoolCalendar calendar, DateOnly today) => calendar.SchoolDayOnOrAfter(today.AddDays(DefaultDays));

    /// <summary>
    /// Opens a survey. The closing day must be a school day after today and within <see cref="MaxDays"/>; without one
    /// the default week is used. A class without students cannot be surveyed.
    /// </summary>
    public static ThermometerResult<ThermometerSurvey> Open(
        Guid id, string classId, string className, string locationId, int invitedCount,
        SchoolCalendar calendar, DateOnly today, DateOnly? closesOn = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (string.IsNullOrWhiteSpace(classId) || string.IsNullOrWhiteSpace(className))
        {
            return ThermometerResult<ThermometerSurvey>.Refused("Kies eerst een klas.");
        }

        if (invitedCount <= 0)
        {
            return ThermometerResult<ThermometerSurvey>.Refused($"In klas {className} staan geen leerlingen, dus er is niemand om de thermometer naar te sturen.");
        }

        var closing = closesOn ?? SuggestClosingDay(calendar, today);
        if (closing <= today)
        {
            return ThermometerResult<ThermometerSurvey>.Refused("De sluitingsdatum moet na vandaag liggen, zodat de leerlingen tijd hebben om in te vullen.");
        }

        if (closing > today.AddDays(MaxDays))
        {
            return ThermometerResult<ThermometerSurvey>.Refused($"Kies een sluitingsdatum binnen {MaxDays / 7} weken.");
        }

        if (!calendar.IsSchoolDay(closing))
        {
            var free = calendar.FreePeriodOf(closing);
            var why = free is null ? "valt in het weekend" : $"valt in {free.Name}";
            return ThermometerResult<ThermometerSurvey>.Refused(
                $"{closing:dd-MM-yyyy} {why}. Kies een schooldag, bijvoorbeeld {calendar.SchoolDayOnOrAfter(closing):dd-MM-yyyy}.");
        }

        return ThermometerResult<ThermometerSurvey>.Ok(new ThermometerSurvey(
            id, classId, className, locationId, today, closing, invitedCount, ThermometerSurveyState.Open, null));
    }

    /// <summary>True while students can still answer on <paramref name="today"/> (the closing day included).</summary>
    public bool AcceptsAnswersOn(DateOnly today) => State == ThermometerSurveyState.Open && today <= ClosesOn;

    /// <summary>True when the survey is open but its closing day has passed: the closing job should close it.</summary>
    public bool IsDueToCloseOn(DateOnly today) => State == ThermometerSurveyState.Open && today > ClosesOn;

    /// <summary>
    /// The survey closed early or on time. Closing twice is harmless (returns the same survey), so a retried closing
    /// job changes nothing.
    /// </summary>
    public ThermometerSurvey Close(DateOnly today) =>
        State == ThermometerSurveyState.Closed ? this : this with { State = ThermometerSurveyState.Closed, ClosedOn = today };

    /// <summary>The share of invited students who answered, 0..1.</summary>
    public double ResponseRate(int responses) => InvitedCount == 0 ? 0 : Math.Min(1.0, (double)responses / InvitedCount);
}
