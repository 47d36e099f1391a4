using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.Thermometer;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>With the thermometer registered, "thermometer" starts it (staff) and "thermometer resultaten" asks for the results; staff help names it once.</summary>
public sealed class ThermometerCommandTests
{
    private readonly CommandRecognizer _recognizer = new([ThermometerServiceCollectionExtensions.Command]);

    [Theory]
    [InlineData("thermometer", null)]
    [InlineData("/thermometer", null)]
    [InlineData("Thermometer resultaten", "resultaten")]
    [InlineData("thermometer pesten", "pesten")]
    public void The_word_starts_the_thermometer_dialog(string typed, string? argument)
    {
        var start = Assert.IsType<RecognizedCommand.Start>(_recognizer.RecognizeText(typed));
        Assert.Equal(ThermometerDialog.DialogId, start.Command.DialogId);
        Assert.Equal(argument, start.Argument);
        Assert.True(start.Command.OpenToOthers);
    }

    [Fact]
    public void Staff_help_names_the_thermometer_once_and_student_help_not_at_all()
    {
        var commands = new[] { ThermometerServiceCollectionExtensions.Command };
        var staff = WelcomeCards.Help(Audience.Staff, commands).ToJson();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(staff, "\"title\":\"thermometer\""));
        Assert.DoesNotContain("thermometer", WelcomeCards.Help(Audience.Student, commands).ToJson(), StringComparison.OrdinalIgnoreCase);
    }
}
