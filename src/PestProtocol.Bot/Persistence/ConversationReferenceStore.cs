using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Persistence;

/// <summary><see cref="IConversationReferenceStore"/> on the case database: the reference is stored as Bot Framework JSON.</summary>
public sealed class ConversationReferenceStore : IConversationReferenceStore
{
    private const string Upsert =
        "INSERT INTO conversation_references (user_aad_object_id, reference, updated_at) VALUES (@user, @reference, @updated_at) " +
        "ON CONFLICT (user_aad_object_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at";

    private readonly PestProtocolDbContext _db;
    private readonly TimeProvider _time;
    private readonly Storage.SqliteTurnWriteGate? _gate;

    /// <summary>
    /// Creates the store over one context (one scope). With a <paramref name="gate"/> (SQLite), the upsert queues for the
    /// file with the bot's other writers instead of sleeping in SQLite's busy handler.
    /// </summary>
    public ConversationReferenceStore(PestProtocolDbContext db, TimeProvider? time = null, Storage.SqliteTurnWriteGate? gate = null)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _time = time ?? TimeProvider.System;
        _gate = db is SqlitePestProtocolDbContext ? gate : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAadObjectId);
        ArgumentNullException.ThrowIfNull(reference);
        var json = BotJson.Serialize(reference);

        // One statement, so two first turns of the same user at once cannot collide (an insert race on the key was
        // caught and retried before, but logged as a database error). A plain command on the context's connection, in its
        // transaction (the turn's, when staged there); the time is stored as EF Core stores it (CaseStoreSql.AddTime: UTC
        // ticks on SQLite, timestamptz on PostgreSQL).
        using var writing = _gate is null || _db.Database.GetConnectionString() is not { Length: > 0 } connectionString
            ? null
            : await _gate.TryEnterAsync(Storage.TurnUnitOfWork.SqliteDataSource(connectionString), TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        var session = await SqlSession.OpenAsync(_db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var command = session.Command(Upsert);
            await using (command.ConfigureAwait(false))
            {
                CaseStoreSql.AddText(command, "@user", userAadObjectId);
                CaseStoreSql.AddText(command, "@reference", json);
                session.Sql.AddTime(command, "@updated_at", _time.GetUtcNow());
                await SqlSession.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            }
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
