using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// Several state scopes (typically conversation and user state) loaded with one storage read and
/// saved with one storage write per <see cref="IStorage"/> they use. A save of several documents is
/// all-or-nothing: if one ETag check fails, none is written.
/// </summary>
public sealed class BotStateSet
{
    private readonly BotState[] _states;

    public BotStateSet(params BotState[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var state in states)
        {
            ArgumentNullException.ThrowIfNull(state, nameof(states));
        }

        _states = [.. states];
    }

    public IReadOnlyList<BotState> States => _states;

    /// <summary>Loads every scope not yet loaded in this turn (all of them with <paramref name="force"/>).</summary>
    public async Task LoadAllAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var handled = 0;
        while (NextStorage(ref handled) is { } storage)
        {
            List<(BotState State, string Key)>? pending = null;
            List<string>? keys = null;
            foreach (var state in _states)
            {
                if (ReferenceEquals(state.Storage, storage) && (force || state.GetScope(turnContext) is null))
                {
                    var key = state.GetStorageKey(turnContext);
                    (pending ??= new(_states.Length)).Add((state, key));
                    (keys ??= new(_states.Length)).Add(key);
                }
            }

            if (pending is null || keys is null)
            {
                continue;
            }

            var found = await storage.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
            foreach (var (state, key) in pending)
            {
                state.SetLoaded(turnContext, key, found);
            }
        }
    }

    /// <summary>Writes every changed scope (every loaded scope with <paramref name="force"/>) in one write per storage.</summary>
    /// <exception cref="StoragePreconditionFailedException">A document was written elsewhere since this turn read it.</exception>
    public Task SaveAllChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default) =>
        SaveAllChangesAsync(turnContext, force, static (storage, changes, ct) => storage.WriteAsync(changes, ct), cancellationToken);

    /// <summary>
    /// Like <see cref="SaveAllChangesAsync(ITurnContext, bool, CancellationToken)"/>, but every write goes through
    /// <paramref name="write"/>, which may carry it out elsewhere than <see cref="IStorage.WriteAsync"/> (for example in
    /// a database transaction the turn already holds). It must keep the storage's ETag rules and return the new ETags.
    /// </summary>
    public async Task SaveAllChangesAsync(ITurnContext turnContext, bool force, StateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(write);
        var handled = 0;
        while (NextStorage(ref handled) is { } storage)
        {
            Dictionary<string, StoreItem>? changes = null;
            foreach (var state in _states)
            {
                if (ReferenceEquals(state.Storage, storage) && state.GetScope(turnContext) is { } scope && scope.GetPendingWrite(force) is { } pending)
                {
                    (changes ??= new Dictionary<string, StoreItem>(_states.Length, StringComparer.Ordinal))[scope.StorageKey] = pending;
                }
            }

            if (changes is null)
            {
                continue;
            }

            var etags = await write(storage, changes, cancellationToken).ConfigureAwait(false);
            foreach (var state in _states)
            {
                if (ReferenceEquals(state.Storage, storage) && state.GetScope(turnContext) is { } scope && changes.TryGetValue(scope.StorageKey, out var written))
                {
                    scope.Saved(written.Document, etags[scope.StorageKey]);
                }
            }
        }
    }

    /// <summary>The next storage (in order of first use) not handled yet; null when all are.</summary>
    private IStorage? NextStorage(ref int handled)
    {
        for (var i = handled; i < _states.Length; i++)
        {
            var storage = _states[i].Storage;
            var seenBefore = false;
            for (var j = 0; j < i; j++)
            {
                seenBefore |= ReferenceEquals(_states[j].Storage, storage);
            }

            if (!seenBefore)
            {
                handled = i + 1;
                return storage;
            }
        }

        handled = _states.Length;
        return null;
    }
}

/// <summary>Writes changed state documents that belong to <paramref name="storage"/>; returns their new ETags.</summary>
public delegate Task<IReadOnlyDictionary<string, string>> StateWrite(IStorage storage, IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken);
