using System.Security.Cryptography;
using System.Text.Json;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Features.AnonymousReports.Drafts;

/// <summary>
/// The state store as the bot sees it, with one exception: a conversation-state document in which an anonymous flow
/// ("anoniem melden" or "status") is waiting never reaches the database. Such a document holds a student's unsent report
/// (or the code they typed) and is stored under <c>msteams/conversations/&lt;conversation id&gt;</c>: in the database
/// the key and the text would share a page of the SQLite WAL, PostgreSQL's WAL and every backup, linking a student's chat
/// to an anonymous report. Here it lives in process memory only, sealed with AES-GCM under a key that belongs to that
/// one draft and is zeroed when the draft is sent, stopped, swept or replaced; the plain text exists only during a turn.
/// </summary>
/// <remarks>
/// <para>A restart (or a crash, or another instance) loses open drafts: the student's next answer meets
/// <see cref="AbandonedDraftNotice"/> ("begin opnieuw"), which is the price of leaving no trace.</para>
/// <para>All other documents pass through to the inner store unchanged. When a draft ends (the flow left the stack),
/// its document is written to the database without an ETag condition (the memory copy's ETag was the one checked).</para>
/// <para>Deployments with several instances need sticky sessions per conversation, or a student restarts the report
/// on the other instance.</para>
/// </remarks>
public sealed class DraftKeepingStorage : IStorage, IStorageRetention, IStorageHealth, IDisposable
{
    /// <summary>Most drafts kept at once (the oldest is dropped beyond it): a flood of started reports cannot exhaust memory.</summary>
    public const int MaxDrafts = 5000;

    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly IStorage _inner;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SealedDraft> _drafts = new(StringComparer.Ordinal);

    /// <summary>
    /// Keys whose draft ended in this process, with the memory copy's last ETag: the end-of-turn write that follows a
    /// delete (or the flow's end) carries that ETag, which the database never saw.
    /// </summary>
    private readonly Dictionary<string, string> _ended = new(StringComparer.Ordinal);

    public DraftKeepingStorage(IStorage inner, TimeProvider time)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The number of open drafts held in memory (for tests and the figures in docs/SECURITY.md).</summary>
    public int OpenDrafts
    {
        get
        {
            lock (_gate)
            {
                return _drafts.Count;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(keys.Count, StringComparer.Ordinal);
        var rest = new List<string>(keys.Count);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_drafts.TryGetValue(key, out var draft))
                {
                    result[key] = new StoreItem(draft.Open(), draft.ETag);
                }
                else
                {
                    rest.Add(key);
                }
            }
        }

        if (rest.Count > 0)
        {
            foreach (var (key, item) in await _inner.ReadAsync(rest, cancellationToken).ConfigureAwait(false))
            {
                result[key] = item;
            }
        }

        return result;
    }

    /// <summary>The store the documents without an open anonymous draft are written to.</summary>
    public IStorage Inner => _inner;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, _inner.WriteAsync, cancellationToken);

    /// <summary>
    /// Like <see cref="WriteAsync(IReadOnlyDictionary{string, StoreItem}, CancellationToken)"/>, with the documents that may reach the
    /// database written by <paramref name="writeToDatabase"/> (e.g. inside the turn's transaction); open drafts still stay in memory.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(
        IReadOnlyDictionary<string, StoreItem> changes,
        Func<IReadOnlyDictionary<string, StoreItem>, CancellationToken, Task<IReadOnlyDictionary<string, string>>> writeToDatabase,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(writeToDatabase);
        var toMemory = new List<KeyValuePair<string, StoreItem>>();
        var toDatabase = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        var forgotten = new List<string>();
        lock (_gate)
        {
            foreach (var (key, item) in changes)
            {
                _drafts.TryGetValue(key, out var draft);
                if (AnonymousFlowState.IsWaitingIn(item.Document))
                {
                    CheckPrecondition(key, item, draft);
                    toMemory.Add(new(key, item));
                    continue;
                }

                var endedHere = draft is not null || (item.ETag is { } etag && _ended.TryGetValue(key, out var endedETag) && endedETag == etag);
                if (!endedHere)
                {
                    toDatabase[key] = item;
                    continue;
                }

                // A draft that ends: the memory copy's ETag was the one the turn read, so it is checked here. What is
                // left is usually an empty dialog stack: then nothing is written at all (not even the key).
                if (draft is not null)
                {
                    CheckPrecondition(key, item, draft);
                }

                if (IsEmptyConversationDocument(item.Document))
                {
                    forgotten.Add(key);
                }
                else
                {
                    toDatabase[key] = item with { ETag = StoreItem.AnyETag };
                }
            }
        }

        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (toDatabase.Count > 0)
        {
            foreach (var (key, etag) in await writeToDatabase(toDatabase, cancellationToken).ConfigureAwait(false))
            {
                etags[key] = etag;
            }
        }

        lock (_gate)
        {
            foreach (var key in toDatabase.Keys)
            {
                Destroy(key);
                _ended.Remove(key);
            }

            foreach (var key in forgotten)
            {
                Destroy(key);
                var etag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
                Remember(key, etag);
                etags[key] = etag;
            }

            var now = _time.GetUtcNow();
            foreach (var (key, item) in toMemory)
            {
                Destroy(key);
                while (_drafts.Count >= MaxDrafts)
                {
                    Destroy(_drafts.MinBy(pair => pair.Value.WrittenAt).Key);
                }

                var sealedDraft = SealedDraft.Seal(item.Document, now);
                _drafts[key] = sealedDraft;
                _ended.Remove(key);
                etags[key] = sealedDraft.ETag;
            }
        }

        return etags;
    }

    /// <inheritdoc />
    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                Destroy(key);
            }
        }

        return _inner.DeleteAsync(keys, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> DeleteWrittenBeforeAsync(DateTimeOffset writtenBefore, Func<JsonElement, bool> shouldDelete, string? mustContain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shouldDelete);
        var deleted = 0;
        lock (_gate)
        {
            foreach (var (key, draft) in _drafts.Where(pair => pair.Value.WrittenAt < writtenBefore).ToList())
            {
                if (shouldDelete(draft.Open()))
                {
                    Destroy(key);
                    deleted++;
                }
            }
        }

        // Documents written before this store existed (an upgrade) are swept where they are.
        if (_inner is IStorageRetention retention)
        {
            deleted += await retention.DeleteWrittenBeforeAsync(writtenBefore, shouldDelete, mustContain, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <inheritdoc />
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) =>
        _inner is IStorageHealth health ? health.IsReachableAsync(cancellationToken) : Task.FromResult(true);

    /// <summary>Destroys every draft (their keys are zeroed).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _drafts.Keys.ToList())
            {
                Destroy(key);
            }
        }
    }

    private static void CheckPrecondition(string key, StoreItem item, SealedDraft? draft)
    {
        switch (item.ETag)
        {
            case null or StoreItem.AnyETag:
                return;
            case StoreItem.CreateOnlyETag when draft is not null:
                throw new StoragePreconditionFailedException(key);
            case StoreItem.CreateOnlyETag:
                return;
            default:
                // An ETag from the database (the turn that began the flow read it there) is not the memory copy's; the
                // memory copy's must match exactly.
                if (draft is not null && !string.Equals(draft.ETag, item.ETag, StringComparison.Ordinal))
                {
                    throw new StoragePreconditionFailedException(key);
                }

                return;
        }
    }

    /// <summary>True for a document that holds nothing but dialog state with an empty stack (what a finished flow leaves).</summary>
    internal static bool IsEmptyConversationDocument(JsonElement document)
    {
        if (document.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        if (document.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in document.EnumerateObject())
        {
            if (property.Name != AnonymousFlowState.DialogStateProperty)
            {
                return false;
            }

            var state = property.Value;
            if (state.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (state.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var inner in state.EnumerateObject())
            {
                var empty = inner.Name == "dialogStack"
                    ? inner.Value.ValueKind == JsonValueKind.Null || (inner.Value.ValueKind == JsonValueKind.Array && inner.Value.GetArrayLength() == 0)
                    : inner.Value.ValueKind == JsonValueKind.Null;
                if (!empty)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Destroys the draft under <paramref name="key"/> and remembers its last ETag for the turn's final write.</summary>
    private void Destroy(string key)
    {
        if (_drafts.Remove(key, out var draft))
        {
            Remember(key, draft.ETag);
            draft.Destroy();
        }
    }

    private void Remember(string key, string etag)
    {
        if (_ended.Count >= MaxDrafts)
        {
            _ended.Clear();
        }

        _ended[key] = etag;
    }

    /// <summary>One draft: its document sealed under a key of its own, which <see cref="Destroy"/> zeroes.</summary>
    private sealed class SealedDraft
    {
        private readonly byte[] _key;
        private readonly byte[] _nonce;
        private readonly byte[] _cipher;
        private readonly byte[] _tag;

        private SealedDraft(byte[] key, byte[] nonce, byte[] cipher, byte[] tag, DateTimeOffset writtenAt)
        {
            _key = key;
            _nonce = nonce;
            _cipher = cipher;
            _tag = tag;
            WrittenAt = writtenAt;
            ETag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }

        public string ETag { get; }

        public DateTimeOffset WrittenAt { get; }

        public static SealedDraft Seal(JsonElement document, DateTimeOffset now)
        {
            // Pinned, so the garbage collector never leaves a moved copy of the key behind.
            var key = GC.AllocateUninitializedArray<byte>(KeyBytes, pinned: true);
            RandomNumberGenerator.Fill(key);
            var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            var plain = JsonSerializer.SerializeToUtf8Bytes(document);
            try
            {
                var cipher = new byte[plain.Length];
                var tag = new byte[TagBytes];
                using var aes = new AesGcm(key, TagBytes);
                aes.Encrypt(nonce, plain, cipher, tag);
                return new SealedDraft(key, nonce, cipher, tag, now);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }

        public JsonElement Open()
        {
            var plain = new byte[_cipher.Length];
            try
            {
                using var aes = new AesGcm(_key, TagBytes);
                aes.Decrypt(_nonce, _cipher, _tag, plain);
                using var json = JsonDocument.Parse(plain);
                return json.RootElement.Clone();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }

        public void Destroy()
        {
            CryptographicOperations.ZeroMemory(_key);
            CryptographicOperations.ZeroMemory(_cipher);
        }
    }
}
