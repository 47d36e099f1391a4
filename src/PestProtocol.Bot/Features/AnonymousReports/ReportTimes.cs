namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Times in the anonymous module are kept to the whole hour: an exact time could point to the sender.</summary>
public static class ReportTimes
{
    private static readonly TimeZoneInfo Amsterdam = FindAmsterdam();

    /// <summary>The instant rounded down to the whole hour, in UTC.</summary>
    public static DateTimeOffset ToHour(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>How a whole-hour time is shown: "12-03-2027 rond 14:00" in Dutch local time.</summary>
    public static string Show(DateTimeOffset value)
    {
        var local = TimeZoneInfo.ConvertTime(value, Amsterdam);
        return local.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture) + " rond " + local.ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static TimeZoneInfo FindAmsterdam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
