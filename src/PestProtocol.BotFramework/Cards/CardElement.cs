using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Cards;

/// <summary>
/// An element in a card's body or a container. Serialised polymorphically: its <c>type</c>
/// ("TextBlock", "Input.Text", …) is written first, then the camelCase properties, nulls left out.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(InputNumber), "Input.Number")]
public abstract class CardElement
{
    /// <summary>The element's <c>type</c> as written in JSON.</summary>
    [JsonIgnore] public abstract string Type { get; }

    /// <summary>Unique within the card; required for inputs and for Action.ToggleVisibility targets.</summary>
    [JsonPropertyOrder(-1)] public string? Id { get; set; }
    public Spacing? Spacing { get; set; }
    public bool? Separator { get; set; }
    /// <summary>False hides the element until an Action.ToggleVisibility shows it.</summary>
    public bool? IsVisible { get; set; }
    /// <summary>Shown instead when the client cannot render this element: another element or "drop".</summary>
    public CardFallback<CardElement>? Fallback { get; set; }
    /// <summary>Host features this element needs, name to minimum version (e.g. "adaptiveCards": "1.5").</summary>
    public Dictionary<string, string>? Requires { get; set; }
}

/// <summary>Displays text with a subset of Markdown.</summary>
public sealed class TextBlock : CardElement
{
    public TextBlock() { }

    public TextBlock(string text) => Text = text;

    [JsonIgnore] public override string Type => "TextBlock";

    public string Text { get; set; } = "";
    public FontSize? Size { get; set; }
    public FontWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public FontType? FontType { get; set; }
    public bool? Wrap { get; set; }
    public bool? IsSubtle { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public int? MaxLines { get; set; }
    /// <summary><see cref="TextBlockStyle.Heading"/> marks the text as a heading for screen readers.</summary>
    public TextBlockStyle? Style { get; set; }
}

/// <summary>Text made of runs with their own formatting.</summary>
public sealed class RichTextBlock : CardElement
{
    [JsonIgnore] public override string Type => "RichTextBlock";

    public List<TextRun> Inlines { get; set; } = [];
    public HorizontalAlignment? HorizontalAlignment { get; set; }
}

/// <summary>One formatted run of plain text (no Markdown) in a <see cref="RichTextBlock"/>.</summary>
public sealed class TextRun
{
    /// <summary>Always "TextRun"; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)] public string Type => "TextRun";

    public TextRun() { }

    public TextRun(string text) => Text = text;

    public string Text { get; set; } = "";
    public FontSize? Size { get; set; }
    public FontWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public FontType? FontType { get; set; }
    public bool? IsSubtle { get; set; }
    public bool? Italic { get; set; }
    public bool? Strikethrough { get; set; }
    public bool? Underline { get; set; }
    public bool? Highlight { get; set; }
    /// <summary>Makes the run a link; Action.ShowCard is not allowed.</summary>
    public CardAction? SelectAction { get; set; }

    public static implicit operator TextRun(string text) => new(text);
}

/// <summary>Name/value pairs shown as a table.</summary>
public sealed class FactSet : CardElement
{
    [JsonIgnore] public override string Type => "FactSet";

    public List<Fact> Facts { get; set; } = [];
}

/// <summary>One row of a <see cref="FactSet"/>.</summary>
public sealed record Fact(string Title, string Value);

/// <summary>Groups elements, optionally with a background style.</summary>
public sealed class Container : CardElement
{
    [JsonIgnore] public override string Type => "Container";

    public List<CardElement> Items { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    /// <summary>Lets the background reach the edges of the parent.</summary>
    public bool? Bleed { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public string? MinHeight { get; set; }
    /// <summary>Invoked when the container is tapped; Action.ShowCard is not allowed.</summary>
    public CardAction? SelectAction { get; set; }
}

/// <summary>Elements side by side in columns.</summary>
public sealed class ColumnSet : CardElement
{
    [JsonIgnore] public override string Type => "ColumnSet";

    public List<Column> Columns { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    public bool? Bleed { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public string? MinHeight { get; set; }
    public CardAction? SelectAction { get; set; }
}

/// <summary>A column in a <see cref="ColumnSet"/>; it is not a body element itself.</summary>
public sealed class Column
{
    /// <summary>Always "Column"; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)] public string Type => "Column";

    public string? Id { get; set; }
    public List<CardElement> Items { get; set; } = [];
    /// <summary>"auto", "stretch", a relative weight, or pixels ("50px").</summary>
    public ColumnWidth? Width { get; set; }
    public ContainerStyle? Style { get; set; }
    public bool? Bleed { get; set; }
    public VerticalAlignment? VerticalContentAlignment { get; set; }
    public string? MinHeight { get; set; }
    public Spacing? Spacing { get; set; }
    public bool? Separator { get; set; }
    public bool? IsVisible { get; set; }
    public CardAction? SelectAction { get; set; }
    /// <summary>Another column, or "drop".</summary>
    public CardFallback<Column>? Fallback { get; set; }
    public Dictionary<string, string>? Requires { get; set; }
}

/// <summary>Shows an image from a URL (PNG, JPEG or GIF).</summary>
public sealed class Image : CardElement
{
    public Image() { }

    public Image(string url) => Url = url;

    [JsonIgnore] public override string Type => "Image";

    public string Url { get; set; } = "";
    public string? AltText { get; set; }
    public ImageSize? Size { get; set; }
    public ImageStyle? Style { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    /// <summary>Pixels, e.g. "48px"; overrides <see cref="Size"/>.</summary>
    public string? Width { get; set; }
    /// <summary>Pixels, e.g. "48px"; overrides <see cref="Size"/>.</summary>
    public string? Height { get; set; }
    public CardAction? SelectAction { get; set; }
}

/// <summary>Actions placed in the body (e.g. next to the inputs they submit).</summary>
public sealed class ActionSet : CardElement
{
    public ActionSet() { }

    public ActionSet(params IEnumerable<CardAction> actions) => Actions = [.. actions];

    [JsonIgnore] public override string Type => "ActionSet";

    public List<CardAction> Actions { get; set; } = [];
}
