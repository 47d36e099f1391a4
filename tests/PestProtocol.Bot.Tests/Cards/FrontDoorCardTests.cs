using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.StudentSide;
using PestProtocol.Bot.Features.TellMentor;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Roles;
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
        new("mentor", [], "tell-mentor", "Vertel het mijn mentor", "Vertel het je mentor.", Audience.Student, "het bericht aan je mentor", 5),
        new("anoniem", [], "anoniem", "Anoniem melden", "Meld pesten anoniem.", Audience.Everyone, "je melding", 10),
        new("melding", [], "melding", "Melding starten", "Start een melding.", Audience.Staff, "de melding", 10),
        new("status", [], "status", "Mijn anonieme melding", "Bekijk je anonieme melding.", Audience.Everyone, "je melding bekijken", 11),
        new("overzicht", [], "overzicht", "Mijn meldingen", "Je open meldingen.", Audience.Staff, "het overzicht", 20),
        new("dossier", [], "dossier", "Dossier bekijken", "Het dossier van een melding.", Audience.Staff, "het dossier", 30),
    ];

    private static readonly DirectoryPerson Mentor = new("mentor-1", "Anouk de Vries", PersonKind.Staff, "dewilgen", null, [new LocationRole("dewilgen", StaffRole.Mentor)]);
    private static readonly DirectoryPerson Student = new("student-1", "Daan Mulder", PersonKind.Student, "dewilgen", "2b", []);

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
    public void Students_see_only_what_a_student_can_do_on_their_welcome_and_help()
    {
        foreach (var json in new[] { WelcomeCards.Welcome(Audience.Student, Commands).ToJson(), WelcomeCards.Help(Audience.Student, Commands).ToJson() })
        {
            Assert.Contains("Anoniem melden", json, StringComparison.Ordinal);
            Assert.Contains("Vertel het mijn mentor", json, StringComparison.Ordinal);
            Assert.Contains("0800-0432", json, StringComparison.Ordinal);
            Assert.Contains("112", json, StringComparison.Ordinal);
            foreach (var staffOnly in new[] { "Melding starten", "Mijn meldingen", "dossier", "Voor medewerkers", "bijlage 1–8", "thermometer", "stappen" })
            {
                Assert.DoesNotContain(staffOnly, json, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void The_group_chat_card_names_no_case_work_and_says_where_it_happens()
    {
        var json = WelcomeCards.GroupChat().ToJson();

        Assert.Contains("In deze chat lezen anderen mee", json, StringComparison.Ordinal);
        Assert.Contains("in je eigen chat met PestProtocol", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Submit", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Bijlage_5_stays_word_for_word_and_the_current_tips_are_beside_it_marked_as_an_addition()
    {
        var json = ProtocolCards.Appendix(AppendixId.Bijlage5).ToJson();

        Assert.All(Bijlage5DigitalePesterijen.Tips, t => Assert.Contains(t.Text.Nl, json, StringComparison.Ordinal));
        var additionAt = json.IndexOf(ProtocolCards.TipsForTodayTitle, StringComparison.Ordinal);
        Assert.True(additionAt > 0, "the addition is on the card");
        Assert.All(Bijlage5DigitalePesterijen.Tips, t => Assert.True(json.IndexOf(t.Text.Nl, StringComparison.Ordinal) < additionAt, "the protocol's tips come first, unchanged"));
        foreach (var tip in new[] { "screenshots", "Blokkeer", "Reageer niet terug", "Vertel het iemand die je vertrouwt" })
        {
            Assert.Contains(tip, json, StringComparison.Ordinal);
        }
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
            ["group-chat"] = WelcomeCards.GroupChat(),
            ["channel"] = WelcomeCards.Channel(),
            ["kind-answer"] = StudentSideCards.KindAnswer(DistressLevel.Bullying),
            ["kind-answer-danger"] = StudentSideCards.KindAnswer(DistressLevel.Danger),
            ["tell-mentor-student"] = TellMentorCards.AskStudent(Mentor),
            ["tell-mentor-mentor"] = TellMentorCards.ForMentor(Student, new StudentToldMentorPayload(Student.Id, Mentor.Id, "Ze pesten me in de groepsapp.", DateTimeOffset.UnixEpoch), "06-12-2026 14:05"),
            ["tell-mentor-mentor-empty"] = TellMentorCards.ForMentor(Student, new StudentToldMentorPayload(Student.Id, Mentor.Id, null, DateTimeOffset.UnixEpoch), "06-12-2026 14:05"),
        };
        foreach (var id in Enum.GetValues<AppendixId>())
        {
            cards[$"appendix-{(int)id}"] = ProtocolCards.Appendix(id);
        }

        return cards;
    }
}
