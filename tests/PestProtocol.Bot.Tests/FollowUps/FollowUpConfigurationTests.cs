using Microsoft.Extensions.Configuration;
using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Features.FollowUps;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>The start-up check names every wrong follow-up setting, so a holiday list with a typo never starts.</summary>
public sealed class FollowUpConfigurationTests
{
    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings) =>
        BotConfigurationValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void A_correct_school_year_passes_and_becomes_the_calendar()
    {
        var settings = new Dictionary<string, string?>
        {
            ["FollowUps:GraceSchoolDays"] = "3",
            ["FollowUps:SchoolYears:0:Year"] = "2026-2027",
            ["FollowUps:SchoolYears:0:FreeDays:0:Name"] = "Herfstvakantie",
            ["FollowUps:SchoolYears:0:FreeDays:0:From"] = "2026-10-17",
            ["FollowUps:SchoolYears:0:FreeDays:0:To"] = "2026-10-25",
            ["FollowUps:SchoolYears:0:FreeDays:1:Name"] = "Studiedag",
            ["FollowUps:SchoolYears:0:FreeDays:1:From"] = "2026-11-11",
        };
        Assert.Empty(Problems(settings));

        var options = new FollowUpOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(FollowUpOptions.Section).Bind(options);
        var calendar = options.ToCalendar();
        Assert.False(calendar.IsSchoolDay(new DateOnly(2026, 10, 20)));
        Assert.False(calendar.IsSchoolDay(new DateOnly(2026, 11, 11)));
        Assert.True(calendar.IsSchoolDay(new DateOnly(2026, 11, 12)));
    }

    [Fact]
    public void Every_wrong_setting_is_named()
    {
        var problems = Problems(new Dictionary<string, string?>
        {
            ["FollowUps:GraceSchoolDays"] = "0",
            ["FollowUps:PollInterval"] = "soon",
            ["FollowUps:SchoolYears:0:Year"] = "2026-2028",
            ["FollowUps:SchoolYears:1:Year"] = "2026-2027",
            ["FollowUps:SchoolYears:1:FreeDays:0:Name"] = "Kerstvakantie",
            ["FollowUps:SchoolYears:1:FreeDays:0:From"] = "2027-01-03",
            ["FollowUps:SchoolYears:1:FreeDays:0:To"] = "2026-12-19",
            ["FollowUps:SchoolYears:1:FreeDays:1:Name"] = "Zomervakantie",
            ["FollowUps:SchoolYears:1:FreeDays:1:From"] = "2027-07-17",
            ["FollowUps:SchoolYears:1:FreeDays:1:To"] = "2027-08-29",
            ["FollowUps:SchoolYears:1:FreeDays:2:From"] = "31-12-2026",
        });

        Assert.Contains(problems, p => p.StartsWith("FollowUps:GraceSchoolDays:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FollowUps:PollInterval:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FollowUps:SchoolYears:0:Year:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FollowUps:SchoolYears:1:FreeDays:0:", StringComparison.Ordinal) && p.Contains("before", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FollowUps:SchoolYears:1:FreeDays:1:", StringComparison.Ordinal) && p.Contains("not within school year 2026-2027", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FollowUps:SchoolYears:1:FreeDays:2:Name:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FollowUps:SchoolYears:1:FreeDays:2:", StringComparison.Ordinal) && p.Contains("yyyy-MM-dd", StringComparison.Ordinal));
    }
}
