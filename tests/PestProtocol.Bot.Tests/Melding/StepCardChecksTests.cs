using System.Text.RegularExpressions;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// What a card can check itself, it checks before sending (issue 15 item 2): required inputs with an error message, and
/// a pattern for the code and passphrase fields. The server keeps every check; these only save a round trip.
/// </summary>
public sealed class StepCardChecksTests
{
    private static Case NewCase(bool digital) => Case.Open(new NewSuspicion(
        "student-1", "2b", "dewilgen", new StaffRef("docent-1", StaffRole.Docent),
        [Bijlage1Signalen.SchoolSignals[0].Id], digital, "In de pauze wordt ze uitgelachen."), DateTimeOffset.UtcNow);

    private static T Input<T>(AdaptiveCard card, string id) where T : CardInput => Inputs(card.Body!).OfType<T>().Single(i => i.Id == id);

    private static IEnumerable<CardInput> Inputs(IEnumerable<CardElement> elements) => elements.SelectMany(e => e switch
    {
        CardInput input => [input],
        Container c => Inputs(c.Items),
        ColumnSet s => Inputs(s.Columns.SelectMany(c => c.Items)),
        _ => [],
    });

    [Fact]
    public async Task B1_refuses_on_the_card_until_all_four_topics_are_ticked_and_says_which_one_is_missing()
    {
        var card = StepCardChecks.Apply(RouteBCards.B1("2026-0002", NewCase(digital: true), [new Choice("Lars Hoekstra (2b)", "student-2")], [new Choice("Ikzelf", "mentor-1")], "mentor-1", []));

        for (var i = 0; i < Bijlage6Bemiddelingsgesprek.Topics.Count; i++)
        {
            var topic = Input<InputToggle>(card, RouteBCards.TopicToggle(i));
            Assert.True(topic.IsRequired);
            Assert.Equal($"Vink 'Onderwerp {i + 1}' aan.", topic.ErrorMessage);
            Assert.Equal($"Onderwerp {i + 1}", topic.Label);
        }

        // Digital bullying: the Bijlage 5 tips must have been given (C.1's rule, on B.1 too).
        var tips = Input<InputToggle>(card, RouteCardParts.DigitalTips);
        Assert.True(tips.IsRequired);
        Assert.StartsWith("Vink '", tips.ErrorMessage, StringComparison.Ordinal);

        Assert.True(Input<InputText>(card, RouteCardParts.StepText).IsRequired);
        Assert.NotEqual(true, Input<InputText>(card, RouteCardParts.Agreements).IsRequired);   // no button needs it
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }

    [Fact]
    public async Task C1_refuses_on_the_card_until_the_tips_are_given_when_it_is_digital()
    {
        var card = StepCardChecks.Apply(RouteCCards.C1("2026-0003", NewCase(digital: true)));

        var tips = Input<InputToggle>(card, RouteCardParts.DigitalTips);
        Assert.True(tips.IsRequired);
        Assert.False(string.IsNullOrWhiteSpace(tips.ErrorMessage));
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }

    [Fact]
    public void An_input_only_some_buttons_need_is_left_to_the_server()
    {
        // The step-1 note is needed for "Ja" and "Nee", not for "Dat weet ik nog niet": the card must let that one through.
        var card = StepCardChecks.Apply(Step1SuspicionCard.Create("2026-0004", NewCase(digital: false)));
        Assert.NotEqual(true, Input<InputText>(card, Step1SuspicionCard.Note).IsRequired);
    }

    [Theory]
    [InlineData("K7M-4QX", true)]
    [InlineData("k7m4qx", true)]
    [InlineData(" K7M 4QX ", true)]
    [InlineData("K7M.4QX", true)]
    [InlineData("K7M-4Q", false)]
    [InlineData("K7M-4QXZ", false)]
    [InlineData("K0M-4QX", false)]   // no 0 or O, 1, I, L or U in a code
    [InlineData("KIM-4QX", false)]
    [InlineData("K7M_4QX", false)]
    [InlineData("", false)]
    public void The_code_field_lets_through_exactly_what_the_server_can_read_as_a_code(string typed, bool accepted)
    {
        Assert.Equal(accepted, Regex.IsMatch(typed, ReportCredentials.CodeCardPattern));
        Assert.Equal(accepted, ReportCredentials.NormalizeCode(typed) is not null);
    }

    [Fact]
    public void The_code_and_passphrase_patterns_agree_with_the_server_on_generated_input()
    {
        const string Symbols = "23456789ABCDEFGHJKMNPQRSTVWXYZabcxyz01OILUoilu -._/";
        var random = new Random(20261206);
        for (var n = 0; n < 20_000; n++)
        {
            var typed = new string([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => Symbols[random.Next(Symbols.Length)])]);
            Assert.True(Regex.IsMatch(typed, ReportCredentials.CodeCardPattern) == (ReportCredentials.NormalizeCode(typed) is not null), $"code: '{typed}'");
            var passphrase = ReportCredentials.NormalizePassphrase(typed);
            var canBe = passphrase.Length == 12 && passphrase.All(c => ReportCredentials.PassphraseAlphabet.Contains(c, StringComparison.Ordinal));
            Assert.True(Regex.IsMatch(typed, ReportCredentials.PassphraseCardPattern) == canBe, $"passphrase: '{typed}'");
        }

        var real = ReportCredentials.Create();
        Assert.Matches(ReportCredentials.CodeCardPattern, real.Code);
        Assert.Matches(ReportCredentials.PassphraseCardPattern, real.Passphrase);
    }

    [Fact]
    public async Task The_status_card_checks_code_and_passphrase_before_sending()
    {
        var card = StudentCards.Unlock(null);
        var code = Inputs(card.Body!).OfType<InputText>().Single(i => i.Id == StudentCards.CodeId);
        var passphrase = Inputs(card.Body!).OfType<InputText>().Single(i => i.Id == StudentCards.PassphraseId);
        Assert.Equal(ReportCredentials.CodeCardPattern, code.Regex);
        Assert.Equal(ReportCredentials.PassphraseCardPattern, passphrase.Regex);
        Assert.Contains("6 tekens", code.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("12 tekens", passphrase.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }
}
