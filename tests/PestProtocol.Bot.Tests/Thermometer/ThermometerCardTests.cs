using Xunit.Abstractions;
using System.Text.Json;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// The thermometer's cards as a student and a mentor see them: the whole questionnaire word for word, one block per
/// card with progress; the results with the chart, the flags and the way into the protocol; nothing below 5.
/// </summary>
public sealed class ThermometerCardTests(ITestOutputHelper output)
{
    private static readonly Guid Survey = Guid.Parse("0b8f7f6e-1d2c-4b3a-9e8f-7a6b5c4d3e2f");
    private static readonly DateOnly ClosesOn = new(2026, 12, 11);

    private static ThermometerResponse Response(int safe, int unsafeScore, ThermometerGender gender = ThermometerGender.ZegIkLieverNiet, params (string Id, int Score)[] overrides)
    {
        var scores = ThermometerQuestionnaire.Items.ToDictionary(i => i.Id, i => i.Direction == ItemDirection.HigherIsSafer ? safe : unsafeScore);
        foreach (var (id, score) in overrides)
        {
            scores[id] = score;
        }

        return new ThermometerResponse(gender, ThermometerAfdeling.Havo, scores);
    }

    private static ThermometerResults Flagged() => ThermometerAggregator.Release(
        [.. Enumerable.Range(0, 12).Select(i => Response(i < 3 ? 1 : 4, 0, overrides: ("b6.uiterlijk", i < 4 ? 4 : 0)))], 27, new ThermometerThresholds()).Results!;

    private static ThermometerResults Calm() => ThermometerAggregator.Release(
        [.. Enumerable.Range(0, 8).Select(_ => Response(4, 0))], 9, new ThermometerThresholds()).Results!;

    private static Dictionary<string, AdaptiveCard> AllCards()
    {
        var draft = ThermometerDraft.Empty;
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["intro"] = ThermometerCards.Intro(Survey, "2B", ClosesOn),
            ["sent"] = ThermometerCards.Sent("2B"),
            ["already-sent"] = ThermometerCards.AlreadySent(),
            ["withheld"] = ThermometerCards.Withheld("2B", 27, "Er zijn nog maar 3 antwoorden."),
            ["results-flagged"] = ThermometerCards.Results("2B", Flagged(), true, ClosesOn, "https://example.invalid/chart.png", [new TrendPoint(new DateOnly(2026, 3, 20), 22, Calm().BlockMeans), new TrendPoint(new DateOnly(2025, 11, 1), 4, null)]),
            ["results-calm"] = ThermometerCards.Results("2B", Calm(), false, ClosesOn, "https://example.invalid/chart.png", []),
        };
        for (var block = 1; block <= 7; block++)
        {
            cards[$"block-{block}"] = ThermometerCards.Block(Survey, "2B", block, draft, block == 3 ? "Kies bij elke zin een cijfer." : null);
        }

        return cards;
    }

    public static TheoryData<string> CardNames() => new(AllCards().Keys);

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Every_thermometer_card_matches_the_Adaptive_Card_1_5_schema_and_fits_a_Teams_message(string name)
    {
        var card = AllCards()[name];
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.True(CardSize.IsWithinRecommendedSize(card), $"{name}: {CardSize.Utf16Bytes(card)} bytes");
    }

    [Fact]
    public void The_block_cards_together_ask_every_item_of_Bijlage_2_word_for_word_with_the_scale_and_the_student_details()
    {
        var json = string.Concat(Enumerable.Range(1, 7).Select(b => ThermometerCards.Block(Survey, "2B", b, ThermometerDraft.Empty).ToJson()));
        foreach (var item in ThermometerQuestionnaire.Items)
        {
            Assert.Contains(JsonEncodedText.Encode(item.Text.Nl).ToString(), json, StringComparison.Ordinal);
            Assert.Contains($"\"id\":\"{item.Id}\"", json, StringComparison.Ordinal);
        }

        foreach (var block in ThermometerQuestionnaire.Blocks)
        {
            Assert.Contains(JsonEncodedText.Encode($"{block.Number}. {block.Statement.Nl}").ToString(), json, StringComparison.Ordinal);
        }

        Assert.Contains("Over de laatste maand:", json, StringComparison.Ordinal);
        Assert.Contains("0 = nooit", json, StringComparison.Ordinal);
        Assert.Contains("5 = altijd", json, StringComparison.Ordinal);
        Assert.Contains("zeg ik liever niet", json, StringComparison.Ordinal);
        Assert.Contains("Ik zit in klas 2B", json, StringComparison.Ordinal);
        foreach (var afdeling in new[] { "vmbo", "mavo", "havo", "vwo", "anders" })
        {
            Assert.Contains($"\"title\":\"{afdeling}\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_block_card_shows_progress_keeps_earlier_answers_and_sends_on_the_last()
    {
        var draft = ThermometerDraft.Empty.WithBlock(1, ThermometerQuestionnaire.Items.Where(i => i.Block.Number == 1).ToDictionary(i => i.Id, _ => (int?)3)).Value!;
        var again = ThermometerCards.Block(Survey, "2B", 1, draft).ToJson();
        Assert.Contains("1 van 7 klaar", again, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"b1.mening\"", again, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"3\"", again, StringComparison.Ordinal);
        Assert.Contains("Versturen", ThermometerCards.Block(Survey, "2B", 7, draft).ToJson(), StringComparison.Ordinal);
        Assert.Contains("Volgende", ThermometerCards.Block(Survey, "2B", 6, draft).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_intro_tells_a_13_year_old_that_nobody_sees_their_answers_and_where_to_go_now()
    {
        var json = ThermometerCards.Intro(Survey, "2B", ClosesOn).ToJson();
        Assert.Contains("Niemand weet wat jij invult", json, StringComparison.Ordinal);
        Assert.Contains("minstens 5 leerlingen", json, StringComparison.Ordinal);
        Assert.Contains("later verder", json, StringComparison.Ordinal);
        Assert.Contains("vrijdag 11 december", json, StringComparison.Ordinal);
        Assert.Contains("'anoniem'", json, StringComparison.Ordinal);
        Assert.Contains("0800-0432", json, StringComparison.Ordinal);
        Assert.Contains("112", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flagged_result_names_what_and_why_and_offers_route_A_and_step_1_with_the_thermometer_as_reason()
    {
        var card = ThermometerCards.Results("2B", Flagged(), true, ClosesOn, "https://example.invalid/chart.png", []);
        var json = card.ToJson();
        Assert.Contains("12 van 27 leerlingen (44", json, StringComparison.Ordinal);
        Assert.Contains("Om hoe ik eruitzie", json, StringComparison.Ordinal);
        Assert.Contains("4 van 12 vaak of altijd", json, StringComparison.Ordinal);
        Assert.Contains("3 van 12 (bijna) nooit veilig", json, StringComparison.Ordinal);
        var titles = card.Actions!.Select(a => a.Title).ToList();
        Assert.Equal([ThermometerCards.StartRouteA, ThermometerCards.StartStep1], titles);
        Assert.All(card.Actions!.OfType<ActionSubmit>(), a =>
        {
            var data = JsonSerializer.SerializeToElement(a.Data);
            Assert.Equal("melding", data.GetProperty("command").GetString());
            Assert.Equal("Thermometer", data.GetProperty(ThermometerCards.TriggerKey).GetString());
        });
    }

    [Fact]
    public void A_calm_result_offers_no_protocol_buttons_and_says_nothing_crossed_a_threshold()
    {
        var card = ThermometerCards.Results("2B", Calm(), false, ClosesOn, "https://example.invalid/chart.png", []);
        Assert.Null(card.Actions);
        Assert.Contains("Geen van de vragen", card.ToJson(), StringComparison.Ordinal);
        Assert.Contains("tussenstand", card.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_item_shows_its_mean_and_distribution_and_the_trend_hides_a_survey_with_too_few_answers()
    {
        var json = AllCards()["results-flagged"].ToJson();
        // "Om hoe ik eruitzie": 4 times 4, 8 times 0 -> mean 16/12 = 1,3; distribution 8 | 0 | 0 | 0 | 4 | 0.
        Assert.Contains("1,3 · 8 | 0 | 0 | 0 | 4 | 0", json, StringComparison.Ordinal);
        Assert.Contains("4 antwoorden: te weinig om te tonen", json, StringComparison.Ordinal);
        Assert.Contains("22 antwoorden · veilig (deel 1–3) 4,0", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_is_a_real_png_rendered_headless_small_enough_for_a_card()
    {
        var results = Flagged();
        var png = ThermometerChart.RenderPng("2B", results, new TrendPoint(new DateOnly(2026, 3, 20), 22, Calm().BlockMeans));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(ThermometerChart.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(ThermometerChart.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.InRange(png.Length, 2_000, 60_000);
        output.WriteLine($"chart PNG: {png.Length} bytes");

        var withChart = ThermometerCards.Results("2B", results, true, ClosesOn, ThermometerChart.DataUri("2B", results, null), []);
        Assert.Contains("data:image/png;base64,", withChart.ToJson(), StringComparison.Ordinal);
        Assert.Contains("gemiddelde per deel: deel 1", withChart.ToJson(), StringComparison.Ordinal);
        output.WriteLine($"results card with chart: {CardSize.Utf16Bytes(withChart)} UTF-16 bytes, without the image: {CardSize.Utf16Bytes(ThermometerCards.Results("2B", results, true, ClosesOn, "https://example.invalid/c.png", []))}");
    }
}
