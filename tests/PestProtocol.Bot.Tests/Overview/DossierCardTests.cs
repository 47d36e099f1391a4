using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Overview;

public sealed class DossierCardTests
{
    [Fact]
    public async Task Hundred_long_entries_are_shortened_until_the_card_fits_and_the_newest_stays_whole()
    {
        var c = Open(BotHarness.Sanne, "2b", Opened);
        var longText = string.Concat(Enumerable.Repeat("Uitgebreid verslag van het gesprek met de leerling en de ouders. ", 40));
        for (var i = 1; i < 100; i++)
        {
            c.AddNote(MentorRef, Opened.AddHours(i), $"{i}: {longText}");
        }

        var card = DossierCard.Build(new DossierView("2026-0001", c, "Sanne de Boer", "Locatie De Wilgen", new Dictionary<string, string> { [BotHarness.Mentor] = "Anouk de Vries" }));

        Assert.True(CardSize.IsWithinRecommendedSize(card), $"{CardSize.Utf16Bytes(card)} bytes");
        Assert.Contains("#100 Notitie", card.ToJson(), StringComparison.Ordinal);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }

    [Fact]
    public void Dates_are_Dutch_and_in_Amsterdam_time()
    {
        var summer = new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero); // 00:30 on Wednesday 1 July in Amsterdam
        Assert.Equal("wo 1 jul 2026, 00:30", DutchDates.DateAndTime(summer));
        Assert.Equal("di 24 nov", DutchDates.ShortDate(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
    }
}
