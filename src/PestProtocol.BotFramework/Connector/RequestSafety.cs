namespace PestProtocol.BotFramework.Connector;

/// <summary>Whether a connector request may be sent again without the risk of doing it twice.</summary>
internal static class RequestSafety
{
    /// <summary>PUT, GET, DELETE and HEAD do the same thing when repeated; POST (send, reply, create conversation) does not.</summary>
    public static bool IsIdempotent(HttpMethod? method) =>
        method is not null && (method == HttpMethod.Put || method == HttpMethod.Get || method == HttpMethod.Delete || method == HttpMethod.Head);

    /// <summary>True when the failure happened before the request left: no name, no connection, no TLS, no proxy tunnel.</summary>
    public static bool WasNotSent(HttpRequestException exception) => exception.HttpRequestError
        is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
        or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
