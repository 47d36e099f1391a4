namespace PestProtocol.Bot.Telemetry;

/// <summary>
/// How many notifications wait in the outbox, read by the <c>pestprotocol.outbox.depth</c> gauge each
/// time metrics are collected. Keep it cheap (a cached count): it runs on the exporter's thread.
/// </summary>
public interface IOutboxDepthSource
{
    long GetDepth();
}

/// <summary>The depth until an outbox exists: always 0.</summary>
public sealed class EmptyOutboxDepthSource : IOutboxDepthSource
{
    public long GetDepth() => 0;
}
