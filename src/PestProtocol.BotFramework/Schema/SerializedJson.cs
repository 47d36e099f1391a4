using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Schema;

/// <summary>
/// A value serialised once (with <see cref="BotJson.Options"/>) and written as those bytes wherever it is serialised
/// again, e.g. a card that is the same for many replies as an attachment's <see cref="Attachment.Content"/>. The bytes on
/// the wire are the ones the value itself would have given; a <see cref="JsonElement"/> would be walked and re-escaped
/// on every write. Immutable, so one instance can go out in any number of replies at once.
/// </summary>
[JsonConverter(typeof(SerializedJsonConverter))]
public sealed class SerializedJson
{
    private readonly byte[] _utf8;

    private SerializedJson(byte[] utf8) => _utf8 = utf8;

    /// <summary>The value's JSON as <see cref="BotJson.Serialize{T}(T)"/> writes it.</summary>
    public static SerializedJson Of<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, BotJson.Options));

    /// <summary>The JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_utf8);

    private sealed class SerializedJsonConverter : JsonConverter<SerializedJson>
    {
        public override SerializedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new SerializedJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, options));
        }

        // Valid JSON by construction (written by the serializer): no second validation pass.
        public override void Write(Utf8JsonWriter writer, SerializedJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}
