using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PestProtocol.Bot.Telemetry;

/// <summary>
/// The bot's own traces and metrics: one <see cref="System.Diagnostics.ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/>. Every tag value is a
/// protocol word from a short list (activity type, channel, outcome, channel kind), never an id, a name
/// or message text. Register as a singleton.
/// </summary>
public sealed class BotTelemetry : IDisposable
{
    /// <summary>Name of the activity source and of the meter.</summary>
    public const string Name = "PestProtocol.Bot";

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _notificationsFailed;

    public BotTelemetry(IMeterFactory meterFactory, IOutboxDepthSource outboxDepth)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(outboxDepth);
        ActivitySource = new ActivitySource(Name);
        _meter = meterFactory.Create(new MeterOptions(Name));
        _turns = _meter.CreateCounter<long>("pestprotocol.turns", unit: "{turn}", description: "Turns handled, by activity type and outcome.");
        _turnDuration = _meter.CreateHistogram<double>("pestprotocol.turn.duration", unit: "ms", description: "How long a turn took, by activity type.");
        _notificationsFailed = _meter.CreateCounter<long>("pestprotocol.notifications.failed", unit: "{notification}", description: "Notifications that could not be delivered, by channel kind.");
        _meter.CreateObservableGauge("pestprotocol.outbox.depth", outboxDepth.GetDepth, unit: "{notification}", description: "Notifications waiting in the outbox.");
    }

    /// <summary>Where the bot's spans start (the turn span and any the bot adds).</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Counts a finished turn and records its duration.</summary>
    public void RecordTurn(string activityType, string outcome, double milliseconds)
    {
        var type = TelemetryTags.ActivityType(activityType);
        _turns.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ActivityTypeKey, type), new KeyValuePair<string, object?>(TelemetryTags.OutcomeKey, TelemetryTags.Outcome(outcome)));
        _turnDuration.Record(milliseconds, new KeyValuePair<string, object?>(TelemetryTags.ActivityTypeKey, type));
    }

    /// <summary>Counts a notification that failed on one channel (e.g. <c>teams-chat</c>, <c>activity-feed</c>, <c>mail</c>).</summary>
    public void RecordNotificationFailed(string channelKind) =>
        _notificationsFailed.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ChannelKindKey, TelemetryTags.Word(channelKind)));

    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }
}
