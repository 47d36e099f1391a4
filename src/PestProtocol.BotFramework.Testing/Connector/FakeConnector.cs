using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Testing.Connector;

/// <summary>
/// A Bot Connector on 127.0.0.1 for tests: a Kestrel app on a free port that serves reply, send,
/// update, delete and create-conversation, records every call, and can be told to refuse the next
/// calls (429 with Retry-After, 403 MessageWritesBlocked, …). Point the bot's serviceUrl at
/// <see cref="ServiceUrl"/>.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _basePath;
    private readonly object _gate = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly Queue<ScriptedResponse> _scripted = new();
    private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<RecordedCall>> Signal)> _waiters = [];
    private int _nextId;

    private FakeConnector(WebApplication app, string basePath, Uri serviceUrl)
    {
        _app = app;
        _basePath = basePath;
        ServiceUrl = serviceUrl;
    }

    /// <summary>The serviceUrl to put in activities, e.g. <c>http://127.0.0.1:PORT/_connector</c> (no trailing slash).</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Every call received so far, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts a fake connector. <paramref name="basePath"/> is the serviceUrl's path, like the Agents Playground's <c>/_connector</c>.</summary>
    public static async Task<FakeConnector> StartAsync(string basePath = "/_connector", CancellationToken cancellationToken = default)
    {
        var normalized = "/" + basePath.Trim('/');
        if (normalized == "/")
        {
            normalized = string.Empty;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        FakeConnector? connector = null;
        app.Run(context => connector!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        connector = new FakeConnector(app, normalized, new Uri($"http://127.0.0.1:{port}{normalized}"));
        return connector;
    }

    /// <summary>Answers the next <paramref name="times"/> calls with this status, body and headers instead of serving them.</summary>
    /// <param name="delay">How long to wait before answering (to make the client's attempt time out).</param>
    public void RespondNext(int statusCode, string? body = null, IReadOnlyDictionary<string, string>? headers = null, int times = 1, TimeSpan? delay = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _scripted.Enqueue(new ScriptedResponse(statusCode, body, headers, delay));
            }
        }
    }

    /// <summary>Answers the next calls with a connector ErrorResponse <c>{error:{code,message}}</c>.</summary>
    public void RespondNextWithError(int statusCode, string code, string message, int times = 1, IReadOnlyDictionary<string, string>? headers = null) =>
        RespondNext(statusCode, BotJson.Serialize(new ErrorResponse { Error = new ErrorDetail { Code = code, Message = message } }), headers, times);

    /// <summary>Answers the next calls with 429 and <c>Retry-After: seconds</c>.</summary>
    public void RespondNextWithThrottle(int retryAfterSeconds = 1, int times = 1) =>
        RespondNextWithError(429, "Throttled", "Too many requests.", times,
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Completes when at least <paramref name="count"/> calls have arrived; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForCallsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<IReadOnlyList<RecordedCall>> signal;
        lock (_gate)
        {
            if (_calls.Count >= count)
            {
                return [.. _calls];
            }

            signal = new TaskCompletionSource<IReadOnlyList<RecordedCall>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        try
        {
            return await signal.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {count} connector call(s) within {timeout}, got {Calls.Count}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? string.Empty;
        var rawPath = rawTarget.Split('?', 2)[0];

        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var (operation, conversationId, activityId) = Route(request.Method, rawPath);
        ScriptedResponse? scripted;
        int status;
        string? responseBody;
        lock (_gate)
        {
            scripted = _scripted.Count > 0 ? _scripted.Dequeue() : null;
            (status, responseBody) = scripted is not null
                ? (scripted.StatusCode, scripted.Body)
                : Serve(operation, activityId, body);
        }

        var call = new RecordedCall(
            request.Method,
            rawPath,
            operation,
            conversationId,
            activityId,
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            body,
            status)
        {
            TraceParent = request.Headers.TryGetValue("traceparent", out var traceParent) ? traceParent.ToString() : null,
        };
        Record(call);

        if (scripted?.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        context.Response.Headers["X-Correlating-OperationId"] = "fake-" + Guid.NewGuid().ToString("N");
        if (scripted?.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        if (responseBody is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(responseBody, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private (FakeConnectorOperation Operation, string? ConversationId, string? ActivityId) Route(string method, string rawPath)
    {
        if (!rawPath.StartsWith(_basePath + "/", StringComparison.Ordinal))
        {
            return (FakeConnectorOperation.Unknown, null, null);
        }

        var segments = rawPath[(_basePath.Length + 1)..].Split('/');
        if (segments.Length < 2 || segments[0] != "v3" || segments[1] != "conversations")
        {
            return (FakeConnectorOperation.Unknown, null, null);
        }

        var conversationId = segments.Length > 2 ? Uri.UnescapeDataString(segments[2]) : null;
        var activityId = segments.Length > 4 ? Uri.UnescapeDataString(segments[4]) : null;
        var operation = (method, segments.Length) switch
        {
            ("POST", 2) => FakeConnectorOperation.CreateConversation,
            ("POST", 4) when segments[3] == "activities" => FakeConnectorOperation.SendToConversation,
            ("POST", 5) when segments[3] == "activities" => FakeConnectorOperation.ReplyToActivity,
            ("PUT", 5) when segments[3] == "activities" => FakeConnectorOperation.UpdateActivity,
            ("DELETE", 5) when segments[3] == "activities" => FakeConnectorOperation.DeleteActivity,
            _ => FakeConnectorOperation.Unknown,
        };
        return (operation, conversationId, activityId);
    }

    private (int Status, string? Body) Serve(FakeConnectorOperation operation, string? activityId, string body)
    {
        var next = ++_nextId;
        if (operation == FakeConnectorOperation.CreateConversation && ChannelOfNewThread(body) is { } channelId)
        {
            // A new thread in a channel, as Teams answers it: the thread's conversation id and the posted message's id.
            return (201, BotJson.Serialize(new ConversationResourceResponse { Id = $"{channelId};messageid={next}", ActivityId = next.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        return operation switch
        {
            FakeConnectorOperation.ReplyToActivity or FakeConnectorOperation.SendToConversation =>
                (201, BotJson.Serialize(new ResourceResponse { Id = $"activity-{next}" })),
            FakeConnectorOperation.UpdateActivity => (200, BotJson.Serialize(new ResourceResponse { Id = activityId })),
            FakeConnectorOperation.DeleteActivity => (200, null),
            FakeConnectorOperation.CreateConversation =>
                (201, BotJson.Serialize(new ConversationResourceResponse { Id = $"a:conversation-{next}" })),
            _ => (404, BotJson.Serialize(new ErrorResponse { Error = new ErrorDetail { Code = "NotFound", Message = "Unknown endpoint." } })),
        };
    }

    private static string? ChannelOfNewThread(string body)
    {
        try
        {
            var parameters = BotJson.Deserialize<ConversationParameters>(body);
            return parameters?.IsGroup == true && parameters.ChannelData is JsonElement { ValueKind: JsonValueKind.Object } data
                && data.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
                && channel.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Record(RecordedCall call)
    {
        List<TaskCompletionSource<IReadOnlyList<RecordedCall>>> ready = [];
        IReadOnlyList<RecordedCall> snapshot;
        lock (_gate)
        {
            _calls.Add(call);
            snapshot = [.. _calls];
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_calls.Count >= _waiters[i].Count)
                {
                    ready.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in ready)
        {
            signal.TrySetResult(snapshot);
        }
    }

    private sealed record ScriptedResponse(int StatusCode, string? Body, IReadOnlyDictionary<string, string>? Headers, TimeSpan? Delay);
}

/// <summary>Which connector endpoint a call went to.</summary>
public enum FakeConnectorOperation
{
    Unknown,
    ReplyToActivity,
    SendToConversation,
    UpdateActivity,
    DeleteActivity,
    CreateConversation,
}

/// <summary>
/// One call the fake connector received. <see cref="RawPath"/> is the path as sent (ids still
/// escaped); <see cref="ConversationId"/> and <see cref="ActivityId"/> are unescaped.
/// </summary>
public sealed record RecordedCall(
    string Method,
    string RawPath,
    FakeConnectorOperation Operation,
    string? ConversationId,
    string? ActivityId,
    string? Authorization,
    string Body,
    int ResponseStatus)
{
    /// <summary>The W3C <c>traceparent</c> header the request carried, or null.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The body as an Activity (reply, send, update), or null.</summary>
    public Activity? Activity => Operation is FakeConnectorOperation.ReplyToActivity or FakeConnectorOperation.SendToConversation
        or FakeConnectorOperation.UpdateActivity && Body.Length > 0
        ? BotJson.Deserialize<Activity>(Body)
        : null;

    /// <summary>The body as create-conversation parameters, or null.</summary>
    public ConversationParameters? ConversationParameters => Operation == FakeConnectorOperation.CreateConversation && Body.Length > 0
        ? BotJson.Deserialize<ConversationParameters>(Body)
        : null;

    /// <summary>The body as JSON, for asserting on wire names.</summary>
    public JsonElement BodyJson => Body.Length > 0 ? JsonDocument.Parse(Body).RootElement.Clone() : default;
}
