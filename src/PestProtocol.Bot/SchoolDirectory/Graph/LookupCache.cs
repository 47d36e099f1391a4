using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PestProtocol.Bot.SchoolDirectory.Graph;

/// <summary>
/// A small time-based cache for directory look-ups. A fresh answer is reused; when fetching fails with
/// <see cref="DirectoryUnavailableException"/>, an older answer still within its stale window is served instead.
/// Null answers ("no such person") are cached too.
/// </summary>
internal sealed partial class LookupCache(TimeProvider time, ILogger logger, int capacity = 5000)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetOrFetchAsync<T>(
        string key,
        TimeSpan freshFor,
        TimeSpan staleFor,
        Func<CancellationToken, Task<T>> fetch,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _entries.TryGetValue(key, out var cached);
        if (cached is not null && now - cached.StoredAt < freshFor)
        {
            return (T)cached.Value!;
        }

        try
        {
            var value = await fetch(cancellationToken).ConfigureAwait(false);
            Store(key, new Entry(value, time.GetUtcNow(), freshFor + staleFor));
            return value;
        }
        catch (DirectoryUnavailableException) when (cached is not null && now - cached.StoredAt < freshFor + staleFor)
        {
            // The key holds ids: log only its kind ("person", "holders" …).
            LogStaleServed(logger, key.Split(':', 2)[0]);
            return (T)cached.Value!;
        }
    }

    private void Store(string key, Entry entry)
    {
        _entries[key] = entry;
        if (_entries.Count <= capacity)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var old in _entries.Where(e => now - e.Value.StoredAt >= e.Value.KeepFor).ToList())
        {
            _entries.TryRemove(old.Key, out _);
        }

        if (_entries.Count > capacity)
        {
            foreach (var oldest in _entries.OrderBy(e => e.Value.StoredAt).Take(_entries.Count - (capacity / 2)).ToList())
            {
                _entries.TryRemove(oldest.Key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory unavailable; served a cached {LookupKind} answer")]
    private static partial void LogStaleServed(ILogger logger, string lookupKind);

    private sealed record Entry(object? Value, DateTimeOffset StoredAt, TimeSpan KeepFor);
}
