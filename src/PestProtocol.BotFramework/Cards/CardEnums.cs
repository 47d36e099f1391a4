using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Cards;

// Enum values are written in the casing of the Adaptive Card 1.5 schema's enums: camelCase
// ("large", "extraLarge", "bolder", "attention", "compact", "positive"). Reading is case-insensitive.

/// <summary>Writes an enum as the camelCase string the Adaptive Card schema uses; numbers are refused.</summary>
public sealed class CardEnumJsonConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>Space between an element and the one before it.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<Spacing>))]
public enum Spacing { Default, None, Small, Medium, Large, ExtraLarge, Padding }

/// <summary>Text size (schema: FontSize).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<FontSize>))]
public enum FontSize { Default, Small, Medium, Large, ExtraLarge }

/// <summary>Text weight (schema: FontWeight).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<FontWeight>))]
public enum FontWeight { Default, Lighter, Bolder }

/// <summary>Font family (schema: FontType).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<FontType>))]
public enum FontType { Default, Monospace }

/// <summary>Text colour (schema: Colors).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<TextColor>))]
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

/// <summary>Accessibility role of a TextBlock (1.5).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<TextBlockStyle>))]
public enum TextBlockStyle { Default, Heading }

/// <summary>Horizontal placement within the parent.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<HorizontalAlignment>))]
public enum HorizontalAlignment { Left, Center, Right }

/// <summary>Vertical placement of content (schema: VerticalContentAlignment).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<VerticalAlignment>))]
public enum VerticalAlignment { Top, Center, Bottom }

/// <summary>Background style of a container, column set or column.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<ContainerStyle>))]
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

/// <summary>Approximate image size.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<ImageSize>))]
public enum ImageSize { Auto, Stretch, Small, Medium, Large }

/// <summary>Image style: plain or cropped to a circle.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<ImageStyle>))]
public enum ImageStyle { Default, Person }

/// <summary>How an Input.ChoiceSet shows its choices; <see cref="Filtered"/> is the type-ahead box.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<ChoiceInputStyle>))]
public enum ChoiceInputStyle { Compact, Expanded, Filtered }

/// <summary>Keyboard/validation hint of an Input.Text.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<TextInputStyle>))]
public enum TextInputStyle { Text, Tel, Url, Email, Password }

/// <summary>How an action's button is shown.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<ActionStyle>))]
public enum ActionStyle { Default, Positive, Destructive }

/// <summary>Whether an action is a button or sits in the overflow menu (1.5).</summary>
[JsonConverter(typeof(CardEnumJsonConverter<ActionMode>))]
public enum ActionMode { Primary, Secondary }

/// <summary>Which inputs an Action.Submit/Execute gathers: the card's ("auto") or none.</summary>
[JsonConverter(typeof(CardEnumJsonConverter<AssociatedInputs>))]
public enum AssociatedInputs { Auto, None }
