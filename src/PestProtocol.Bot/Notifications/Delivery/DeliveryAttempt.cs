using PestProtocol.BotFramework.Connector;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>The outcome of one delivery try through one channel (<see cref="DeliveryChannels"/>).</summary>
public sealed record DeliveryAttempt(string Channel, bool Delivered, string? ServiceUrl, string? ConversationId, string? ActivityId, string? ErrorCode, bool Transient, TimeSpan? RetryAfter, ConnectorError? Error)
{
    public static DeliveryAttempt Sent(string channel, string? serviceUrl, string? conversationId, string? activityId) =>
        new(channel, true, serviceUrl, conversationId, activityId, null, false, null, null);

    public static DeliveryAttempt Failure(string channel, string code, bool transient, TimeSpan? retryAfter = null) =>
        new(channel, false, null, null, null, code, transient, retryAfter, null);

    public static DeliveryAttempt From(string channel, ConnectorError error) =>
        new(channel, false, null, null, null, error.Code is null ? error.Kind.ToString() : $"{error.Kind}:{error.Code}", error.IsTransient, error.RetryAfter, error);

    public static DeliveryAttempt From(string channel, TeamsGraphException error) =>
        Failure(channel, GraphCode(error), error.IsTransient, error.RetryAfter);

    /// <summary>A Graph failure as an error code for the delivery log.</summary>
    public static string GraphCode(TeamsGraphException ex) => $"Graph{ex.StatusCode}{(ex.Code is null ? "" : ":" + ex.Code)}";
}
