using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.BotFramework.Tests.Dialogs.Prompts;

public sealed class DutchDateRecognizerTests
{
    private static readonly DateOnly Today = new(2026, 11, 24); // a Tuesday

    [Theory]
    [InlineData("vandaag", "2026-11-24")]
    [InlineData("Morgen", "2026-11-25")]
    [InlineData("overmorgen", "2026-11-26")]
    [InlineData("gisteren", "2026-11-23")]
    [InlineData("eergisteren", "2026-11-22")]
    [InlineData("12-3", "2027-03-12")] // no year: the next 12 March
    [InlineData("12/3", "2027-03-12")]
    [InlineData("30-11", "2026-11-30")] // still ahead this year
    [InlineData("24-11", "2026-11-24")] // today counts as upcoming
    [InlineData("23-11", "2027-11-23")] // yesterday's day: next year
    [InlineData("12-03-2027", "2027-03-12")]
    [InlineData("12/3/27", "2027-03-12")]
    [InlineData("1-9-2026", "2026-09-01")] // a past date needs its year
    [InlineData("2027-03-12", "2027-03-12")]
    [InlineData("12 maart", "2027-03-12")]
    [InlineData("12 mrt", "2027-03-12")]
    [InlineData("12 maart 2027", "2027-03-12")]
    [InlineData("3 december", "2026-12-03")]
    [InlineData("29-2", "2028-02-29")]
    [InlineData("maandag", "2026-11-30")] // the next Monday
    [InlineData("dinsdag", "2026-12-01")] // on a Tuesday, "dinsdag" is next week
    [InlineData("woensdag", "2026-11-25")]
    [InlineData("a.s. vrijdag", "2026-11-27")]
    [InlineData("volgende zondag", "2026-11-29")]
    [InlineData("vorige maandag", "2026-11-23")]
    [InlineData("afgelopen dinsdag", "2026-11-17")]
    [InlineData("  Vrijdag. ", "2026-11-27")]
    public void Recognises_dutch_dates_relative_to_today(string text, string expected)
    {
        Assert.True(DutchDateRecognizer.TryRecognize(text, Today, out var date));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("binnenkort")]
    [InlineData("31-2")]
    [InlineData("32-1-2027")]
    [InlineData("12-13")]
    [InlineData("12 smarch")]
    [InlineData("12-3-202")]
    [InlineData("1-2-3-4")]
    public void Refuses_what_is_not_a_real_date(string text)
    {
        Assert.False(DutchDateRecognizer.TryRecognize(text, Today, out _));
    }
}
