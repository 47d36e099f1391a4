using System.Text.Json;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency, as Bot Builder's IStorage.
/// A read returns each found document with its ETag; a write whose ETag no longer matches the stored
/// one fails with <see cref="StoragePreconditionFailedException"/>. An ETag of "*" (or null) writes
/// unconditionally.
/// </summary>
public interface IStorage
{
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes every change; returns the new ETag of each key.</summary>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>A stored document and the ETag it was read with (or must match on write).</summary>
public sealed record StoreItem(JsonElement Document, string? ETag);

/// <summary>A write lost an ETag race: someone else wrote the document since it was read.</summary>
public sealed class StoragePreconditionFailedException(string key)
    : Exception($"The stored document changed since it was read (key hash {key.GetHashCode():x8}).")
{
    public string Key { get; } = key;
}
