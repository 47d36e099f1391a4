using System.Globalization;

namespace PestProtocol.Bot.Features.Overview.Cards;

/// <summary>
/// Dates and times as a Dutch school reads them, in Europe/Amsterdam: "di 24 nov", "di 24 nov 2026, 14:05".
/// The names are written out here so the result does not depend on the server's culture data.
/// </summary>
public static class DutchDates
{
    private static readonly string[] Days = ["zo", "ma", "di", "wo", "do", "vr", "za"];
    private static readonly string[] Months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    /// <summary>Europe/Amsterdam (or the Windows name of the same zone).</summary>
    public static TimeZoneInfo Amsterdam { get; } = FindAmsterdam();

    /// <summary>The calendar day in Amsterdam of a moment.</summary>
    public static DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Amsterdam).DateTime);

    /// <summary>"di 24 nov".</summary>
    public static string ShortDate(DateTimeOffset moment) => ShortDate(DayOf(moment));

    /// <summary>"di 24 nov".</summary>
    public static string ShortDate(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{Days[(int)day.DayOfWeek]} {day.Day} {Months[day.Month - 1]}");

    /// <summary>"di 24 nov 2026".</summary>
    public static string DateWithYear(DateTimeOffset moment)
    {
        var day = DayOf(moment);
        return string.Create(CultureInfo.InvariantCulture, $"{ShortDate(day)} {day.Year}");
    }

    /// <summary>"di 24 nov 2026, 14:05" (Amsterdam time).</summary>
    public static string DateAndTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Amsterdam);
        return string.Create(CultureInfo.InvariantCulture, $"{DateWithYear(moment)}, {local.Hour:00}:{local.Minute:00}");
    }

    private static TimeZoneInfo FindAmsterdam()
    {
        foreach (var id in (string[])["Europe/Amsterdam", "W. Europe Standard Time"])
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Local;
    }
}
