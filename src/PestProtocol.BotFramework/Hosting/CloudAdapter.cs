using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Authentication;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Hosting;

/// <summary>
/// The adapter between ASP.NET Core and a bot: it reads the channel's POST, authenticates it, runs
/// the turn through the middleware and the bot, and sends replies through the connector. An invoke's
/// answer is written into the HTTP response.
/// </summary>
public sealed partial class CloudAdapter : BotAdapter
{
    private readonly IChannelRequestAuthenticator _authenticator;
    private readonly IConnectorClient _connector;
    private readonly BotHostingOptions _options;
    private readonly ILogger<CloudAdapter> _logger;
    private readonly ServiceUrlAllowList _serviceUrls;
    private readonly ITurnAdmission? _admission;

    public CloudAdapter(
        IChannelRequestAuthenticator authenticator,
        IConnectorClient connector,
        IOptions<BotHostingOptions> options,
        IEnumerable<Builder.IMiddleware> middleware,
        ServiceUrlAllowList serviceUrls,
        ILogger<CloudAdapter> logger,
        ITurnAdmission? admission = null)
    {
        _admission = admission;
        _serviceUrls = serviceUrls;
        _authenticator = authenticator;
        _connector = connector;
        _options = options.Value;
        _logger = logger;
        foreach (var m in middleware)
        {
            Use(m);
        }
    }

    /// <summary>Handles one POST to the messaging endpoint.</summary>
    public async Task ProcessAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(bot);

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        // The channel posts application/json. Anything else (text/plain, a form) is what a web page can send
        // cross-origin without a CORS preflight: refused before the body is read.
        if (!IsJson(request.ContentType))
        {
            LogRejected(_logger, "content type", StatusCodes.Status415UnsupportedMediaType);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (request.ContentLength > _options.MaxRequestBodyBytes)
        {
            LogRejected(_logger, "body too large", StatusCodes.Status413PayloadTooLarge);
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadBodyAsync(request.Body, _options.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            LogRejected(_logger, "body too large", StatusCodes.Status413PayloadTooLarge);
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        Activity? activity = null;
        if (InboundActivityCheck.HasOnlyValidText(body.Value.Span))
        {
            try
            {
                activity = JsonSerializer.Deserialize<Activity>(body.Value.Span, BotJson.Options);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
            {
                activity = null;
            }
        }

        if (activity is null)
        {
            LogRejected(_logger, "malformed JSON", StatusCodes.Status400BadRequest);
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "The request body is not a valid activity.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var missing = InboundActivityCheck.MissingRequiredField(activity);
        if (missing is not null)
        {
            LogRejected(_logger, "missing " + missing, StatusCodes.Status400BadRequest);
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, $"The activity has no {missing}.", cancellationToken).ConfigureAwait(false);
            return;
        }

        // Replies go to the activity's serviceUrl with the bot's token: only to the channel's own hosts.
        if (!_serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            LogRejected(_logger, "serviceUrl not allowed", StatusCodes.Status403Forbidden);
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var auth = await _authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), activity, cancellationToken).ConfigureAwait(false);
        if (!auth.IsAllowed)
        {
            var status = auth.Status == ChannelAuthenticationStatus.MissingToken ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            LogAuthenticationFailed(_logger, status, auth.FailureReason ?? "unknown");
            response.StatusCode = status;
            return;
        }

        if (InboundActivityCheck.MalformedInvoke(activity) is { } refusal)
        {
            LogRejected(_logger, "malformed invoke value", StatusCodes.Status400BadRequest);
            await WriteInvokeResponseAsync(response, refusal, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Only a checked, authenticated request waits for its place; one whose client leaves while it waits runs nothing.
        var place = _admission is null ? null : await _admission.AdmitAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (_admission is not null && place is null)
        {
            return;
        }

        var turnContext = new TurnContext(this, activity);
        if (auth.Identity is not null)
        {
            turnContext.TurnState.Set(auth.Identity);
        }

        using (place)
        {
            await RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invokeResponse = turnContext.InvokeResponse
                ?? new InvokeResponse(StatusCodes.Status400BadRequest, AdaptiveCardInvokeResponse.Error(400, "UnknownInvoke", "This invoke is not supported."));
            await WriteInvokeResponseAsync(response, invokeResponse, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var serviceUrl = activity.ServiceUrl ?? turnContext.Activity.ServiceUrl!;
            var conversationId = activity.Conversation?.Id ?? turnContext.Activity.Conversation!.Id!;
            var result = activity.ReplyToId is { Length: > 0 } replyTo
                ? await _connector.ReplyToActivityAsync(serviceUrl, conversationId, replyTo, activity, cancellationToken).ConfigureAwait(false)
                : await _connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
            responses[i] = result.IsSuccess ? result.Value ?? new ResourceResponse() : throw new ConnectorException(result.Error!);
        }

        return responses;
    }

    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = await _connector.UpdateActivityAsync(
            activity.ServiceUrl ?? turnContext.Activity.ServiceUrl!,
            activity.Conversation?.Id ?? turnContext.Activity.Conversation!.Id!,
            activity.Id ?? throw new ArgumentException("An update needs the id of the activity to replace.", nameof(activity)),
            activity,
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result.Value ?? new ResourceResponse { Id = activity.Id } : throw new ConnectorException(result.Error!);
    }

    public override async Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var result = await _connector.DeleteActivityAsync(reference.ServiceUrl!, reference.Conversation!.Id!, reference.ActivityId!, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new ConnectorException(result.Error!);
        }
    }

    /// <summary>Runs a turn in an existing conversation without an incoming request (a proactive message).</summary>
    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(callback);
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "ContinueConversation",
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
        };
        return RunPipelineAsync(new TurnContext(this, activity), callback, cancellationToken);
    }

    private static async Task WriteInvokeResponseAsync(HttpResponse response, InvokeResponse invokeResponse, CancellationToken cancellationToken)
    {
        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, invokeResponse.Body, invokeResponse.Body.GetType(), BotJson.Options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>application/json</c>, with or without parameters (a charset other than UTF-8 is refused).</summary>
    internal static bool IsJson(string? contentType)
    {
        // What the Bot Connector and the Agents Playground send, without parsing the header (0.6 % of a help turn).
        if (string.Equals(contentType, "application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase)
            || string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(contentType)
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = mediaType.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var writer = new ArrayBufferWriter<byte>(4096);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (writer.WrittenCount + read > limit)
                {
                    return null;
                }

                writer.Write(buffer.AsSpan(0, read));
            }

            return writer.WrittenMemory;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task WriteProblemAsync(HttpResponse response, int status, string detail, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(new { error = new { code = "BadRequest", message = detail } }, BotJson.Options), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to the messaging endpoint ({Reason}): {Status}.")]
    private static partial void LogRejected(ILogger logger, string reason, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel authentication failed: {Status} ({Reason}).")]
    private static partial void LogAuthenticationFailed(ILogger logger, int status, string reason);
}
