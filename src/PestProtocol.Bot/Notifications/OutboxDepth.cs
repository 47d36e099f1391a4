using PestProtocol.Bot.Telemetry;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// How many notifications wait in the outbox, as the dispatcher last counted them (once per poll), for the
/// <c>pestprotocol.outbox.depth</c> gauge. The metric callback never touches the database.
/// </summary>
public sealed class OutboxDepth : IOutboxDepthSource
{
    private long _depth;

    public long GetDepth() => Interlocked.Read(ref _depth);

    internal void Set(long depth) => Interlocked.Exchange(ref _depth, depth);
}
