using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Tests.Hosting.TwoInstances;

/// <summary>
/// The Bot Connector both bot processes talk to (the activities' serviceUrl points here): it records every reply to a
/// turn and every proactive send (an alert into a staff member's chat), and can hold the first proactive send without
/// answering, to kill the instance that is sending it. A send counts as shown only when it was answered 201; a held send
/// whose sender died is recorded as never answered (Teams did not take it).
/// </summary>
internal sealed class ConnectorBetweenInstances : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ConnectorReply> _replies = [];
    private readonly List<ConnectorSend> _sends = [];
    private readonly List<ConnectorRequest> _requests = [];
    private TaskCompletionSource<ConnectorSend>? _hold;
    private int _nextId;

    private ConnectorBetweenInstances(WebApplication app) => _app = app;

    /// <summary>The serviceUrl to put in activities (no trailing slash).</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public IReadOnlyList<ConnectorReply> Replies
    {
        get
        {
            lock (_gate)
            {
                return [.. _replies];
            }
        }
    }

    public IReadOnlyList<ConnectorSend> Sends
    {
        get
        {
            lock (_gate)
            {
                return [.. _sends];
            }
        }
    }

    /// <summary>Every request but the replies to turns, in the order they came (for a failing test to show what happened).</summary>
    public IReadOnlyList<ConnectorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Names the process a request came from, by the client's port (null: not known).</summary>
    public Func<int, string?>? IdentifyClient { get; set; }

    /// <summary>The port this connector listens on.</summary>
    public int Port => ServiceUrl.Port;

    public static async Task<ConnectorBetweenInstances> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new ConnectorBetweenInstances(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port}/_connector");
        return connector;
    }

    /// <summary>The next proactive send is not answered until its sender goes away; the task completes when it arrives.</summary>
    public Task<ConnectorSend> HoldNextSend()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource<ConnectorSend>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _hold.Task;
        }
    }

    private void Record(ConnectorRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    private string Identify(int remotePort)
    {
        try
        {
            return IdentifyClient?.Invoke(remotePort) ?? $"port {remotePort}";
        }
        catch (IOException)
        {
            return $"port {remotePort}";
        }
        catch (UnauthorizedAccessException)
        {
            return $"port {remotePort}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var segments = rawTarget.Split('?', 2)[0].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var from = Identify(context.Connection.RemotePort);

        // /_connector/v3/conversations/{conversationId}/activities[/{activityId}]
        if (segments.Length < 5 || segments[0] != "_connector" || segments[1] != "v3" || segments[2] != "conversations" || segments[4] != "activities")
        {
            Record(new ConnectorRequest(DateTimeOffset.UtcNow, from, context.Request.Method + " " + (segments.Length == 3 ? "create conversation" : "unknown path"), null, null, null, Answered: true));
            context.Response.StatusCode = segments.Length == 3 && context.Request.Method == "POST" ? 201 : 404;
            await context.Response.WriteAsync(BotJson.Serialize(new ConversationResourceResponse { Id = "a:created-" + Interlocked.Increment(ref _nextId) }));
            return;
        }

        var conversationId = segments[3];
        var activity = BotJson.Deserialize<Activity>(body)!;
        var id = "activity-" + Interlocked.Increment(ref _nextId);
        if (context.Request.Method == "POST" && segments.Length == 6)
        {
            lock (_gate)
            {
                _replies.Add(new ConnectorReply(conversationId, segments[5], activity));
            }
        }
        else if (context.Request.Method == "POST")
        {
            TaskCompletionSource<ConnectorSend>? hold;
            lock (_gate)
            {
                hold = _hold;
                _hold = null;
            }

            if (hold is not null)
            {
                // Never answered: the sender is killed while it waits; its connection closing ends this request.
                Record(new ConnectorRequest(DateTimeOffset.UtcNow, from, "POST new (held, never answered)", conversationId, null, activity, Answered: false));
                hold.TrySetResult(new ConnectorSend(conversationId, activity, Shown: false));
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                lock (_gate)
                {
                    _sends.Add(new ConnectorSend(conversationId, activity, Shown: false));
                }

                return;
            }

            lock (_gate)
            {
                _sends.Add(new ConnectorSend(conversationId, activity, Shown: true));
            }

            Record(new ConnectorRequest(DateTimeOffset.UtcNow, from, "POST new", conversationId, id, activity, Answered: true));
        }
        else
        {
            Record(new ConnectorRequest(DateTimeOffset.UtcNow, from, context.Request.Method == "PUT" ? "PUT update" : context.Request.Method, conversationId, segments.Length > 5 ? segments[5] : null, activity, Answered: true));
        }

        context.Response.StatusCode = context.Request.Method == "PUT" ? 200 : 201;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(BotJson.Serialize(new ResourceResponse { Id = id }));
    }
}

/// <summary>One request to the connector (not a reply to a turn): when, from which process, what, where, and whether it was answered.</summary>
internal sealed record ConnectorRequest(DateTimeOffset At, string From, string Request, string? ConversationId, string? ActivityId, Activity? Activity, bool Answered);

/// <summary>A reply the bot posted to one incoming activity.</summary>
internal sealed record ConnectorReply(string ConversationId, string ReplyToId, Activity Activity);

/// <summary>A proactive message into a conversation; <see cref="Shown"/> when the connector answered it.</summary>
internal sealed record ConnectorSend(string ConversationId, Activity Activity, bool Shown);
