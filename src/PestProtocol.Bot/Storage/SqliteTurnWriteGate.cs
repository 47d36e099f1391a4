using System.Collections.Concurrent;

namespace PestProtocol.Bot.Storage;

/// <summary>
/// One SQLite file has one writer at a time. Every writer of this process waits for the file here, asynchronously and
/// first come first served, instead of in SQLite's busy handler, which sleeps on a thread-pool thread and lets waiters
/// miss the moment the lock is free (under load those sleeping threads starved the very turn that held the lock). A turn
/// that changes a case holds the gate from its first case write to its commit (<see cref="TurnUnitOfWork"/>); the state
/// store's own writes (<see cref="SqliteStorage"/>) and the conversation-reference upsert take it around their one
/// statement or transaction. One gate per file (keyed by its full path), one instance per service provider (singleton).
/// </summary>
/// <remarks>
/// A writer that already holds the gate for the file in this turn (see <see cref="HeldByThisTurn"/>) does not wait for
/// itself. A writer outside a turn gives up waiting after its timeout and goes on without the gate: SQLite's busy
/// handler still protects the file, so a mistake here costs time, never data.
/// </remarks>
public sealed class SqliteTurnWriteGate : IDisposable
{
    private static readonly AsyncLocal<TurnHold?> CurrentTurn = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _files = new(StringComparer.Ordinal);

    /// <summary>Waits for the gate of <paramref name="dataSource"/> (the turn's first case write).</summary>
    public async Task<IDisposable> EnterAsync(string dataSource, CancellationToken cancellationToken)
    {
        var file = Key(dataSource);
        var gate = GateOf(file);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var hold = CurrentTurn.Value;
        hold?.Add(file);
        return new Release(gate, hold, file);
    }

    /// <summary>
    /// Waits for the gate of <paramref name="dataSource"/> at most <paramref name="timeout"/>; null when this turn holds it
    /// already or the wait timed out (then SQLite's busy handler decides, as it would without the gate).
    /// </summary>
    public async Task<IDisposable?> TryEnterAsync(string dataSource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsFile(dataSource))
        {
            return null;
        }

        var file = Key(dataSource);
        if (CurrentTurn.Value is { } hold && hold.Holds(file))
        {
            return null;
        }

        var gate = GateOf(file);
        return await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) ? new Release(gate, null, null) : null;
    }

    /// <summary>True when the turn running on this flow holds the gate of <paramref name="dataSource"/>.</summary>
    public static bool HeldByThisTurn(string dataSource) =>
        IsFile(dataSource) && CurrentTurn.Value is { } hold && hold.Holds(Key(dataSource));

    /// <summary>
    /// Marks the code that runs after this call on the current flow (the rest of a turn) as one turn, so a write of the
    /// turn to a file whose gate it holds does not wait for itself. Call it synchronously, before the turn's work.
    /// </summary>
    public static void BeginTurn() => CurrentTurn.Value = new TurnHold();

    public void Dispose()
    {
        foreach (var gate in _files.Values)
        {
            gate.Dispose();
        }
    }

    internal static bool IsFile(string? dataSource) =>
        !string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && !dataSource.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase);

    private static string Key(string dataSource) => dataSource == ":memory:" ? dataSource : Path.GetFullPath(dataSource);

    private SemaphoreSlim GateOf(string file) => _files.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1));

    /// <summary>The files whose gate the turn on this flow holds.</summary>
    private sealed class TurnHold
    {
        private readonly HashSet<string> _files = new(StringComparer.Ordinal);

        public void Add(string file)
        {
            lock (_files)
            {
                _files.Add(file);
            }
        }

        public void Remove(string file)
        {
            lock (_files)
            {
                _files.Remove(file);
            }
        }

        public bool Holds(string file)
        {
            lock (_files)
            {
                return _files.Contains(file);
            }
        }
    }

    private sealed class Release(SemaphoreSlim gate, TurnHold? hold, string? file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (file is not null)
                {
                    hold?.Remove(file);
                }

                gate.Release();
            }
        }
    }
}
