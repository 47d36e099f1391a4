using PestProtocol.BotFramework.State;

namespace PestProtocol.BotFramework.Tests.State;

/// <summary>Passes every call to an inner storage and counts them.</summary>
internal sealed class CountingStorage(IStorage inner) : IStorage
{
    private int _reads;
    private int _writes;
    private int _deletes;

    public int Reads => Volatile.Read(ref _reads);

    public int Writes => Volatile.Read(ref _writes);

    public int Deletes => Volatile.Read(ref _deletes);

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _deletes, 0);
    }

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(keys, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteAsync(changes, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _deletes);
        return inner.DeleteAsync(keys, cancellationToken);
    }
}
