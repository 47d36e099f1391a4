using PestProtocol.BotFramework.Cards;

namespace PestProtocol.BotFramework.Tests.Cards;

/// <summary>Cards used by the card tests.</summary>
internal static class SampleCards
{
    /// <summary>One card with every element and action type the model has, and most properties.</summary>
    public static AdaptiveCard EveryElementAndAction() => new()
    {
        FallbackText = "Deze kaart wordt niet ondersteund.",
        Speak = "Nieuwe melding",
        Lang = "nl",
        MinHeight = "120px",
        VerticalContentAlignment = VerticalAlignment.Top,
        MsTeams = MsTeamsCardProperties.FullWidth(),
        Refresh = new Refresh
        {
            Action = new ActionExecute("refreshCard") { Title = "Vernieuwen", Data = new { caseId = "c-1" } },
            UserIds = ["29:sample-user"],
        },
        SelectAction = new ActionOpenUrl("https://example.org/overzicht") { Title = "Open" },
        Body =
        [
            new TextBlock("Nieuwe melding") { Style = TextBlockStyle.Heading, Size = FontSize.Large, Weight = FontWeight.Bolder, Wrap = true },
            new TextBlock("Let op: actie nodig")
            {
                Id = "warning",
                Color = TextColor.Attention,
                IsSubtle = true,
                Spacing = Spacing.Small,
                Separator = true,
                HorizontalAlignment = HorizontalAlignment.Left,
                MaxLines = 2,
                FontType = FontType.Default,
                Fallback = CardFallback.Drop,
            },
            new RichTextBlock
            {
                Inlines =
                [
                    new TextRun("Stap 1: ") { Weight = FontWeight.Bolder },
                    "signaleren",
                    new TextRun(" (verplicht)") { Italic = true, Color = TextColor.Warning },
                ],
            },
            new FactSet { Facts = [new Fact("Stap", "1"), new Fact("Route", "A")] },
            new Container
            {
                Style = ContainerStyle.Emphasis,
                Bleed = true,
                SelectAction = new ActionSubmit { Data = new Dictionary<string, object?> { ["open"] = "details" } },
                Items = [new TextBlock("In een container") { Wrap = true }],
            },
            new ColumnSet
            {
                Columns =
                [
                    new Column { Width = ColumnWidth.Auto, Items = [new Image("https://example.org/logo.png") { AltText = "Logo", Size = ImageSize.Small, Style = ImageStyle.Person }] },
                    new Column { Width = ColumnWidth.Stretch, Items = [new TextBlock("Rechts") { Wrap = true }] },
                    new Column { Width = 2, Items = [new TextBlock("Twee")] },
                    new Column { Width = ColumnWidth.Pixels(50), Items = [new TextBlock("50px")] },
                ],
            },
            new InputText("description")
            {
                Label = "Wat is er gebeurd?",
                Placeholder = "Beschrijf kort",
                IsMultiline = true,
                MaxLength = 2000,
                IsRequired = true,
                ErrorMessage = "Vul een beschrijving in.",
            },
            new InputText("email") { Label = "E-mail", Style = TextInputStyle.Email, Regex = "^[^@]+@[^@]+$", Value = "a@example.org" },
            new InputChoiceSet("route")
            {
                Label = "Route",
                Style = ChoiceInputStyle.Compact,
                Choices = [new Choice("Route A", "A"), new Choice("Route B", "B")],
                Value = "A",
                IsRequired = true,
                ErrorMessage = "Kies een route.",
                Wrap = true,
            },
            new InputChoiceSet("student")
            {
                Label = "Leerling",
                Style = ChoiceInputStyle.Filtered,
                Choices = [new Choice("Onbekend", "unknown")],
                ChoicesData = new DataQuery("students") { Count = 10, Skip = 0 },
                IsMultiSelect = false,
            },
            new InputToggle("confirm", "Ik heb de ouders ingelicht") { ValueOn = "yes", ValueOff = "no", Value = "no" },
            new InputDate("date") { Label = "Datum", Value = InputDate.Format(new DateOnly(2025, 3, 14)), Min = "2025-01-01" },
            new InputNumber("count") { Label = "Aantal keer", Min = 0, Max = 100, Value = 1 },
            new ActionSet(
                new ActionExecute("submitReport")
                {
                    Title = "Versturen",
                    Style = ActionStyle.Positive,
                    AssociatedInputs = AssociatedInputs.Auto,
                    Data = new { step = 1 },
                    Fallback = new ActionSubmit("Versturen") { Data = new { verb = "submitReport" } },
                }),
            new TextBlock("Verborgen details") { Id = "details", IsVisible = false, Fallback = new TextBlock("Details") },
        ],
        Actions =
        [
            new ActionSubmit("Annuleren") { Id = "cancel", Style = ActionStyle.Destructive, AssociatedInputs = AssociatedInputs.None, Data = new { action = "cancel" } },
            new ActionShowCard
            {
                Title = "Notitie toevoegen",
                Card = new AdaptiveCard
                {
                    Body = [new InputText("note") { Label = "Notitie" }],
                    Actions = [new ActionSubmit("Opslaan")],
                },
            },
            new ActionToggleVisibility { Title = "Details", TargetElements = ["details", new TargetElement("warning", IsVisible: true)] },
            new ActionOpenUrl("https://example.org/protocol") { Title = "Protocol", Mode = ActionMode.Secondary, Tooltip = "Open het protocol" },
        ],
    };

    /// <summary>Unknown element type, a TextBlock without text and a bad enum value.</summary>
    public const string BrokenCardJson = """
        {
          "type": "AdaptiveCard",
          "version": "1.5",
          "body": [
            { "type": "Bogus", "text": "?" },
            { "type": "TextBlock" },
            { "type": "TextBlock", "text": "x", "size": "huge" }
          ]
        }
        """;
}
