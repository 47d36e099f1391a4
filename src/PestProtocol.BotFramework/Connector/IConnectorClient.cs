using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API (base URI = the activity's serviceUrl). Every call returns a
/// <see cref="ConnectorResult{T}"/>: Teams' refusals come back typed, never as a swallowed exception.
/// </summary>
public interface IConnectorClient
{
    /// <summary>POST /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations/{conversationId}/activities</summary>
    Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>PUT /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>DELETE /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ConnectorResult<bool>> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations (a 1:1 chat: bot, one member, channelData.tenant.id).</summary>
    Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default);
}

/// <summary>Why the connector refused or failed a call.</summary>
public enum ConnectorErrorKind
{
    /// <summary>403 MessageWritesBlocked: the user blocked or uninstalled the bot.</summary>
    MessageWritesBlocked,
    /// <summary>403 "not part of the conversation roster": the app is not installed for the user.</summary>
    BotNotInRoster,
    /// <summary>403 "The tenant admin disabled this bot".</summary>
    BotDisabledByAdmin,
    /// <summary>Any other 403.</summary>
    Forbidden,
    /// <summary>401: our outbound token was refused.</summary>
    Unauthorized,
    /// <summary>404: conversation, activity or recipient not found.</summary>
    NotFound,
    /// <summary>413 MessageSizeTooBig.</summary>
    MessageTooLarge,
    /// <summary>429 (after the retries).</summary>
    Throttled,
    /// <summary>412 (after the retries).</summary>
    PreconditionFailed,
    /// <summary>5xx (after the retries).</summary>
    ServerError,
    /// <summary>No answer in time, or the connection failed (for a POST: before the request was sent).</summary>
    Unreachable,
    /// <summary>
    /// A POST (send, reply, create conversation) was sent but no answer came (attempt timeout, or the connection broke):
    /// Teams may or may not have processed it. It is not retried inside the call, because a second POST could show the
    /// message twice and the Connector API has no idempotency key; a caller that tries again later accepts that risk.
    /// </summary>
    OutcomeUnknown,
    /// <summary>A 2xx whose body we could not read, or any other status.</summary>
    Other,
    /// <summary>The service URL is not on the allow-list: nothing was sent (see <see cref="ServiceUrlAllowList"/>).</summary>
    ServiceUrlNotAllowed,
}

/// <summary>A refusal as the connector gave it. Holds no message text from us, no personal data.</summary>
public sealed record ConnectorError(ConnectorErrorKind Kind, int StatusCode, string? Code, string? CorrelationId, TimeSpan? RetryAfter = null)
{
    /// <summary>True when trying again later may succeed.</summary>
    public bool IsTransient => Kind is ConnectorErrorKind.Throttled or ConnectorErrorKind.ServerError
        or ConnectorErrorKind.Unreachable or ConnectorErrorKind.OutcomeUnknown or ConnectorErrorKind.PreconditionFailed;
}

public readonly record struct ConnectorResult<T>(T? Value, ConnectorError? Error)
{
    public bool IsSuccess => Error is null;

    public static ConnectorResult<T> Success(T value) => new(value, null);

    public static ConnectorResult<T> Failure(ConnectorError error) => new(default, error);
}

/// <summary>Thrown inside a turn when a send fails: the turn's error handling decides what the user sees.</summary>
public sealed class ConnectorException(ConnectorError error)
    : Exception($"The connector refused the call: {error.Kind} ({error.StatusCode}{(error.Code is null ? "" : ", " + error.Code)}).")
{
    public ConnectorError Error { get; } = error;
}
