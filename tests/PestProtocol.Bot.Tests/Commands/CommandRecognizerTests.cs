using PestProtocol.Bot.Commands;

namespace PestProtocol.Bot.Tests.Commands;

public sealed class CommandRecognizerTests
{
    private static readonly BotCommand Melding = new("melding", ["/melding", "melding maken"], "melding", "Melding starten", "…", Audience.Staff, "de melding");
    private readonly CommandRecognizer _recognizer = new([Melding]);

    [Theory]
    [InlineData("melding")]
    [InlineData("/melding")]
    [InlineData("Melding")]
    [InlineData("  MELDING  ")]
    [InlineData("<at>PestProtocol</at> melding")]
    [InlineData("melding maken")]
    public void Commands_are_recognised_however_they_are_typed(string text) =>
        Assert.Equal(Melding, Assert.IsType<RecognizedCommand.Start>(_recognizer.RecognizeText(text)).Command);

    [Fact]
    public void What_follows_the_command_word_is_its_argument() =>
        Assert.Equal("2026-0007", Assert.IsType<RecognizedCommand.Start>(_recognizer.RecognizeText("melding 2026-0007")).Argument);

    [Theory]
    [InlineData("help", typeof(RecognizedCommand.Help))]
    [InlineData("Hulp", typeof(RecognizedCommand.Help))]
    [InlineData("?", typeof(RecognizedCommand.Help))]
    [InlineData("stop", typeof(RecognizedCommand.Stop))]
    [InlineData("Annuleer", typeof(RecognizedCommand.Stop))]
    [InlineData("stappen", typeof(RecognizedCommand.ProtocolOverview))]
    [InlineData("thermometer", typeof(RecognizedCommand.Appendix))]
    [InlineData("bijlage 5", typeof(RecognizedCommand.Appendix))]
    public void Words_that_work_at_every_moment(string text, Type expected) =>
        Assert.IsType(expected, _recognizer.RecognizeText(text));

    [Fact]
    public void The_thermometer_is_appendix_two() =>
        Assert.Equal(2, Assert.IsType<RecognizedCommand.Appendix>(_recognizer.RecognizeText("thermometer")).Number);

    [Theory]
    [InlineData("bijlage 9")]
    [InlineData("bijlage nul")]
    [InlineData("hij zei dat ik een melding moest maken")]
    [InlineData("")]
    public void Ordinary_answers_are_not_commands(string text) =>
        Assert.Null(_recognizer.RecognizeText(text));
}
