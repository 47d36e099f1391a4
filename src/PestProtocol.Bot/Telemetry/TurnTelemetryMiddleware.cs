using System.Diagnostics;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Telemetry;

/// <summary>
/// Times every turn and wraps it in a span named <c>turn</c> tagged with the activity type, the channel
/// and (for invokes) the invoke name. It never records who sent the activity, the conversation, names
/// or text; a failure is recorded by exception type only (messages may quote input).
/// </summary>
public sealed class TurnTelemetryMiddleware(BotTelemetry telemetry) : PestProtocol.BotFramework.Builder.IMiddleware
{
    public const string SpanName = "turn";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var incoming = turnContext.Activity;
        var type = TelemetryTags.ActivityType(incoming.Type);
        using var span = telemetry.ActivitySource.StartActivity(SpanName, ActivityKind.Internal);
        if (span is not null)
        {
            span.SetTag(TelemetryTags.ActivityTypeKey, type);
            span.SetTag(TelemetryTags.ChannelIdKey, TelemetryTags.ChannelId(incoming.ChannelId));
            if (type == ActivityTypes.Invoke)
            {
                span.SetTag(TelemetryTags.InvokeNameKey, TelemetryTags.InvokeName(incoming.Name));
            }
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = TelemetryTags.Error;
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
            outcome = TelemetryTags.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = TelemetryTags.Cancelled;
            throw;
        }
        catch (Exception exception)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            span?.SetTag("error.type", exception.GetType().FullName);
            throw;
        }
        finally
        {
            span?.SetTag(TelemetryTags.OutcomeKey, outcome);
            telemetry.RecordTurn(type, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
