using System.Globalization;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// Reads a date as Dutch users type it, relative to <c>today</c>:
/// <list type="bullet">
/// <item>"vandaag", "morgen", "overmorgen", "gisteren", "eergisteren";</item>
/// <item>a weekday ("maandag", also "a.s. maandag", "aanstaande maandag", "volgende maandag") = the next such day
/// AFTER today (on a Monday, "maandag" is a week later); "vorige maandag" = the last such day before today;</item>
/// <item>"12-3", "12/3", "12-03-2027", "12/3/27", "2027-03-12" (ISO), "12 maart", "12 mrt", "12 maart 2027";</item>
/// <item>a date WITHOUT a year is the nearest one that is today or later (on 24 November, "12-3" is 12 March
/// of next year, "30-11" is this year): follow-up dates lie ahead. Write the year to mean a past date.</item>
/// </list>
/// </summary>
public static class DutchDateRecognizer
{
    private static readonly string[] Weekdays = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

    private static readonly (string Name, int Month)[] Months =
    [
        ("januari", 1), ("jan", 1), ("februari", 2), ("feb", 2), ("maart", 3), ("mrt", 3), ("mar", 3), ("april", 4), ("apr", 4),
        ("mei", 5), ("juni", 6), ("jun", 6), ("juli", 7), ("jul", 7), ("augustus", 8), ("aug", 8),
        ("september", 9), ("sep", 9), ("sept", 9), ("oktober", 10), ("okt", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    ];

    /// <summary>Recognises <paramref name="text"/> as a date; false when it is not one (or not a real day).</summary>
    public static bool TryRecognize(string? text, DateOnly today, out DateOnly date)
    {
        date = default;
        var input = text?.Trim().TrimEnd('.').Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(input))
        {
            return false;
        }

        switch (input)
        {
            case "vandaag": date = today; return true;
            case "morgen": date = today.AddDays(1); return true;
            case "overmorgen": date = today.AddDays(2); return true;
            case "gisteren": date = today.AddDays(-1); return true;
            case "eergisteren": date = today.AddDays(-2); return true;
        }

        return TryWeekday(input, today, out date) || TryNumeric(input, today, out date) || TryMonthName(input, today, out date);
    }

    private static bool TryWeekday(string input, DateOnly today, out DateOnly date)
    {
        date = default;
        var past = false;
        foreach (var prefix in (string[])["a.s. ", "as ", "aanstaande ", "volgende ", "komende ", "vorige ", "afgelopen "])
        {
            if (input.StartsWith(prefix, StringComparison.Ordinal))
            {
                past = prefix is "vorige " or "afgelopen ";
                input = input[prefix.Length..].Trim();
                break;
            }
        }

        var day = Array.IndexOf(Weekdays, input);
        if (day < 0)
        {
            return false;
        }

        var current = (int)today.DayOfWeek;
        if (past)
        {
            var back = (current - day + 7) % 7;
            date = today.AddDays(back == 0 ? -7 : -back);
        }
        else
        {
            var ahead = (day - current + 7) % 7;
            date = today.AddDays(ahead == 0 ? 7 : ahead);
        }

        return true;
    }

    private static bool TryNumeric(string input, DateOnly today, out DateOnly date)
    {
        date = default;
        var parts = input.Split('-', '/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts.Length == 3 && parts[0].Length == 4)
        {
            return TryCreate(numbers[0], numbers[1], numbers[2], out date); // ISO yyyy-mm-dd
        }

        if (parts.Length == 2)
        {
            return TryUpcoming(numbers[0], numbers[1], today, out date);
        }

        var year = parts[2].Length == 2 ? 2000 + numbers[2] : numbers[2];
        return parts[2].Length is 2 or 4 && TryCreate(year, numbers[1], numbers[0], out date);
    }

    private static bool TryMonthName(string input, DateOnly today, out DateOnly date)
    {
        date = default;
        var words = input.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 3 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return false;
        }

        var month = Months.FirstOrDefault(m => m.Name == words[1].TrimEnd('.')).Month;
        if (month == 0)
        {
            return false;
        }

        if (words.Length == 2)
        {
            return TryUpcoming(day, month, today, out date);
        }

        return words[2].Length == 4 && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && TryCreate(year, month, day, out date);
    }

    private static bool TryUpcoming(int day, int month, DateOnly today, out DateOnly date)
    {
        // 29 February without a year: the next year that has one.
        for (var year = today.Year; year <= today.Year + 8; year++)
        {
            if (TryCreate(year, month, day, out date) && date >= today)
            {
                return true;
            }

            if (month is < 1 or > 12 || day is < 1 or > 31)
            {
                break;
            }
        }

        date = default;
        return false;
    }

    private static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
