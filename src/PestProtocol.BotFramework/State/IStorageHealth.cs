namespace PestProtocol.BotFramework.State;

/// <summary>A storage that can tell a readiness probe (e.g. <c>/readyz</c>) whether it can be used.</summary>
public interface IStorageHealth
{
    /// <summary>True when the store answers a trivial query; never throws for an unreachable store.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
