using System.Text.Json;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// In-process <see cref="IStorage"/> for tests and local development. Thread-safe, with the same ETag
/// rules as the database stores (see <see cref="IStorage"/>). Each written document is kept as a
/// private, immutable copy of its JSON, so what a caller does with its objects after a write never
/// changes what is stored, and a read can hand out that copy without copying again.
/// </summary>
/// <param name="time">The clock that stamps each write (for <see cref="IStorageRetention"/>); the system clock by default.</param>
public sealed class MemoryStorage(TimeProvider? time = null) : IStorage, IStorageHealth, IStorageRetention
{
    private readonly Dictionary<string, Entry> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _lastETag;

    /// <summary>Number of stored documents.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _documents.Count;
            }
        }
    }

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<string, StoreItem>(keys.Count, StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_documents.TryGetValue(key, out var entry))
                {
                    found[key] = new StoreItem(entry.Document, entry.ETag);
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(found);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();

        // Copy outside the lock: the copy is the expensive part and needs no shared state.
        var copies = new List<KeyValuePair<string, Entry>>(changes.Count);
        foreach (var (key, item) in changes)
        {
            copies.Add(new(key, new Entry(item.Document.Clone(), item.ETag, default)));
        }

        var etags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        var writtenAt = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (key, change) in copies)
            {
                _documents.TryGetValue(key, out var stored);
                if (!StorageETagRules.Allows(change.ETag, stored?.ETag))
                {
                    throw new StoragePreconditionFailedException(key);
                }
            }

            foreach (var (key, change) in copies)
            {
                var etag = (++_lastETag).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _documents[key] = change with { ETag = etag, WrittenAt = writtenAt };
                etags[key] = etag;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(etags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _documents.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset writtenBefore, Func<JsonElement, bool> shouldDelete, string? mustContain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shouldDelete);
        cancellationToken.ThrowIfCancellationRequested();
        List<KeyValuePair<string, Entry>> old;
        lock (_gate)
        {
            old = [.. _documents.Where(d => d.Value.WrittenAt < writtenBefore)];
        }

        // The predicate runs outside the lock; the delete then checks that the document was not written since.
        var doomed = old.Where(d => (string.IsNullOrEmpty(mustContain) || d.Value.Document.GetRawText().Contains(mustContain, StringComparison.OrdinalIgnoreCase))
            && shouldDelete(d.Value.Document)).ToList();
        var deleted = 0;
        lock (_gate)
        {
            foreach (var (key, examined) in doomed)
            {
                if (_documents.TryGetValue(key, out var current) && current.ETag == examined.ETag)
                {
                    _documents.Remove(key);
                    deleted++;
                }
            }
        }

        return Task.FromResult(deleted);
    }

    private sealed record Entry(JsonElement Document, string? ETag, DateTimeOffset WrittenAt);
}

/// <summary>The ETag rules of <see cref="IStorage"/>, for stores that check them in code.</summary>
public static class StorageETagRules
{
    /// <summary>Whether a write with <paramref name="writeETag"/> may replace a document whose ETag is <paramref name="storedETag"/> (null: no document).</summary>
    public static bool Allows(string? writeETag, string? storedETag) => writeETag switch
    {
        null or StoreItem.AnyETag => true,
        StoreItem.CreateOnlyETag => storedETag is null,
        _ => storedETag is not null && string.Equals(writeETag, storedETag, StringComparison.Ordinal),
    };
}
