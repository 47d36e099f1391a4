namespace PestProtocol.Bot.Storage;

/// <summary>
/// One SQLite file has one writer at a time. A turn that changes a case holds the file's write lock from its first
/// case write to the end of the turn (<see cref="TurnUnitOfWork"/>); other such turns wait here, asynchronously and in
/// order, instead of in SQLite's busy handler, which sleeps on a thread-pool thread (under load those sleeping threads
/// starved the very turn that held the lock). One per service provider (singleton), only for the SQLite provider.
/// </summary>
public sealed class SqliteTurnWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    /// <summary>Lets the next turn in.</summary>
    public void Exit() => _gate.Release();

    public void Dispose() => _gate.Dispose();
}
