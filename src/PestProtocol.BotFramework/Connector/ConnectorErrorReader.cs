using System.Net;
using System.Net.Http.Headers;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// Turns a connector refusal (status, <c>ErrorResponse</c> body, headers) into a <see cref="ConnectorError"/>.
/// The error message is read only to classify Teams' 403s; it is never kept or logged.
/// </summary>
internal static class ConnectorErrorReader
{
    public const string CorrelationHeader = "X-Correlating-OperationId";
    public const string MessageWritesBlockedCode = "MessageWritesBlocked";
    public const string MessageSizeTooBigCode = "MessageSizeTooBig";

    public static ConnectorError Read(HttpStatusCode status, ErrorDetail? detail, string? correlationId, TimeSpan? retryAfter)
    {
        var statusCode = (int)status;
        var code = detail?.Code;
        var kind = Classify(statusCode, code, detail?.Message);
        return new ConnectorError(kind, statusCode, code, correlationId, kind == ConnectorErrorKind.Throttled ? retryAfter : null);
    }

    public static ConnectorErrorKind Classify(int statusCode, string? code, string? message)
    {
        if (string.Equals(code, MessageSizeTooBigCode, StringComparison.OrdinalIgnoreCase) || statusCode == 413)
        {
            return ConnectorErrorKind.MessageTooLarge;
        }

        return statusCode switch
        {
            403 => ClassifyForbidden(code, message),
            401 => ConnectorErrorKind.Unauthorized,
            404 => ConnectorErrorKind.NotFound,
            412 => ConnectorErrorKind.PreconditionFailed,
            429 => ConnectorErrorKind.Throttled,
            >= 500 and <= 599 => ConnectorErrorKind.ServerError,
            _ => ConnectorErrorKind.Other,
        };
    }

    private static ConnectorErrorKind ClassifyForbidden(string? code, string? message)
    {
        if (string.Equals(code, MessageWritesBlockedCode, StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorErrorKind.MessageWritesBlocked;
        }

        if (message is null)
        {
            return ConnectorErrorKind.Forbidden;
        }

        if (message.Contains("not part of the conversation roster", StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorErrorKind.BotNotInRoster;
        }

        if (message.Contains("tenant admin disabled", StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorErrorKind.BotDisabledByAdmin;
        }

        if (message.Contains("blocked the conversation", StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorErrorKind.MessageWritesBlocked;
        }

        return ConnectorErrorKind.Forbidden;
    }

    /// <summary>The <c>Retry-After</c> header as a delay: delta seconds, or an HTTP-date from now.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static string? ReadCorrelationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
}
