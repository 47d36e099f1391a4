using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Persistence;

/// <summary><see cref="IConversationReferenceStore"/> on EF Core: the reference is stored as Bot Framework JSON.</summary>
public sealed class ConversationReferenceStore : IConversationReferenceStore
{
    private readonly PestProtocolDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over one context (one scope).</summary>
    public ConversationReferenceStore(PestProtocolDbContext db, TimeProvider? time = null)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        ArgumentNullException.ThrowIfNull(reference);
        var json = BotJson.Serialize(reference);
        var now = _time.GetUtcNow();
        try
        {
            var updated = await _db.ConversationReferences
                .Where(r => r.UserAadObjectId == userAadObjectId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reference, json).SetProperty(r => r.UpdatedAt, now), cancellationToken)
                .ConfigureAwait(false);
            if (updated == 0)
            {
                _db.ConversationReferences.Add(new ConversationReferenceRecord { UserAadObjectId = userAadObjectId, Reference = json, UpdatedAt = now });
                await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another turn of the same user inserted it first: store ours over it.
            _db.ChangeTracker.Clear();
            await _db.ConversationReferences
                .Where(r => r.UserAadObjectId == userAadObjectId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reference, json).SetProperty(r => r.UpdatedAt, now), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
    }

    /// <inheritdoc />
    public async Task<ConversationReference?> FindAsync(string userAadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        var json = await _db.ConversationReferences.AsNoTracking()
            .Where(r => r.UserAadObjectId == userAadObjectId)
            .Select(r => r.Reference)
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return json is null ? null : BotJson.Deserialize<ConversationReference>(json);
    }
}
