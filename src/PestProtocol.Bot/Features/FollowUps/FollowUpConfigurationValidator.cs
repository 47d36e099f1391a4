using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>
/// Checks section <c>FollowUps</c> at start (called from <see cref="Configuration.BotConfigurationValidator"/>): sensible
/// durations, a grace period of whole school days, and free days that are real dates inside the school year they are
/// listed under, so a typo in the holiday list cannot silently send a reminder in the middle of the summer.
/// </summary>
public static partial class FollowUpConfigurationValidator
{
    /// <summary>Every problem, one line each, naming the key.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var section = configuration.GetSection(FollowUpOptions.Section);
        CheckDuration(section, "PollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), problems);
        CheckDuration(section, "LeaseDuration", TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), problems);
        CheckInt(section, "GraceSchoolDays", 1, 20, problems);
        CheckInt(section, "ReminderHour", 6, 16, problems);
        if (section["SchedulerEnabled"] is { Length: > 0 } enabled && !bool.TryParse(enabled, out _))
        {
            problems.Add("FollowUps:SchedulerEnabled: must be true or false.");
        }

        var years = new HashSet<int>();
        foreach (var year in section.GetSection("SchoolYears").GetChildren())
        {
            var key = year.Path;
            var match = SchoolYear().Match(year["Year"] ?? string.Empty);
            if (!match.Success || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
            {
                problems.Add($"{key}:Year: must be a school year such as 2026-2027.");
                continue;
            }

            var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!years.Add(first))
            {
                problems.Add($"{key}:Year: school year {first}-{first + 1} is listed twice.");
            }

            var start = new DateOnly(first, 8, 1);
            var end = new DateOnly(first + 1, 7, 31);
            foreach (var free in year.GetSection("FreeDays").GetChildren())
            {
                if (string.IsNullOrWhiteSpace(free["Name"]))
                {
                    problems.Add($"{free.Path}:Name: required (e.g. Herfstvakantie).");
                }

                var from = FollowUpOptions.ParseDay(free["From"]);
                var to = string.IsNullOrWhiteSpace(free["To"]) ? from : FollowUpOptions.ParseDay(free["To"]);
                if (from is null || to is null)
                {
                    problems.Add($"{free.Path}: From and To must be dates written yyyy-MM-dd (To may be left out for one day).");
                    continue;
                }

                if (to < from)
                {
                    problems.Add($"{free.Path}: To ({to:yyyy-MM-dd}) is before From ({from:yyyy-MM-dd}).");
                }
                else if (from < start || to > end)
                {
                    problems.Add($"{free.Path}: {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is not within school year {first}-{first + 1} (1 August to 31 July).");
                }
            }
        }

        var prevention = configuration.GetSection("Prevention");
        if (prevention["StartDate"] is { Length: > 0 } startDate && Prevention.PreventionOptions.StartIn(startDate, 2026) is null)
        {
            problems.Add("Prevention:StartDate: must be a day of the year written MM-dd, e.g. 09-01.");
        }

        if (prevention["ReminderAfterSchoolDays"] is { Length: > 0 } after
            && (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > 100))
        {
            problems.Add("Prevention:ReminderAfterSchoolDays: must be a whole number from 1 to 100.");
        }

        return problems;
    }

    private static void CheckDuration(IConfigurationSection section, string name, TimeSpan min, TimeSpan max, List<string> problems)
    {
        if (section[name] is not { Length: > 0 } text)
        {
            return;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add($"FollowUps:{name}: must be a duration (hh:mm:ss) from {min:c} to {max:c}.");
        }
    }

    private static void CheckInt(IConfigurationSection section, string name, int min, int max, List<string> problems)
    {
        if (section[name] is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max))
        {
            problems.Add($"FollowUps:{name}: must be a whole number from {min} to {max}.");
        }
    }

    [GeneratedRegex(@"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")]
    private static partial Regex SchoolYear();
}
