using System.Text.Json;
using System.Text.Json.Serialization;

namespace PestProtocol.BotFramework.Schema;

/// <summary>Invoke names the bot handles.</summary>
public static class InvokeNames
{
    /// <summary>Action.Execute from a Universal Actions card.</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
    /// <summary>Data.Query typeahead search from an Input.ChoiceSet.</summary>
    public const string ApplicationSearch = "application/search";
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeValue
{
    [JsonPropertyName("action")] public AdaptiveCardInvokeAction? Action { get; set; }
    /// <summary>"manual" (a button) or "automatic" (a refresh).</summary>
    [JsonPropertyName("trigger")] public string? Trigger { get; set; }
    [JsonPropertyName("authentication")] public JsonElement? Authentication { get; set; }
    [JsonPropertyName("state")] public string? State { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("verb")] public string? Verb { get; set; }
    /// <summary>The action's data with the card's input values merged in.</summary>
    [JsonPropertyName("data")] public JsonElement? Data { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The <c>value</c> of an <c>application/search</c> invoke (typeahead).</summary>
public sealed class SearchInvokeValue
{
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("queryText")] public string? QueryText { get; set; }
    [JsonPropertyName("queryOptions")] public SearchInvokeOptions? QueryOptions { get; set; }
    [JsonPropertyName("dataset")] public string? Dataset { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class SearchInvokeOptions
{
    [JsonPropertyName("skip")] public int? Skip { get; set; }
    [JsonPropertyName("top")] public int? Top { get; set; }
}

/// <summary>
/// What a bot answers to an invoke: the HTTP status (200 for adaptiveCard/action) and the body.
/// </summary>
public sealed record InvokeResponse(int Status, object? Body);

/// <summary>Body of the answer to <c>adaptiveCard/action</c>: <c>{statusCode, type, value}</c>.</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    [JsonPropertyName("statusCode")] public int StatusCode { get; set; } = 200;
    [JsonPropertyName("type")] public string Type { get; set; } = MessageType;
    [JsonPropertyName("value")] public object? Value { get; set; }

    public static AdaptiveCardInvokeResponse Card(object card) => new() { StatusCode = 200, Type = CardType, Value = card };
    public static AdaptiveCardInvokeResponse Message(string text) => new() { StatusCode = 200, Type = MessageType, Value = text };
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new() { StatusCode = statusCode, Type = ErrorType, Value = new ErrorDetail { Code = code, Message = message } };
}

/// <summary>Body of the answer to <c>application/search</c>.</summary>
public sealed class SearchInvokeResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; } = 200;
    [JsonPropertyName("type")] public string Type { get; set; } = "application/vnd.microsoft.search.searchResponse";
    [JsonPropertyName("value")] public SearchResults Value { get; set; } = new();
}

public sealed class SearchResults
{
    [JsonPropertyName("results")] public List<SearchResult> Results { get; set; } = [];
}

public sealed record SearchResult(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);
