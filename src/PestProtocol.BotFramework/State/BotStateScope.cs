using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// One loaded state document (a conversation's or a user's) as cached in a turn. Properties stay raw
/// JSON until first read; a read deserialises once and keeps the object for the rest of the turn,
/// so a caller may mutate it and the change is saved. Saving serialises the touched properties back
/// and compares the bytes with what was loaded: an unchanged document is not written.
/// </summary>
internal sealed class BotStateScope(string storageKey, JsonElement? document, string? etag)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private Dictionary<string, Slot>? _slots;
    private bool _cleared;

    public string StorageKey { get; } = storageKey;

    /// <summary>The document as last read or written; null when none is stored.</summary>
    public JsonElement? Document { get; private set; } = document;

    /// <summary>The ETag of <see cref="Document"/>; null when none is stored.</summary>
    public string? ETag { get; private set; } = etag;

    public T Get<T>(string name, Func<T>? defaultValueFactory)
    {
        if (_slots is not null && _slots.TryGetValue(name, out var slot))
        {
            if (!slot.Deleted)
            {
                return slot.Type == typeof(T) ? (T)slot.Value! : Convert<T>(name, slot);
            }
        }
        else if (!_cleared && Document is { } document && document.TryGetProperty(name, out var raw))
        {
            var value = typeof(T) == typeof(DialogState) ? (T)(object)DialogStateJson.Read(raw)! : raw.Deserialize<T>(BotJson.Options)!;
            Slots[name] = new Slot(value, typeof(T), Deleted: false);
            return value;
        }

        if (defaultValueFactory is null)
        {
            return default!;
        }

        var created = defaultValueFactory();
        Slots[name] = new Slot(created, typeof(T), Deleted: false);
        return created;
    }

    public void Set<T>(string name, T value) => Slots[name] = new Slot(value, typeof(T), Deleted: false);

    public void Delete(string name) => Slots[name] = new Slot(null, typeof(object), Deleted: true);

    public void Clear()
    {
        _cleared = true;
        _slots = null;
    }

    /// <summary>The write this scope needs, or null when nothing changed (and <paramref name="force"/> is false).</summary>
    public StoreItem? GetPendingWrite(bool force)
    {
        if (!force && !_cleared && (_slots is null || _slots.Count == 0))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BotJson.Options.Encoder, SkipValidation = true }))
        {
            WriteDocument(writer);
        }

        var written = buffer.WrittenSpan;
        if (!force)
        {
            var baseline = Document is { } loaded ? JsonMarshal.GetRawUtf8Value(loaded) : EmptyObject;
            if (written.SequenceEqual(baseline))
            {
                return null;
            }
        }

        var element = JsonElement.Parse(written);
        var etag = force ? StoreItem.AnyETag : ETag ?? StoreItem.CreateOnlyETag;
        return new StoreItem(element, etag);
    }

    /// <summary>Takes the written document as the new baseline.</summary>
    public void Saved(JsonElement document, string etag)
    {
        Document = document;
        ETag = etag;
        _cleared = false;
    }

    private Dictionary<string, Slot> Slots => _slots ??= new Dictionary<string, Slot>(StringComparer.Ordinal);

    private void WriteDocument(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        var stored = !_cleared && Document is { ValueKind: JsonValueKind.Object } document ? document : (JsonElement?)null;
        if (stored is { } kept)
        {
            foreach (var property in kept.EnumerateObject())
            {
                if (_slots is not null && _slots.TryGetValue(property.Name, out var slot))
                {
                    WriteSlot(writer, property.Name, slot);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }
        }

        if (_slots is not null)
        {
            foreach (var (name, slot) in _slots)
            {
                if (stored is not { } existing || !existing.TryGetProperty(name, out _))
                {
                    WriteSlot(writer, name, slot);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteSlot(Utf8JsonWriter writer, string name, Slot slot)
    {
        if (slot.Deleted)
        {
            return;
        }

        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, slot.Value, slot.Type, BotJson.Options);
    }

    private T Convert<T>(string name, Slot slot)
    {
        // The property was used with another type earlier in this turn: go through JSON.
        var element = JsonSerializer.SerializeToElement(slot.Value, slot.Type, BotJson.Options);
        var value = element.Deserialize<T>(BotJson.Options)!;
        Slots[name] = new Slot(value, typeof(T), Deleted: false);
        return value;
    }

    private readonly record struct Slot(object? Value, Type Type, bool Deleted);
}
