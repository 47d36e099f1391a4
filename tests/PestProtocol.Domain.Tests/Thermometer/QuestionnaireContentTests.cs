using System.Text.RegularExpressions;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Domain.Tests.Thermometer;

/// <summary>
/// The survey asks Bijlage 2 word for word. <c>bijlage2-source.txt</c> is the appendix cut unchanged from the school's
/// protocol text (/work/shared/protocol/pestprotocol-ovo-fryslan-noord.txt, lines 512–644); every block heading and item
/// in it must be in the questionnaire, in the same order, and nothing else.
/// </summary>
public sealed partial class QuestionnaireContentTests
{
    private static readonly string[] SourceLines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Thermometer", "bijlage2-source.txt"));

    [GeneratedRegex(@"^- (?<text>.+?)\s+0 1 2 3 4 5\s*$")]
    private static partial Regex ScoredItem();

    [GeneratedRegex(@"^(?<n>[1-7])\. (?<text>.+?)\s*$")]
    private static partial Regex BlockHeading();

    private static string Normalise(string s) => Regex.Replace(s, @"\s+", " ").Trim();

    [Fact]
    public void Every_block_heading_and_item_of_the_protocol_is_asked_in_the_same_order_and_nothing_else()
    {
        var fromSource = new List<(int Block, string Text)>();
        var headings = new Dictionary<int, string>();
        var block = 0;
        foreach (var line in SourceLines)
        {
            if (BlockHeading().Match(line) is { Success: true } h)
            {
                block = int.Parse(h.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                headings[block] = Normalise(h.Groups["text"].Value);
            }
            else if (ScoredItem().Match(line) is { Success: true } m)
            {
                fromSource.Add((block, Normalise(m.Groups["text"].Value)));
            }
        }

        Assert.Equal(42, fromSource.Count);
        Assert.Equal(
            fromSource,
            ThermometerQuestionnaire.Items.Select(i => (i.Block.Number, Normalise(i.Text.Nl))).ToList());
        Assert.Equal(
            headings.OrderBy(h => h.Key).Select(h => h.Value),
            ThermometerQuestionnaire.Blocks.Select(b => Normalise(b.Statement.Nl)));
    }

    [Fact]
    public void The_student_details_and_the_period_are_the_protocols_words()
    {
        var source = string.Join("\n", SourceLines.Select(Normalise));
        foreach (var detail in Bijlage2Thermometer.StudentDetails)
        {
            Assert.Contains(Normalise(detail.Text.Nl).Replace("…", string.Empty, StringComparison.Ordinal).Trim(), source.Replace("…", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains(ThermometerQuestionnaire.Period.Nl, source, StringComparison.Ordinal);
        Assert.Contains("De afname van deze vragenlijst gebeurt anoniem", source, StringComparison.Ordinal);
        Assert.StartsWith("0 = nooit", ThermometerQuestionnaire.ScaleLabels[0].Nl, StringComparison.Ordinal);
        Assert.StartsWith("5 = altijd", ThermometerQuestionnaire.ScaleLabels[5].Nl, StringComparison.Ordinal);
    }

    [Fact]
    public void Afdeling_offers_exactly_the_protocols_choices_and_gender_allows_not_saying()
    {
        Assert.Equal(
            ["Vmbo", "Mavo", "Havo", "Vwo", "Anders"],
            Enum.GetNames<ThermometerAfdeling>().Where(n => n != nameof(ThermometerAfdeling.ZegIkLieverNiet)));
        Assert.Contains(ThermometerGender.ZegIkLieverNiet, Enum.GetValues<ThermometerGender>());
    }

    [Fact]
    public void Blocks_one_to_three_ask_about_safety_and_four_to_seven_about_what_makes_it_unsafe()
    {
        Assert.All(ThermometerQuestionnaire.Items.Where(i => i.Block.Number <= 3), i => Assert.Equal(ItemDirection.HigherIsSafer, i.Direction));
        Assert.All(ThermometerQuestionnaire.Items.Where(i => i.Block.Number >= 4), i => Assert.Equal(ItemDirection.HigherIsWorse, i.Direction));
    }
}
