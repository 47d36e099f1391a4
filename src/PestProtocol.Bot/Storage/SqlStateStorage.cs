using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Storage;

/// <summary>
/// <see cref="IStorage"/> on one relational table (<see cref="StateSql"/>) through plain ADO.NET, so a
/// database is a subclass that opens connections. ETags are random per write (a deleted and re-created
/// document never gets an old ETag back). A multi-document write runs in one transaction.
/// Keys are never logged: only their <see cref="StorageKeys.Fingerprint"/>.
/// </summary>
public abstract partial class SqlStateStorage : IStorage, IStorageHealth, IStorageRetention
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    protected SqlStateStorage(ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _logger = logger;
        _time = time;
    }

    /// <summary>An open, pooled connection with the table in place.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits for this process's turn to write (SQLite: the file's <see cref="SqliteTurnWriteGate"/>); the result is
    /// disposed when the write is done. Null: write now, the database itself serialises writers.
    /// </summary>
    protected virtual Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => Task.FromResult<IDisposable?>(null);

    /// <summary>
    /// The stored document in column <paramref name="ordinal"/>. By default through the provider's string; a provider that
    /// hands out the text's UTF-8 bytes parses those instead (no UTF-16 copy of the document on the way).
    /// </summary>
    protected virtual JsonElement ReadDocument(DbDataReader reader, int ordinal) => JsonElement.Parse(reader.GetString(ordinal));

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoreItem>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = StateSql.Select(keys.Count);
                var index = 0;
                foreach (var key in keys)
                {
                    AddParameter(command, StateSql.KeyParameter(index++), key);
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var document = ReadDocument(reader, 1);
                        found[reader.GetString(0)] = new StoreItem(document, reader.GetString(2));
                    }
                }
            }
        }

        return found;
    }

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var etags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            return etags;
        }

        var updatedAt = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement is atomic on its own; several share a transaction so they land together or not at all.
            var transaction = changes.Count > 1 ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            try
            {
                foreach (var (key, item) in changes)
                {
                    var etag = Guid.NewGuid().ToString("N");
                    if (!await WriteOneAsync(connection, transaction, key, item, etag, updatedAt, cancellationToken).ConfigureAwait(false))
                    {
                        LogPreconditionFailed(_logger, StorageKeys.Fingerprint(key));
                        throw new StoragePreconditionFailedException(key);
                    }

                    etags[key] = etag;
                }

                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return etags;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = StateSql.Delete(keys.Count);
                var index = 0;
                foreach (var key in keys)
                {
                    AddParameter(command, StateSql.KeyParameter(index++), key);
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> DeleteWrittenBeforeAsync(DateTimeOffset writtenBefore, Func<JsonElement, bool> shouldDelete, string? mustContain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shouldDelete);
        var before = writtenBefore.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var pattern = StateSql.ContainsPattern(mustContain);
        var pageSize = int.Parse(StateSql.RetentionPageSize, CultureInfo.InvariantCulture);
        var after = string.Empty;
        var deleted = 0;
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (true)
            {
                var page = new List<(string Key, string ETag)>(pageSize);
                var doomed = new List<(string Key, string ETag)>();
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = StateSql.SelectWrittenBefore;
                    AddParameter(command, "@before", before);
                    AddParameter(command, "@after", after);
                    AddParameter(command, "@pattern", pattern);
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var row = (reader.GetString(0), reader.GetString(2));
                            page.Add(row);
                            if (shouldDelete(ReadDocument(reader, 1)))
                            {
                                doomed.Add(row);
                            }
                        }
                    }
                }

                foreach (var (key, etag) in doomed)
                {
                    using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
                    deleted += await DeleteIfMatchAsync(connection, key, etag, cancellationToken).ConfigureAwait(false);
                }

                if (page.Count < pageSize)
                {
                    return deleted;
                }

                after = page[^1].Key;
            }
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = StateSql.Probe;
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(_logger, exception.GetType().Name);
            return false;
        }
    }

    private static async Task<bool> WriteOneAsync(DbConnection connection, DbTransaction? transaction, string key, StoreItem item, string etag, string updatedAt, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = item.ETag switch
            {
                null or StoreItem.AnyETag => StateSql.Upsert,
                StoreItem.CreateOnlyETag => StateSql.InsertNew,
                _ => StateSql.UpdateIfMatch,
            };
            AddParameter(command, "@key", key);
            AddParameter(command, "@document", item.Document.GetRawText());
            AddParameter(command, "@etag", etag);
            AddParameter(command, "@updated_at", updatedAt);
            if (command.CommandText == StateSql.UpdateIfMatch)
            {
                AddParameter(command, "@expected_etag", item.ETag!);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    private static async Task<int> DeleteIfMatchAsync(DbConnection connection, string key, string etag, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = StateSql.DeleteIfMatch;
            AddParameter(command, "@key", key);
            AddParameter(command, "@etag", etag);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "State write lost an ETag race (key {KeyFingerprint}).")]
    private static partial void LogPreconditionFailed(ILogger logger, string keyFingerprint);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "State storage is not reachable ({ExceptionType}).")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType);
}
