using System.Globalization;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Section <c>AnonymousReports:ReplyNotice</c>: the neutral notice to every student of a location on a school day the school
/// answered an anonymous report there (docs/SECURITY.md, section 3a).
/// </summary>
public sealed class ReplyNoticeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = AnonymousReportOptions.Section + ":ReplyNotice";

    /// <summary>Send the notice (default). Off: nothing is marked or sent; students look with <c>status</c> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The hour (school time, Europe/Amsterdam) of the day's notice, 0 to 23. Default 15: after lessons.</summary>
    public int Hour { get; set; } = 15;

    /// <summary>How often the round looks whether the hour has come. Default one minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The problems of these settings, in words for the administrator; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Hour is < 0 or > 23)
        {
            problems.Add($"{Section}:Hour: must be a whole hour from 0 to 23 (school time, Europe/Amsterdam); the default 15 is after lessons.");
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:PollInterval: must be a duration (hh:mm:ss) above 00:00:00 and at most 01:00:00.");
        }

        return problems;
    }

    /// <summary>Checks the raw settings at start-up (BotConfigurationValidator): what cannot be read or lies outside its range.</summary>
    public static void Check(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var section = configuration.GetSection(Section);
        if (section["Enabled"] is { Length: > 0 } enabled && !bool.TryParse(enabled, out _))
        {
            problems.Add($"{Section}:Enabled: must be true or false (true: every student of a location gets a short notice without content on a school day the school answered an anonymous report there).");
        }

        if (section["Hour"] is { Length: > 0 } hour && (!int.TryParse(hour, NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) || h is < 0 or > 23))
        {
            problems.Add($"{Section}:Hour: must be a whole hour from 0 to 23 (school time, Europe/Amsterdam); the default 15 is after lessons.");
        }

        if (section["PollInterval"] is { Length: > 0 } poll
            && (!TimeSpan.TryParse(poll, CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero || interval > TimeSpan.FromHours(1)))
        {
            problems.Add($"{Section}:PollInterval: must be a duration (hh:mm:ss) above 00:00:00 and at most 01:00:00.");
        }
    }
}
