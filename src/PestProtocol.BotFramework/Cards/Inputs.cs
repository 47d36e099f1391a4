using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Cards;

/// <summary>
/// An input. Its <see cref="CardElement.Id"/> is required: it is the key of the value in the
/// Action.Submit message's <c>value</c> or the Action.Execute invoke's <c>data</c>.
/// </summary>
public abstract class CardInput : CardElement
{
    /// <summary>Shown above the input (and read by screen readers).</summary>
    public string? Label { get; set; }
    public bool? IsRequired { get; set; }
    /// <summary>Shown when the value is missing or invalid.</summary>
    public string? ErrorMessage { get; set; }
}

/// <summary>A text field (schema: Input.Text).</summary>
public sealed class InputText : CardInput
{
    public InputText() { }

    public InputText(string id) => Id = id;

    [JsonIgnore] public override string Type => "Input.Text";

    public string? Placeholder { get; set; }
    public bool? IsMultiline { get; set; }
    public int? MaxLength { get; set; }
    public string? Value { get; set; }
    /// <summary>A regular expression the value must match.</summary>
    public string? Regex { get; set; }
    public TextInputStyle? Style { get; set; }
}

/// <summary>
/// A choice list: drop-down, radio buttons/check boxes, or type-ahead (schema: Input.ChoiceSet).
/// The card can require a choice (<see cref="CardInput.IsRequired"/>), but Adaptive Cards 1.5 (the version Teams renders,
/// tests/schemas) has no limit on how many of a multi-select may be chosen (no min/max selection): such a limit is the
/// server's (CardInputRule).
/// </summary>
public sealed class InputChoiceSet : CardInput
{
    public InputChoiceSet() { }

    public InputChoiceSet(string id) => Id = id;

    [JsonIgnore] public override string Type => "Input.ChoiceSet";

    public List<Choice> Choices { get; set; } = [];
    /// <summary>Dynamic choices fetched by the host with an <c>application/search</c> invoke.</summary>
    [JsonPropertyName("choices.data")] public DataQuery? ChoicesData { get; set; }
    public ChoiceInputStyle? Style { get; set; }
    /// <summary>Multi-select values arrive comma-separated.</summary>
    public bool? IsMultiSelect { get; set; }
    /// <summary>The initially selected value(s), comma-separated.</summary>
    public string? Value { get; set; }
    public string? Placeholder { get; set; }
    public bool? Wrap { get; set; }
}

/// <summary>One option of an <see cref="InputChoiceSet"/>; do not put a comma in the value.</summary>
public sealed record Choice(string Title, string Value);

/// <summary>
/// Where a type-ahead <see cref="InputChoiceSet"/> gets its choices: the host sends an
/// <c>application/search</c> invoke with this dataset name (schema: Data.Query).
/// </summary>
public sealed class DataQuery
{
    /// <summary>Always "Data.Query"; written first.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(-1)] public string Type => "Data.Query";

    public DataQuery() { }

    public DataQuery(string dataset) => Dataset = dataset;

    public string Dataset { get; set; } = "";
    public int? Count { get; set; }
    public int? Skip { get; set; }
}

/// <summary>A check box with a title (schema: Input.Toggle).</summary>
public sealed class InputToggle : CardInput
{
    public InputToggle() { }

    public InputToggle(string id, string title)
    {
        Id = id;
        Title = title;
    }

    [JsonIgnore] public override string Type => "Input.Toggle";

    public string Title { get; set; } = "";
    /// <summary>Set to <see cref="ValueOn"/> to start checked.</summary>
    public string? Value { get; set; }
    /// <summary>Submitted when checked; "true" when left out.</summary>
    public string? ValueOn { get; set; }
    /// <summary>Submitted when unchecked; "false" when left out.</summary>
    public string? ValueOff { get; set; }
    public bool? Wrap { get; set; }
}

/// <summary>A date picker; values are "yyyy-MM-dd" (schema: Input.Date).</summary>
public sealed class InputDate : CardInput
{
    public InputDate() { }

    public InputDate(string id) => Id = id;

    [JsonIgnore] public override string Type => "Input.Date";

    public string? Value { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? Placeholder { get; set; }

    /// <summary>A date in the format the card expects.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A number field (schema: Input.Number).</summary>
public sealed class InputNumber : CardInput
{
    public InputNumber() { }

    public InputNumber(string id) => Id = id;

    [JsonIgnore] public override string Type => "Input.Number";

    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public string? Placeholder { get; set; }
}
