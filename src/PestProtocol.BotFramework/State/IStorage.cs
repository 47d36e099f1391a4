using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PestProtocol.BotFramework.State;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency, as Bot Builder's IStorage.
/// A read returns each found document with its ETag; a write whose ETag no longer matches the stored
/// one fails with <see cref="StoragePreconditionFailedException"/>. ETag semantics on write:
/// <list type="bullet">
/// <item><c>null</c> or <see cref="StoreItem.AnyETag"/> ("*"): unconditional write (create or overwrite).</item>
/// <item><see cref="StoreItem.CreateOnlyETag"/> (""): create only; fails when the key already exists.</item>
/// <item>any other value: overwrite only if the stored ETag is exactly that value; fails when the key
/// is missing too (it was deleted since it was read, and a stale writer must not bring it back).</item>
/// </list>
/// A write of several items is all-or-nothing: one failed precondition writes none of them.
/// </summary>
public interface IStorage
{
    /// <summary>The documents found for <paramref name="keys"/>; missing keys are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes every change; returns the new ETag of each key.</summary>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    /// <summary>Removes the documents (unconditionally); missing keys are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>A stored document and the ETag it was read with (or must match on write).</summary>
public sealed record StoreItem(JsonElement Document, string? ETag)
{
    /// <summary>Write whatever is stored (last writer wins).</summary>
    public const string AnyETag = "*";

    /// <summary>Write only if no document exists under the key yet.</summary>
    public const string CreateOnlyETag = "";

    /// <summary>An item that is written only if the key does not exist yet.</summary>
    public static StoreItem CreateOnly(JsonElement document) => new(document, CreateOnlyETag);
}

/// <summary>
/// A write lost an ETag race: someone else wrote (or deleted) the document since it was read.
/// The caller reloads and retries the whole unit of work (for a bot: the turn), or reports it.
/// </summary>
public sealed class StoragePreconditionFailedException(string key)
    : Exception($"The stored document changed since it was read (key {StorageKeys.Fingerprint(key)}).")
{
    /// <summary>The key in clear. Never log it: it may contain a conversation or user id.</summary>
    public string Key { get; } = key;
}

/// <summary>Storage keys in logs: only a short, stable fingerprint, never the key itself.</summary>
public static class StorageKeys
{
    /// <summary>The first 8 bytes of the key's SHA-256, in hex (stable across processes, not reversible in practice).</summary>
    public static string Fingerprint(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(key, utf8);
            SHA256.HashData(utf8[..length], hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
