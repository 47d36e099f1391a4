using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Cards;

/// <summary>
/// A column's width: "auto" (fits its content), "stretch" (takes what is left), a relative weight
/// (written as a JSON number) or a pixel width such as "50px".
/// </summary>
[JsonConverter(typeof(ColumnWidthJsonConverter))]
public sealed record ColumnWidth
{
    private ColumnWidth(string? keyword, double? weight)
    {
        Keyword = keyword;
        Weight = weight;
    }

    public static ColumnWidth Auto { get; } = new("auto", null);
    public static ColumnWidth Stretch { get; } = new("stretch", null);

    /// <summary>"auto", "stretch" or "Npx"; null for a weight.</summary>
    public string? Keyword { get; }

    /// <summary>The relative weight; null for a keyword or pixel width.</summary>
    public double? Weight { get; }

    /// <summary>A weight relative to the other columns.</summary>
    public static ColumnWidth Relative(double weight) =>
        weight > 0 ? new(null, weight) : throw new ArgumentOutOfRangeException(nameof(weight), "A column weight must be positive.");

    /// <summary>A fixed width in pixels.</summary>
    public static ColumnWidth Pixels(int pixels) =>
        pixels > 0 ? new($"{pixels.ToString(CultureInfo.InvariantCulture)}px", null) : throw new ArgumentOutOfRangeException(nameof(pixels), "A pixel width must be positive.");

    /// <summary>"auto", "stretch", "Npx" or a number as text.</summary>
    public static ColumnWidth Parse(string value)
    {
        var text = value.Trim();
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (text.Equals("stretch", StringComparison.OrdinalIgnoreCase)) return Stretch;
        if (text.EndsWith("px", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pixels))
            return Pixels(pixels);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            return Relative(weight);
        throw new FormatException("A column width is \"auto\", \"stretch\", a number or \"Npx\".");
    }

    public static implicit operator ColumnWidth(string value) => Parse(value);

    public static implicit operator ColumnWidth(int weight) => Relative(weight);

    public override string ToString() => Keyword ?? Weight!.Value.ToString(CultureInfo.InvariantCulture);
}

internal sealed class ColumnWidthJsonConverter : JsonConverter<ColumnWidth>
{
    public override ColumnWidth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => ColumnWidth.Relative(reader.GetDouble()),
            JsonTokenType.String => Parse(reader.GetString()!),
            _ => throw new JsonException("A column width is a string or a number."),
        };

    private static ColumnWidth Parse(string value)
    {
        try
        {
            return ColumnWidth.Parse(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ColumnWidth value, JsonSerializerOptions options)
    {
        if (value.Weight is { } weight)
            writer.WriteNumberValue(weight);
        else
            writer.WriteStringValue(value.Keyword);
    }
}
