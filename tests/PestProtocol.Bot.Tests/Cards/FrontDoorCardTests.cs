using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Localization;

namespace PestProtocol.Bot.Tests.Cards;

/// <summary>The welcome, help, protocol and appendix cards are valid Adaptive Cards that Teams accepts.</summary>
public sealed class FrontDoorCardTests
{
    private static readonly IReadOnlyList<BotCommand> Commands =
    [
        new("anoniem", [], "anoniem", "Anoniem melden", "Meld pesten anoniem.", Audience.Everyone, "je melding", 10),
        new("melding", [], "melding", "Melding starten", "Start een melding.", Audience.Staff, "de melding", 10),
        new("status", [], "status", "Mijn anonieme melding", "Bekijk je anonieme melding.", Audience.Everyone, "je melding bekijken", 11),
        new("overzicht", [], "overzicht", "Mijn meldingen", "Je open meldingen.", Audience.Staff, "het overzicht", 20),
        new("dossier", [], "dossier", "Dossier bekijken", "Het dossier van een melding.", Audience.Staff, "het dossier", 30),
    ];

    public static TheoryData<string> CardNames() => new(AllCards().Keys);

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Every_front_door_card_matches_the_Adaptive_Card_1_5_schema_and_fits_a_Teams_message(string name)
    {
        var card = AllCards()[name];

        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.True(CardSize.IsWithinRecommendedSize(card), $"{name}: {CardSize.Utf16Bytes(card)} bytes");
    }

    [Fact]
    public async Task Every_front_door_card_is_read_by_the_adaptivecards_SDK_without_complaint() =>
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync(AllCards().Values));

    [Fact]
    public void Students_see_their_part_first_and_only_student_buttons()
    {
        var json = WelcomeCards.Welcome(Audience.Student, Commands).ToJson();

        Assert.True(json.IndexOf("Voor leerlingen", StringComparison.Ordinal) < json.IndexOf("Voor medewerkers", StringComparison.Ordinal));
        Assert.Contains("Anoniem melden", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Melding starten", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_see_the_staff_commands_on_the_help_card()
    {
        var json = WelcomeCards.Help(Audience.Staff, Commands).ToJson();

        Assert.Contains("Melding starten", json, StringComparison.Ordinal);
        Assert.Contains("Mijn meldingen", json, StringComparison.Ordinal);
        Assert.Contains(WelcomeCards.ProtocolButton, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_protocol_card_names_every_step_and_route_in_the_protocols_words()
    {
        var json = ProtocolCards.Overview().ToJson();

        Assert.Contains("Stap 1 – Vermoedens van pesten", json, StringComparison.Ordinal);
        Assert.Contains("Stap 2 – Ouders informeren", json, StringComparison.Ordinal);
        Assert.Contains("De leerling weet wie de dader is.", json, StringComparison.Ordinal);
        Assert.Contains("De dader is onbekend.", json, StringComparison.Ordinal);
        Assert.Contains("bijlage 5", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_digital_bullying_appendix_shows_all_eleven_tips() =>
        Assert.Equal(11, Bijlage5DigitalePesterijen.Tips.Count(t => ProtocolCards.Appendix(AppendixId.Bijlage5).ToJson().Contains(t.Text.Nl, StringComparison.Ordinal)));

    private static Dictionary<string, AdaptiveCard> AllCards()
    {
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["welcome-staff"] = WelcomeCards.Welcome(Audience.Staff, Commands),
            ["welcome-student"] = WelcomeCards.Welcome(Audience.Student, Commands),
            ["help-staff"] = WelcomeCards.Help(Audience.Staff, Commands),
            ["help-student"] = WelcomeCards.Help(Audience.Student, Commands),
            ["staff-only"] = WelcomeCards.StaffOnly(Commands),
            ["protocol-nl"] = ProtocolCards.Overview(),
            ["protocol-en"] = ProtocolCards.Overview(Locale.En),
        };
        foreach (var id in Enum.GetValues<AppendixId>())
        {
            cards[$"appendix-{(int)id}"] = ProtocolCards.Appendix(id);
        }

        return cards;
    }
}
