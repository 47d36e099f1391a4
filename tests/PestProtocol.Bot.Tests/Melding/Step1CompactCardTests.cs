using System.Text.Json.Nodes;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Roles;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// The step-1 card fits one laptop screen (issue 15 item 7): the 23 Bijlage 1 signals sit in five groups that open on a
/// click, so a mentor sees one line per group instead of 23 check boxes. Height is estimated from what is visible
/// (lines of text, fields, check boxes; <see cref="CardHeight"/>), not from pixels; the e2e scenario
/// <c>step1-compact</c> measures the real card in Chromium.
/// </summary>
public sealed class Step1CompactCardTests(ITestOutputHelper output)
{
    /// <summary>What fits on a laptop (a 1366×768 or 1920×1080 screen at 150 %) under Teams' own bars, with room to spare.</summary>
    private const int LaptopBudgetPx = 800;

    private static readonly DirectoryPerson Student = new("student-1", "Sanne de Boer", PersonKind.Student, "dewilgen", "2b", []);
    private static readonly SchoolLocation[] Locations = [new("dewilgen", "De Wilgen"), new("hetanker", "Het Anker")];

    [Fact]
    public void The_step_1_card_fits_one_laptop_screen_with_its_signal_groups_closed_and_opening_one_adds_only_that_group()
    {
        // The worst case: the bot does not know the person's role, so the card asks for it too.
        var closed = IntakeCards.Details(Student, Locations, askRole: true);
        var largest = Step1SignalGroups.All.MaxBy(g => g.Signals.Count)!;
        var oneOpen = IntakeCards.Details(Student, Locations, askRole: true, chosenSignals: [largest.Signals[0].Id]);
        var allOpen = IntakeCards.Details(Student, Locations, askRole: true, chosenSignals: [.. Step1SignalGroups.All.Select(g => g.Signals[0].Id)]);

        var closedPx = CardHeight.EstimatePx(closed);
        var oneOpenPx = CardHeight.EstimatePx(oneOpen);
        var allOpenPx = CardHeight.EstimatePx(allOpen);
        output.WriteLine($"estimated height: groups closed {closedPx} px ({CardHeight.VisibleCheckBoxes(closed)} check boxes), "
            + $"largest group open {oneOpenPx} px, all open (as the card was before) {allOpenPx} px");

        Assert.True(closedPx <= LaptopBudgetPx, $"The closed card is {closedPx} px, over {LaptopBudgetPx}.");
        // Opening a group adds that group only: at most a third of a screen for the largest (six signals).
        Assert.True(oneOpenPx - closedPx <= LaptopBudgetPx / 3, $"Opening the largest group adds {oneOpenPx - closedPx} px.");

        // Closed, no signal check box shows (only the 'digitaal pesten' box); the estimate sees the old problem when all are open.
        Assert.Equal(1, CardHeight.VisibleCheckBoxes(closed));
        Assert.Equal(1 + Bijlage1Signalen.All.Count, CardHeight.VisibleCheckBoxes(allOpen));
        Assert.True(allOpenPx > LaptopBudgetPx * 1.5, $"All groups open is estimated at {allOpenPx} px: the estimate is too lenient.");
    }

    [Fact]
    public void Every_Bijlage_1_signal_is_in_exactly_one_group_in_the_protocols_words()
    {
        var grouped = Step1SignalGroups.All.SelectMany(g => g.Signals).ToList();
        Assert.Equal(Bijlage1Signalen.All.Count, grouped.Count);
        Assert.Equal(Bijlage1Signalen.All.Select(s => s.Id).Order(), grouped.Select(s => s.Id).Order());
        Assert.Equal(Step1SignalGroups.All.Count, Step1SignalGroups.All.Select(g => g.InputId).Distinct().Count());

        var card = JsonNode.Parse(IntakeCards.Details(Student, Locations, askRole: false).ToJson())!;
        var titles = CardHeight.All(card).OfType<JsonObject>().Where(o => o["choices"] is JsonArray && o["id"]!.GetValue<string>().StartsWith("signalen.", StringComparison.Ordinal))
            .SelectMany(o => o["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())).ToList();
        Assert.Equal(Bijlage1Signalen.All.Select(s => s.Text.Nl).Order(), titles.Order());
    }

    [Fact]
    public void Each_group_line_opens_its_check_boxes_and_says_how_many_are_chosen()
    {
        var card = JsonNode.Parse(IntakeCards.Details(Student, Locations, askRole: false, chosenSignals: ["school.uitgelachen", "thuis.slaapt-onrustig", "school.geen-vrienden"]).ToJson())!;
        foreach (var group in Step1SignalGroups.All)
        {
            var line = CardHeight.All(card).OfType<JsonObject>().Single(e => e["selectAction"]?["targetElements"]?[0]?.GetValue<string>() == group.InputId + Step1SignalGroups.GroupSuffix);
            Assert.Equal("Action.ToggleVisibility", line["selectAction"]!["type"]!.GetValue<string>());
            Assert.Equal(group.Title, line["selectAction"]!["title"]!.GetValue<string>());
        }

        string Count(string inputId) => CardHeight.ById(card, inputId + Step1SignalGroups.CountSuffix)!["text"]!.GetValue<string>();
        bool Open(string inputId) => CardHeight.ById(card, inputId + Step1SignalGroups.GroupSuffix)!["isVisible"] is null;
        Assert.Equal("2 van 6 gekozen", Count("signalen.school.anderen"));
        Assert.Equal("1 van 6 gekozen", Count("signalen.thuis.anderen"));
        Assert.Equal("0 van 3 gekozen", Count("signalen.school.lichaam"));
        Assert.True(Open("signalen.school.anderen"));
        Assert.True(Open("signalen.thuis.anderen"));
        Assert.False(Open("signalen.school.lichaam"));
        Assert.Equal("school.geen-vrienden,school.uitgelachen", CardHeight.ById(card, "signalen.school.anderen")!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_grouped_card_is_valid_for_Adaptive_Cards_1_5_and_the_renderer_Teams_uses()
    {
        var card = IntakeCards.Details(Student, Locations, askRole: true, chosenSignals: ["school.uitgelachen"]);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }

    [Fact]
    public void A_card_sent_before_the_groups_still_counts_its_signals()
    {
        var values = new Dictionary<string, string?> { ["signalenSchool"] = "school.uitgelachen", ["signalenThuis"] = "thuis.slaapt-onrustig", ["signalen.school.lichaam"] = "school.blauwe-plekken" };
        Assert.Equal(["school.blauwe-plekken", "school.uitgelachen", "thuis.slaapt-onrustig"], Step1SignalGroups.Chosen(id => values.GetValueOrDefault(id)));
    }
}

/// <summary>
/// A rough height of a card as Teams desktop shows it (default host config, a chat column about 560 px wide for text):
/// every visible element counted by its lines and fields. Hidden parts (<c>isVisible: false</c>) count nothing.
/// </summary>
internal static class CardHeight
{
    private const int Line = 20;
    private const int CharsPerLine = 80;
    private const int Field = 32;
    private const int Spacing = 8;
    private const int Padding = 2 * 16;

    public static int EstimatePx(AdaptiveCard card)
    {
        var json = JsonNode.Parse(card.ToJson())!;
        var body = Elements(json["body"]);
        var actions = json["actions"] is JsonArray { Count: > 0 } ? Spacing + Field + 8 : 0;
        return Padding + body + actions;
    }

    public static int VisibleCheckBoxes(AdaptiveCard card) => Visible(JsonNode.Parse(card.ToJson())!["body"]).Sum(e => e["type"]?.GetValue<string>() switch
    {
        "Input.Toggle" => 1,
        "Input.ChoiceSet" when e["isMultiSelect"]?.GetValue<bool>() == true => (e["choices"] as JsonArray)?.Count ?? 0,
        _ => 0,
    });

    public static IEnumerable<JsonNode> All(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => All(p.Value))],
        JsonArray a => a.SelectMany(All),
        _ => [],
    };

    public static JsonObject? ById(JsonNode node, string id) =>
        All(node).OfType<JsonObject>().FirstOrDefault(o => o["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == id);

    private static IEnumerable<JsonObject> Visible(JsonNode? items)
    {
        foreach (var e in (items as JsonArray ?? []).OfType<JsonObject>())
        {
            if (e["isVisible"]?.GetValue<bool>() == false)
            {
                continue;
            }

            yield return e;
            foreach (var inner in Visible(e["items"]))
            {
                yield return inner;
            }

            foreach (var column in (e["columns"] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var inner in Visible(column["items"]))
                {
                    yield return inner;
                }
            }
        }
    }

    private static int Elements(JsonNode? items)
    {
        var total = 0;
        foreach (var e in (items as JsonArray ?? []).OfType<JsonObject>())
        {
            if (e["isVisible"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var spacing = e["spacing"]?.GetValue<string>() switch { "none" => 0, "small" => 4, "medium" => 16, "large" => 24, _ => Spacing };
            total += spacing + (e["separator"]?.GetValue<bool>() == true ? 1 : 0) + Height(e);
        }

        return total;
    }

    private static int Height(JsonObject e)
    {
        var label = e["label"] is null ? 0 : Line + 4;
        return e["type"]?.GetValue<string>() switch
        {
            "TextBlock" => Lines(e["text"]?.GetValue<string>(), e["size"]?.GetValue<string>() is "large" or "extraLarge" ? 2 : 1) * (e["size"]?.GetValue<string>() is "large" or "extraLarge" ? 28 : e["size"]?.GetValue<string>() == "small" ? 16 : Line),
            "RichTextBlock" => Line * 2,
            "FactSet" => ((e["facts"] as JsonArray)?.Count ?? 0) * Line,
            "Container" => Elements(e["items"]),
            "ColumnSet" => (e["columns"] as JsonArray ?? []).OfType<JsonObject>().Select(c => Elements(c["items"])).DefaultIfEmpty(0).Max(),
            "ActionSet" => Field,
            "Image" => 48,
            "Input.Text" => label + (e["isMultiline"]?.GetValue<bool>() == true ? 3 * Line + 12 : Field),
            "Input.Toggle" => Math.Max(Field - 8, Lines(e["title"]?.GetValue<string>()) * Line + 4),
            "Input.ChoiceSet" when e["style"]?.GetValue<string>() == "expanded" =>
                label + (e["choices"] as JsonArray ?? []).OfType<JsonObject>().Sum(c => Lines(c["title"]?.GetValue<string>()) * Line + 8),
            _ => label + Field,
        };
    }

    private static int Lines(string? text, int scale = 1) =>
        Math.Max(1, (text ?? string.Empty).Split('\n').Sum(l => (int)Math.Ceiling(Math.Max(1, l.Length) * scale / (double)CharsPerLine)));
}
