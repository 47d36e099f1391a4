using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// A scope of state (one document in <see cref="IStorage"/>) with named, typed properties. The document
/// is read once per turn and cached in <see cref="ITurnContext.TurnState"/>; <see cref="SaveChangesAsync"/>
/// writes it back only when it changed, with the ETag it was read with, so a concurrent writer
/// elsewhere makes the save fail with <see cref="StoragePreconditionFailedException"/> instead of
/// losing an update.
/// </summary>
public abstract class BotState
{
    private readonly string _cacheKey;

    protected BotState(IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Storage = storage;
        _cacheKey = "BotState:" + GetType().FullName;
    }

    public IStorage Storage { get; }

    /// <summary>The storage key of this scope for the turn's activity.</summary>
    public abstract string GetStorageKey(ITurnContext turnContext);

    /// <summary>A typed accessor for the property <paramref name="name"/> of this scope.</summary>
    public IStatePropertyAccessor<T> CreateProperty<T>(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new BotStatePropertyAccessor<T>(this, name);
    }

    /// <summary>Reads the document into the turn's cache, unless already there (or <paramref name="force"/>: re-read, dropping unsaved changes).</summary>
    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && GetScope(turnContext) is not null)
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var found = await Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        SetLoaded(turnContext, key, found);
    }

    /// <summary>
    /// Writes the cached document if it changed, conditional on the ETag it was read with. With
    /// <paramref name="force"/> it writes unconditionally ("*"), changed or not.
    /// </summary>
    /// <exception cref="StoragePreconditionFailedException">Another turn or instance wrote the document since this turn read it.</exception>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var scope = GetScope(turnContext);
        if (scope?.GetPendingWrite(force) is not { } write)
        {
            return;
        }

        var etags = await Storage.WriteAsync(new Dictionary<string, StoreItem>(1, StringComparer.Ordinal) { [scope.StorageKey] = write }, cancellationToken).ConfigureAwait(false);
        scope.Saved(write.Document, etags[scope.StorageKey]);
    }

    /// <summary>Empties the cached document; the next save stores it empty.</summary>
    public async Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await LoadAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        GetScope(turnContext)!.Clear();
    }

    /// <summary>
    /// Removes the stored document and empties the cache. Anything the turn sets afterwards is saved
    /// as a new document, so a flow that must leave nothing behind deletes last.
    /// </summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var key = GetScope(turnContext)?.StorageKey ?? GetStorageKey(turnContext);
        await Storage.DeleteAsync([key], cancellationToken).ConfigureAwait(false);
        turnContext.TurnState.Set(_cacheKey, new BotStateScope(key, document: null, etag: null));
    }

    internal BotStateScope? GetScope(ITurnContext turnContext) => turnContext.TurnState.Get<BotStateScope>(_cacheKey);

    internal void SetLoaded(ITurnContext turnContext, string key, IReadOnlyDictionary<string, StoreItem> found)
    {
        var scope = found.TryGetValue(key, out var item)
            ? new BotStateScope(key, item.Document, item.ETag)
            : new BotStateScope(key, document: null, etag: null);
        turnContext.TurnState.Set(_cacheKey, scope);
    }

    internal async ValueTask<BotStateScope> GetLoadedScopeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (GetScope(turnContext) is { } scope)
        {
            return scope;
        }

        await LoadAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        return GetScope(turnContext)!;
    }
}
