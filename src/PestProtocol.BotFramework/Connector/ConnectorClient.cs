using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST client (a typed <see cref="HttpClient"/>). Adds the bot's bearer token,
/// escapes ids in the path, and returns every refusal as a typed <see cref="ConnectorError"/>.
/// Retries and timeouts live in the HttpClient's <see cref="ConnectorRetryHandler"/>.
/// </summary>
public sealed partial class ConnectorClient : IConnectorClient
{
    private const string JsonMediaType = "application/json";
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly HttpClient _httpClient;
    private readonly IBotTokenProvider _tokenProvider;
    private readonly ILogger<ConnectorClient> _logger;
    private readonly ServiceUrlAllowList _serviceUrls;

    public ConnectorClient(HttpClient httpClient, IBotTokenProvider tokenProvider, ServiceUrlAllowList serviceUrls, ILogger<ConnectorClient> logger)
    {
        _serviceUrls = serviceUrls ?? throw new ArgumentNullException(nameof(serviceUrls));
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, "v3", "conversations", Required(conversationId), "activities", Required(activityId));
        return SendAsync<ResourceResponse>(ConnectorOperation.ReplyToActivity, HttpMethod.Post, uri, activity, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, "v3", "conversations", Required(conversationId), "activities");
        return SendAsync<ResourceResponse>(ConnectorOperation.SendToConversation, HttpMethod.Post, uri, activity, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, "v3", "conversations", Required(conversationId), "activities", Required(activityId));
        return SendAsync<ResourceResponse>(ConnectorOperation.UpdateActivity, HttpMethod.Put, uri, activity, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ConnectorResult<bool>> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        var uri = BuildUri(serviceUrl, "v3", "conversations", Required(conversationId), "activities", Required(activityId));
        var result = await SendAsync<ResourceResponse>(ConnectorOperation.DeleteActivity, HttpMethod.Delete, uri, body: null, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? ConnectorResult<bool>.Success(true) : ConnectorResult<bool>.Failure(result.Error!);
    }

    /// <inheritdoc />
    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uri = BuildUri(serviceUrl, "v3", "conversations");
        return SendAsync<ConversationResourceResponse>(ConnectorOperation.CreateConversation, HttpMethod.Post, uri, parameters, cancellationToken);
    }

    /// <summary>
    /// The service URL with the escaped segments appended. The service URL's own path is kept
    /// (e.g. <c>http://localhost:56150/_connector</c>), with or without a trailing slash.
    /// </summary>
    internal static Uri BuildUri(string serviceUrl, params string[] segments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        var text = new StringBuilder(BaseOf(serviceUrl));
        foreach (var segment in segments)
        {
            text.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return new Uri(text.ToString(), UriKind.Absolute);
    }

    // A bot talks to one or two service URLs: the parsed prefix of the last one is kept (an immutable pair, swapped whole).
    private static ServiceUrlPrefix? _lastPrefix;

    /// <summary>Scheme, authority and path of the service URL without a trailing slash, query or fragment.</summary>
    private static string BaseOf(string serviceUrl)
    {
        if (_lastPrefix is { } last && string.Equals(last.ServiceUrl, serviceUrl, StringComparison.Ordinal))
        {
            return last.Prefix;
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The service URL must be an absolute http(s) URL.", nameof(serviceUrl));
        }

        var prefix = baseUri.GetLeftPart(UriPartial.Authority) + baseUri.AbsolutePath.TrimEnd('/');
        _lastPrefix = new ServiceUrlPrefix(serviceUrl, prefix);
        return prefix;
    }

    private sealed record ServiceUrlPrefix(string ServiceUrl, string Prefix);

    private static string Required(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, name);
        return id;
    }

    private async Task<ConnectorResult<T>> SendAsync<T>(ConnectorOperation operation, HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
        where T : class, new()
    {
        // Before anything is built or a token fetched: a serviceUrl of someone else's choosing gets nothing.
        if (!_serviceUrls.IsAllowed(uri))
        {
            var refused = new ConnectorError(ConnectorErrorKind.ServiceUrlNotAllowed, 0, null, null);
            LogFailure(operation, refused.Kind, refused.StatusCode, null, null, null);
            return ConnectorResult<T>.Failure(refused);
        }

        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BotJson.Options);
            request.Content = new ByteArrayContent(json);

            // Constant, well-formed values: added as text, no header objects built per request (same bytes on the wire).
            request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        }

        request.Headers.TryAddWithoutValidation("Accept", JsonMediaType);
        var token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or ConnectorTimeoutException or OperationCanceledException)
        {
            // A POST that went out and got no answer may have been processed: say so, the caller must not assume it failed.
            var sent = exception is not HttpRequestException connection || !RequestSafety.WasNotSent(connection);
            var kind = sent && !RequestSafety.IsIdempotent(method) ? ConnectorErrorKind.OutcomeUnknown : ConnectorErrorKind.Unreachable;
            var failure = new ConnectorError(kind, 0, null, null);
            LogFailure(operation, failure.Kind, failure.StatusCode, null, null, exception.GetType().Name);
            return ConnectorResult<T>.Failure(failure);
        }

        using (response)
        {
            var correlationId = ConnectorErrorReader.ReadCorrelationId(response);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return ReadSuccess<T>(operation, response.StatusCode, content, correlationId);
            }

            var detail = TryRead<ErrorResponse>(content)?.Error;
            var retryAfter = ConnectorErrorReader.ReadRetryAfter(response.Headers, TimeProvider.System);
            var error = ConnectorErrorReader.Read(response.StatusCode, detail, correlationId, retryAfter);
            LogFailure(operation, error.Kind, error.StatusCode, error.Code, correlationId, null);
            return ConnectorResult<T>.Failure(error);
        }
    }

    private ConnectorResult<T> ReadSuccess<T>(ConnectorOperation operation, HttpStatusCode status, byte[] content, string? correlationId)
        where T : class, new()
    {
        if (content.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return ConnectorResult<T>.Success(new T());
        }

        try
        {
            return ConnectorResult<T>.Success(JsonSerializer.Deserialize<T>(content, BotJson.Options) ?? new T());
        }
        catch (JsonException)
        {
            var error = new ConnectorError(ConnectorErrorKind.Other, (int)status, null, correlationId);
            LogFailure(operation, error.Kind, error.StatusCode, null, correlationId, nameof(JsonException));
            return ConnectorResult<T>.Failure(error);
        }
    }

    private static T? TryRead<T>(byte[] content)
        where T : class
    {
        if (content.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(content, BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Only the kind, status, error code, correlation id and exception type are logged: never ids,
    // message text or the connector's error message (it can quote what a user wrote).
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Connector {Operation} failed: {Kind} (status {StatusCode}, code {ErrorCode}, correlation {CorrelationId}, exception {ExceptionType})")]
    private partial void LogFailure(ConnectorOperation operation, ConnectorErrorKind kind, int statusCode, string? errorCode, string? correlationId, string? exceptionType);

    private enum ConnectorOperation
    {
        ReplyToActivity,
        SendToConversation,
        UpdateActivity,
        DeleteActivity,
        CreateConversation,
    }
}
