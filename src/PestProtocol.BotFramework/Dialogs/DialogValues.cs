using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// Typed access to a dialog's JSON state (<see cref="JsonObject"/>): values are stored as JSON nodes
/// (with <see cref="BotJson.Options"/>), so nothing depends on live object references between turns.
/// </summary>
public static class DialogValues
{
    /// <summary>The value under <paramref name="key"/> as <typeparamref name="T"/>, or default when absent.</summary>
    public static T? Get<T>(this JsonObject values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetPropertyValue(key, out var node) || node is null)
        {
            return default;
        }

        return node.Deserialize<T>(BotJson.Options);
    }

    /// <summary>Whether a value is stored under <paramref name="key"/>.</summary>
    public static bool Has(this JsonObject values, string key) =>
        values.TryGetPropertyValue(key, out var node) && node is not null;

    /// <summary>Stores <paramref name="value"/> as JSON under <paramref name="key"/> (null removes it).</summary>
    public static void Set<T>(this JsonObject values, string key, T value)
    {
        ArgumentNullException.ThrowIfNull(values);
        values[key] = ToNode(value);
    }

    /// <summary>A JSON copy of any serialisable value (a node is deep-cloned, never shared).</summary>
    public static JsonNode? ToNode<T>(T value) => value switch
    {
        null => null,
        JsonNode node => node.Parent is null ? node : node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), BotJson.Options),
    };

    internal static int GetInt(this JsonObject values, string key) =>
        values.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    internal static string? GetString(this JsonObject values, string key) =>
        values.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static JsonObject GetOrAddObject(this JsonObject values, string key)
    {
        if (values.TryGetPropertyValue(key, out var node) && node is JsonObject o)
        {
            return o;
        }

        var created = new JsonObject();
        values[key] = created;
        return created;
    }
}
