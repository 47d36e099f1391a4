using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.BotFramework.Tests.Cards;

public class AdaptiveCardSerializationTests
{
    private static JsonObject Serialize(AdaptiveCard card) => JsonNode.Parse(card.ToJson())!.AsObject();

    private static JsonObject Body(AdaptiveCard card, int index) => Serialize(card)["body"]![index]!.AsObject();

    [Fact]
    public void A_new_card_is_version_1_5_with_the_schema_url_and_type_first()
    {
        var json = new AdaptiveCard { Body = [new TextBlock("Hallo")] }.ToJson();

        Assert.Equal(
            """{"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5","body":[{"type":"TextBlock","text":"Hallo"}]}""",
            json);
    }

    [Fact]
    public void Every_object_with_a_type_has_it_as_its_first_property()
    {
        var root = Serialize(SampleCards.EveryElementAndAction());
        var checkedObjects = 0;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj.ContainsKey("type"))
                    {
                        Assert.Equal("type", obj.First().Key);
                        checkedObjects++;
                    }
                    foreach (var (_, child) in obj)
                        Walk(child);
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        Walk(child);
                    break;
            }
        }

        Walk(root);
        Assert.True(checkedObjects > 30, $"only {checkedObjects} typed objects were seen");
    }

    [Fact]
    public void Element_and_action_types_use_the_spec_names()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock("t"), new RichTextBlock { Inlines = ["r"] }, new FactSet(), new Container(), new ColumnSet { Columns = [new Column()] },
                new Image("https://example.org/a.png"), new ActionSet(), new InputText("a"), new InputChoiceSet("b") { ChoicesData = new DataQuery("d") },
                new InputToggle("c", "C"), new InputDate("d"), new InputNumber("e"),
            ],
            Actions = [new ActionSubmit(), new ActionExecute("v"), new ActionShowCard(), new ActionToggleVisibility(), new ActionOpenUrl("https://example.org")],
        };

        var json = Serialize(card);

        Assert.Equal(
            ["TextBlock", "RichTextBlock", "FactSet", "Container", "ColumnSet", "Image", "ActionSet", "Input.Text", "Input.ChoiceSet", "Input.Toggle", "Input.Date", "Input.Number"],
            json["body"]!.AsArray().Select(e => (string?)e!["type"]));
        Assert.Equal(
            ["Action.Submit", "Action.Execute", "Action.ShowCard", "Action.ToggleVisibility", "Action.OpenUrl"],
            json["actions"]!.AsArray().Select(e => (string?)e!["type"]));
        Assert.Equal("TextRun", (string?)json["body"]![1]!["inlines"]![0]!["type"]);
        Assert.Equal("Column", (string?)json["body"]![4]!["columns"]![0]!["type"]);
        Assert.Equal("Data.Query", (string?)json["body"]![8]!["choices.data"]!["type"]);
    }

    [Fact]
    public void Enum_values_are_written_in_the_schema_casing()
    {
        var card = new AdaptiveCard
        {
            VerticalContentAlignment = VerticalAlignment.Center,
            Body =
            [
                new TextBlock("t") { Size = FontSize.ExtraLarge, Weight = FontWeight.Bolder, Color = TextColor.Attention, Style = TextBlockStyle.Heading, Spacing = Spacing.ExtraLarge, HorizontalAlignment = HorizontalAlignment.Right },
                new InputChoiceSet("c") { Style = ChoiceInputStyle.Expanded },
                new Container { Style = ContainerStyle.Emphasis },
                new InputText("t") { Style = TextInputStyle.Email },
            ],
            Actions = [new ActionSubmit { Style = ActionStyle.Positive, AssociatedInputs = AssociatedInputs.None, Mode = ActionMode.Secondary }],
        };

        var json = Serialize(card);
        var text = json["body"]![0]!;

        Assert.Equal("center", (string?)json["verticalContentAlignment"]);
        Assert.Equal("extraLarge", (string?)text["size"]);
        Assert.Equal("bolder", (string?)text["weight"]);
        Assert.Equal("attention", (string?)text["color"]);
        Assert.Equal("heading", (string?)text["style"]);
        Assert.Equal("extraLarge", (string?)text["spacing"]);
        Assert.Equal("right", (string?)text["horizontalAlignment"]);
        Assert.Equal("expanded", (string?)json["body"]![1]!["style"]);
        Assert.Equal("emphasis", (string?)json["body"]![2]!["style"]);
        Assert.Equal("email", (string?)json["body"]![3]!["style"]);
        Assert.Equal("positive", (string?)json["actions"]![0]!["style"]);
        Assert.Equal("none", (string?)json["actions"]![0]!["associatedInputs"]);
        Assert.Equal("secondary", (string?)json["actions"]![0]!["mode"]);
    }

    [Fact]
    public void Unset_properties_are_left_out()
    {
        var text = Body(new AdaptiveCard { Body = [new TextBlock("Alleen tekst")] }, 0);

        Assert.Equal(["type", "text"], text.Select(p => p.Key));
    }

    [Fact]
    public void Fallback_is_the_string_drop_or_a_typed_element_or_action()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock("a") { Fallback = CardFallback.Drop },
                new TextBlock("b") { Fallback = new TextBlock("eenvoudiger") },
                new ColumnSet { Columns = [new Column { Fallback = CardFallback.Drop }] },
            ],
            Actions =
            [
                new ActionExecute("go") { Fallback = new ActionSubmit("Ga") { Data = new { verb = "go" } } },
                new ActionExecute("stop") { Fallback = CardFallback.Drop },
            ],
        };

        var json = Serialize(card);

        Assert.Equal("drop", (string?)json["body"]![0]!["fallback"]);
        Assert.Equal("""{"type":"TextBlock","text":"eenvoudiger"}""", json["body"]![1]!["fallback"]!.ToJsonString());
        Assert.Equal("drop", (string?)json["body"]![2]!["columns"]![0]!["fallback"]);
        Assert.Equal("""{"type":"Action.Submit","data":{"verb":"go"},"title":"Ga"}""", json["actions"]![0]!["fallback"]!.ToJsonString());
        Assert.Equal("drop", (string?)json["actions"]![1]!["fallback"]);
    }

    [Fact]
    public void Column_widths_are_keywords_numbers_or_pixels()
    {
        var card = new AdaptiveCard
        {
            Body = [new ColumnSet { Columns = [new Column { Width = "auto" }, new Column { Width = ColumnWidth.Stretch }, new Column { Width = 3 }, new Column { Width = "40px" }] }],
        };

        var widths = Body(card, 0)["columns"]!.AsArray().Select(c => c!["width"]!.ToJsonString());

        Assert.Equal(["\"auto\"", "\"stretch\"", "3", "\"40px\""], widths);
    }

    [Fact]
    public void Toggle_targets_are_plain_ids_unless_a_visibility_is_fixed()
    {
        var card = new AdaptiveCard { Actions = [new ActionToggleVisibility { TargetElements = ["a", new TargetElement("b", IsVisible: false)] }] };

        var targets = Serialize(card)["actions"]![0]!["targetElements"]!.ToJsonString();

        Assert.Equal("""["a",{"type":"TargetElement","elementId":"b","isVisible":false}]""", targets);
    }

    [Fact]
    public void Submit_data_keeps_the_shape_of_any_object()
    {
        var card = new AdaptiveCard
        {
            Actions =
            [
                new ActionSubmit { Data = new { verb = "assign", caseId = 42, tags = new[] { "x" } } },
                new ActionSubmit { Data = JsonDocument.Parse("""{"raw":true}""").RootElement },
            ],
        };

        var json = Serialize(card);

        Assert.Equal("""{"verb":"assign","caseId":42,"tags":["x"]}""", json["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("""{"raw":true}""", json["actions"]![1]!["data"]!.ToJsonString());
    }

    [Fact]
    public void Teams_full_width_and_refresh_are_written_as_Teams_expects()
    {
        var card = new AdaptiveCard
        {
            MsTeams = MsTeamsCardProperties.FullWidth(),
            Refresh = new Refresh { Action = new ActionExecute("refresh"), UserIds = [] },
        };

        var json = Serialize(card);

        Assert.Equal("""{"width":"Full"}""", json["msteams"]!.ToJsonString());
        Assert.Equal("""{"type":"Refresh","action":{"type":"Action.Execute","verb":"refresh"},"userIds":[]}""", json["refresh"]!.ToJsonString());
    }

    [Fact]
    public void A_card_reads_back_to_the_same_JSON_even_when_type_is_not_first()
    {
        var original = SampleCards.EveryElementAndAction().ToJson();

        Assert.Equal(original, AdaptiveCard.FromJson(original).ToJson());

        var card = AdaptiveCard.FromJson("""{"version":"1.5","body":[{"text":"x","type":"TextBlock","fallback":"DROP"}],"type":"AdaptiveCard"}""");
        var text = Assert.IsType<TextBlock>(Assert.Single(card.Body!));
        Assert.Equal("x", text.Text);
        Assert.True(text.Fallback!.IsDrop);
    }

    [Fact]
    public void Reading_an_unknown_element_type_fails()
    {
        Assert.ThrowsAny<JsonException>(() => AdaptiveCard.FromJson("""{"type":"AdaptiveCard","body":[{"type":"Bogus"}]}"""));
    }
}
