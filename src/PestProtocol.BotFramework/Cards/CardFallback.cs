using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Cards;

/// <summary>
/// What a client shows instead of an element or action it cannot render: another item, or
/// nothing (<c>"drop"</c>). Assign an item directly, or <see cref="CardFallback.Drop"/>.
/// </summary>
[JsonConverter(typeof(CardFallbackJsonConverterFactory))]
public sealed class CardFallback<TItem> where TItem : class
{
    private CardFallback(TItem? item) => Item = item;

    /// <summary>Leave the item out.</summary>
    public static CardFallback<TItem> Drop { get; } = new(null);

    /// <summary>The replacement item; null when the fallback is "drop".</summary>
    public TItem? Item { get; }

    /// <summary>True for the "drop" fallback.</summary>
    public bool IsDrop => Item is null;

    /// <summary>Fall back to the given item.</summary>
    public static CardFallback<TItem> To(TItem item) => new(item ?? throw new ArgumentNullException(nameof(item)));

    public static implicit operator CardFallback<TItem>(TItem item) => To(item);

    public static implicit operator CardFallback<TItem>(CardFallbackDrop drop) => Drop;
}

/// <summary>Shorthand for the "drop" fallback of any item type: <c>Fallback = CardFallback.Drop</c>.</summary>
public static class CardFallback
{
    /// <summary>The "drop" fallback.</summary>
    public static CardFallbackDrop Drop => default;
}

/// <summary>Marker for the "drop" fallback; converts to <see cref="CardFallback{TItem}.Drop"/>.</summary>
public readonly struct CardFallbackDrop;

internal sealed class CardFallbackJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(CardFallback<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(CardFallbackJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

internal sealed class CardFallbackJsonConverter<TItem> : JsonConverter<CardFallback<TItem>> where TItem : class
{
    private const string DropValue = "drop";

    public override CardFallback<TItem>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return string.Equals(reader.GetString(), DropValue, StringComparison.OrdinalIgnoreCase)
                ? CardFallback<TItem>.Drop
                : throw new JsonException("A fallback string must be \"drop\".");
        }

        var item = JsonSerializer.Deserialize<TItem>(ref reader, options)
            ?? throw new JsonException("A fallback must be \"drop\" or an item.");
        return CardFallback<TItem>.To(item);
    }

    public override void Write(Utf8JsonWriter writer, CardFallback<TItem> value, JsonSerializerOptions options)
    {
        if (value.Item is null)
        {
            writer.WriteStringValue(DropValue);
            return;
        }

        JsonSerializer.Serialize(writer, value.Item, options);
    }
}
