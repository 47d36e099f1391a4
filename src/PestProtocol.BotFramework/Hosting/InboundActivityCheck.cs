using System.Text.Json;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Hosting;

/// <summary>
/// What the messaging endpoint checks before a turn runs, so that input the client got wrong is answered with a
/// clean refusal instead of an exception deep inside a handler: every JSON string must be valid UTF-16 text (no lone
/// surrogates), the activity must have the fields the protocol requires, and the value of an invoke the bot handles
/// must have the documented shape.
/// </summary>
public static class InboundActivityCheck
{
    /// <summary>The text a user may see in Teams under a card whose action was malformed (rare: only a tampered client sends one).</summary>
    public const string MalformedCardActionMessage =
        "Deze knop stuurde iets wat ik niet begrijp. Er is niets veranderd. Probeer het opnieuw vanaf een nieuwe kaart: typ 'help'.";

    /// <summary>True when every string and property name in <paramref name="json"/> reads as text (no lone UTF-16 surrogates).</summary>
    public static bool HasOnlyValidText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = BotJson.Options.MaxDepth == 0 ? 64 : BotJson.Options.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    // Unescaped: valid UTF-8 is valid text (checked in place, no string built). Escaped: decoding finds
                    // a lone surrogate (\ud800) or bad escape and throws.
                    if (!reader.ValueIsEscaped)
                    {
                        if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        _ = reader.GetString();
                    }
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The name of the first required field that is missing or malformed, or null when the activity is complete.</summary>
    public static string? MissingRequiredField(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "type";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "serviceUrl";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "conversation";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "channelId";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "from";
        }

        if (activity.MembersAdded is { } added && added.Any(member => string.IsNullOrWhiteSpace(member?.Id)))
        {
            return "membersAdded";
        }

        if (activity.MembersRemoved is { } removed && removed.Any(member => string.IsNullOrWhiteSpace(member?.Id)))
        {
            return "membersRemoved";
        }

        if (activity.Type == ActivityTypes.Invoke && string.IsNullOrWhiteSpace(activity.Name))
        {
            return "name";
        }

        return null;
    }

    /// <summary>
    /// For an invoke the bot handles: null when its value has the documented shape, else the refusal to answer with
    /// (HTTP 200 and a <c>{statusCode: 400, type: application/vnd.microsoft.error}</c> body, as Universal Actions require).
    /// </summary>
    public static InvokeResponse? MalformedInvoke(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Invoke)
        {
            return null;
        }

        return activity.Name switch
        {
            InvokeNames.AdaptiveCardAction when !IsWellFormedCardAction(activity.Value) => Refusal(MalformedCardActionMessage),
            InvokeNames.ApplicationSearch when !IsWellFormedSearch(activity.Value) => Refusal("De zoekvraag is niet leesbaar."),
            _ => null,
        };
    }

    private static InvokeResponse Refusal(string message) =>
        new(200, AdaptiveCardInvokeResponse.Error(400, "BadRequest", message));

    private static bool IsWellFormedCardAction(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!IsOptional(root, "trigger", JsonValueKind.String) || !IsOptional(root, "state", JsonValueKind.String)
            || !IsOptional(action, "type", JsonValueKind.String) || !IsOptional(action, "id", JsonValueKind.String)
            || !IsOptional(action, "verb", JsonValueKind.String) || !IsOptional(action, "data", JsonValueKind.Object))
        {
            return false;
        }

        return TryDeserialize<AdaptiveCardInvokeValue>(root);
    }

    private static bool IsWellFormedSearch(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } root
            || !IsOptional(root, "kind", JsonValueKind.String) || !IsOptional(root, "queryText", JsonValueKind.String)
            || !IsOptional(root, "dataset", JsonValueKind.String) || !IsOptional(root, "queryOptions", JsonValueKind.Object))
        {
            return false;
        }

        return TryDeserialize<SearchInvokeValue>(root);
    }

    /// <summary>The property is absent, null, or of the given kind.</summary>
    private static bool IsOptional(JsonElement element, string name, JsonValueKind kind) =>
        !element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null || property.ValueKind == kind;

    private static bool TryDeserialize<T>(JsonElement element)
    {
        try
        {
            _ = BotJson.Deserialize<T>(element);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            return false;
        }
    }
}
