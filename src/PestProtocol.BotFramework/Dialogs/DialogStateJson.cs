using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// Reads a stored <see cref="DialogState"/> from the already parsed state document: each dialog's
/// <see cref="DialogInstance.State"/> becomes a <see cref="JsonObject"/> over the document's own element, where the
/// serializer would copy that part of the document and parse it a second time. The result is what
/// <see cref="BotJson.Options"/> would give (same node options, so the same lookups); anything this reader does not
/// expect of a document the bot wrote itself (other casing, unknown or repeated names, nulls) is left to the serializer.
/// </summary>
internal static class DialogStateJson
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = BotJson.Options.PropertyNameCaseInsensitive };

    /// <summary>The dialog state in <paramref name="element"/>, through the serializer when the quick read declines.</summary>
    public static DialogState? Read(JsonElement element) =>
        TryRead(element, depth: 0) ?? element.Deserialize<DialogState>(BotJson.Options);

    /// <summary>The dialog state, or null to let the serializer read it.</summary>
    internal static DialogState? TryRead(JsonElement element, int depth)
    {
        // The serializer refuses documents deeper than its MaxDepth: leave deep nesting to it.
        if (element.ValueKind != JsonValueKind.Object || depth > 8)
        {
            return null;
        }

        List<DialogInstance>? stack = null;
        foreach (var property in element.EnumerateObject())
        {
            if (stack is not null || !property.NameEquals("dialogStack") || property.Value.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            stack = new List<DialogInstance>(property.Value.GetArrayLength());
            foreach (var item in property.Value.EnumerateArray())
            {
                var instance = TryReadInstance(item, depth);
                if (instance is null)
                {
                    return null;
                }

                stack.Add(instance);
            }
        }

        return stack is null ? new DialogState() : new DialogState { DialogStack = stack };
    }

    private static DialogInstance? TryReadInstance(JsonElement element, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var instance = new DialogInstance();
        bool id = false, state = false, inner = false;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (!id && property.NameEquals("id") && value.ValueKind == JsonValueKind.String)
            {
                instance.Id = value.GetString()!;
                id = true;
            }
            else if (!state && property.NameEquals("state") && value.ValueKind == JsonValueKind.Object)
            {
                instance.State = JsonObject.Create(value, NodeOptions)!;
                state = true;
            }
            else if (!inner && property.NameEquals("inner") && value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    instance.Inner = TryRead(value, depth + 1);
                    if (instance.Inner is null)
                    {
                        return null;
                    }
                }

                inner = true;
            }
            else
            {
                return null;
            }
        }

        return instance;
    }
}
