using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Localization;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// <see cref="ICaseStore"/> on EF Core. It remembers, per loaded <see cref="Case"/> instance, the row version it was
/// loaded at; a save updates the row only where that version is still stored (<c>UPDATE … WHERE version = @loaded</c>)
/// and inserts dossier entries, never updating or deleting one.
/// </summary>
public sealed class CaseStore : ICaseStore
{
    private const int MaxCaseNumberAttempts = 5;

    private readonly PestProtocolDbContext _db;
    private readonly TimeProvider _time;
    private readonly Storage.TurnUnitOfWork? _turn;
    private readonly ConditionalWeakTable<Case, Loaded> _loaded = [];
    private readonly Dictionary<Guid, (IReadOnlyList<CaseMember> Members, int Rollbacks)> _membersThisTurn = [];

    /// <summary>
    /// Creates the store over one context (one scope). With a <paramref name="turn"/> attached to a bot turn, saves join
    /// the turn's one transaction (committed with the conversation state at the end of the turn); otherwise every save
    /// commits its own transaction.
    /// </summary>
    public CaseStore(PestProtocolDbContext db, TimeProvider? time = null, Storage.TurnUnitOfWork? turn = null)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _time = time ?? TimeProvider.System;
        _turn = turn;
    }

    /// <inheritdoc />
    public async Task<CaseForMember?> FindForMemberAsync(Guid caseId, string staffId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        var members = await ListMembersAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (!members.Any(m => string.Equals(m.StaffId, staffId, StringComparison.Ordinal)))
        {
            return null;
        }

        var found = await FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        _loaded.TryGetValue(found, out var loaded);
        loaded!.Members = [.. members];
        return new CaseForMember(found, loaded.Code, members);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAlertCopyRecipientsAsync(Guid caseId, CancellationToken cancellationToken) =>
        await _db.AlertCards.AsNoTracking()
            .Where(a => a.SubjectId == caseId)
            .Select(a => a.RecipientId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

    /// <inheritdoc />
    public string? CodeOf(Case loadedCase) =>
        loadedCase is not null && _loaded.TryGetValue(loadedCase, out var loaded) ? loaded.Code : null;

    /// <inheritdoc />
    public async Task<Case?> FindAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var queries = CaseQueries.For(_db);
        var record = await queries.Case(_db, caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var entries = new List<DossierEntryRecord>();
        await foreach (var e in queries.Dossier(_db, caseId).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(e);
        }

        var loaded = Case.Rehydrate(CaseMapping.ToSnapshot(record, entries.Select(CaseMapping.ToEntry).ToList()));
        _loaded.AddOrUpdate(loaded, new Loaded(record.Version, entries.Count == 0 ? 0 : entries[^1].Sequence, Code(record.CaseYear, record.CaseNumber)));
        return loaded;
    }

    /// <inheritdoc />
    public async Task AddAsync(Case newCase, IEnumerable<CaseMember> members, IEnumerable<OutboxMessage> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        var memberList = (members ?? []).ToList();
        var outbox = (notifications ?? []).ToList();
        var snapshot = newCase.ToSnapshot();
        var year = snapshot.OpenedAt.Year;
        var joined = _turn is not null && await _turn.JoinAsync(cancellationToken).ConfigureAwait(false);
        _membersThisTurn.Remove(snapshot.Id);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = joined ? null : await _db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await LockCaseNumbersAsync(snapshot.LocationId, year, cancellationToken).ConfigureAwait(false);
                var queries = CaseQueries.For(_db);
                if (await queries.CaseExists(_db, snapshot.Id, cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException("A case with this id is already stored.");
                }

                var lastNumber = await queries.LastCaseNumber(_db, snapshot.LocationId, year, cancellationToken).ConfigureAwait(false) ?? 0;

                _db.Cases.Add(CaseMapping.ToRecord(snapshot, version: 1, year, lastNumber + 1));
                _db.DossierEntries.AddRange(snapshot.Dossier.Select(CaseMapping.ToRecord));
                var stored = new HashSet<CaseMember>();
                AddMembers(snapshot.Id, memberList, stored);
                await AddOutboxAsync(outbox, cancellationToken).ConfigureAwait(false);
                await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                _loaded.AddOrUpdate(newCase, new Loaded(1, snapshot.Dossier.Count == 0 ? 0 : snapshot.Dossier.Max(e => e.Sequence), Code(year, lastNumber + 1)) { Members = stored });
                return;
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && attempt < MaxCaseNumberAttempts && !joined)
            {
                // Another instance took the same case number at the same moment: take the next one.
            }
            catch (DbUpdateException) when (joined)
            {
                // In a turn's transaction (PostgreSQL: aborted by the failed statement) nothing of the turn is kept.
                await _turn!.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            finally
            {
                _db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// On PostgreSQL, cases opened at the same moment for one location and year take their numbers one after the
    /// other (a transaction-scoped advisory lock), so the unique index is not the everyday way to find out; SQLite's
    /// write transaction already does this. The unique index and the retry stay as the last guard.
    /// </summary>
    private async Task LockCaseNumbersAsync(string locationId, int year, CancellationToken cancellationToken)
    {
        if (_db.Database.ProviderName is not { } provider || !provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            return;
        }

        await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CaseNumberLockKey(locationId, year)})", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stable 64-bit key per location and year (FNV-1a; the same in every process, unlike string hash codes).</summary>
    internal static long CaseNumberLockKey(string locationId, int year) =>
        StableKey($"case-number/{locationId}/{year.ToString(CultureInfo.InvariantCulture)}");

    private static long StableKey(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    /// <inheritdoc />
    public async Task SaveAsync(Case changedCase, IEnumerable<CaseMember> newMembers, IEnumerable<OutboxMessage> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changedCase);
        if (!_loaded.TryGetValue(changedCase, out var loaded))
        {
            throw new InvalidOperationException("Load the case through this store (FindAsync or AddAsync) before saving it.");
        }

        var memberList = (newMembers ?? []).ToList();
        var outbox = (notifications ?? []).ToList();
        var snapshot = changedCase.ToSnapshot();
        var joined = _turn is not null && await _turn.JoinAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = joined ? null : await _db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // The version check below guarantees nobody stored an entry since this case was loaded: the new entries are
            // those above the highest sequence it was loaded (or last saved) with.
            var record = CaseMapping.ToRecord(snapshot, loaded.Version + 1, caseYear: 0, caseNumber: 0);
            var entry = _db.Cases.Attach(record);
            entry.State = EntityState.Modified;
            entry.Property(c => c.CaseYear).IsModified = false;
            entry.Property(c => c.CaseNumber).IsModified = false;
            entry.Property(c => c.Version).OriginalValue = loaded.Version;

            var added = snapshot.Dossier.Where(e => e.Sequence > loaded.StoredUpTo).ToList();
            _db.DossierEntries.AddRange(added.Select(CaseMapping.ToRecord));

            var storedMembers = loaded.Members ?? (await _db.CaseMembers.AsNoTracking()
                .Where(m => m.CaseId == snapshot.Id)
                .Select(m => new CaseMember(m.StaffId, m.Role))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false)).ToHashSet();
            var members = new HashSet<CaseMember>(storedMembers);
            if (AddMembers(snapshot.Id, memberList, members))
            {
                _membersThisTurn.Remove(snapshot.Id);
            }

            await AddOutboxAsync(outbox, cancellationToken).ConfigureAwait(false);

            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            loaded.Version++;
            loaded.Members = members;
            if (added.Count > 0)
            {
                loaded.StoredUpTo = added.Max(e => e.Sequence);
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            await RollBackTurnAsync(joined).ConfigureAwait(false);
            throw new CaseConcurrencyException(snapshot.Id, ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // A dossier entry with our sequence number was stored by someone else in the meantime.
            await RollBackTurnAsync(joined).ConfigureAwait(false);
            throw new CaseConcurrencyException(snapshot.Id, ex);
        }
        catch (DbUpdateException) when (joined)
        {
            await RollBackTurnAsync(joined).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
    }

    /// <summary>A losing or failed save in a turn's transaction: nothing of the turn is kept (the user is told).</summary>
    private async Task RollBackTurnAsync(bool joined)
    {
        if (joined)
        {
            await _turn!.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<bool> IsMemberAsync(Guid caseId, string staffId, CancellationToken cancellationToken) =>
        _db.CaseMembers.AnyAsync(m => m.CaseId == caseId && m.StaffId == staffId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// In a bot turn the members read once are reused for the rest of the turn (the membership check, then the next
    /// card's staff choices) until this store adds a member to the case or the turn rolls back.
    /// </remarks>
    public async Task<IReadOnlyList<CaseMember>> ListMembersAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (_turn is { IsAttached: true } turn && _membersThisTurn.TryGetValue(caseId, out var known) && known.Rollbacks == turn.Rollbacks)
        {
            return known.Members;
        }

        var members = new List<CaseMember>();
        await foreach (var m in CaseQueries.For(_db).Members(_db, caseId).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            members.Add(m);
        }

        if (_turn is { IsAttached: true } attached)
        {
            _membersThisTurn[caseId] = (members.AsReadOnly(), attached.Rollbacks);
        }

        return members;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CaseSummary>> ListOpenCasesForMemberAsync(string staffId, CancellationToken cancellationToken) =>
        ListOpenAsync(_db.Cases.Where(c => _db.CaseMembers.Any(m => m.CaseId == c.Id && m.StaffId == staffId)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CaseSummary>> ListOpenCasesForLocationAsync(string locationId, CancellationToken cancellationToken) =>
        ListOpenAsync(_db.Cases.Where(c => c.LocationId == locationId), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> FindIdsByCodeAsync(string caseCode, IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        var parts = (caseCode ?? string.Empty).Trim().Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return [];
        }

        var locations = locationIds.ToList();
        return await _db.Cases.AsNoTracking()
            .Where(c => c.CaseYear == year && c.CaseNumber == number && locations.Contains(c.LocationId))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CaseSummary?> GetSummaryAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var record = await _db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToSummary(record);
    }

    private async Task<IReadOnlyList<CaseSummary>> ListOpenAsync(IQueryable<CaseRecord> cases, CancellationToken cancellationToken)
    {
        var records = await cases.AsNoTracking()
            .Where(c => c.CurrentStep != ProtocolStep.Closed)
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.OpenedAt)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return records.Select(ToSummary).ToList();
    }

    private static string Code(int year, int number) => string.Create(CultureInfo.InvariantCulture, $"{year}-{number:D4}");

    /// <summary>What the store remembers of a case it loaded or stored in this scope.</summary>
    private sealed class Loaded(int version, int storedUpTo, string code)
    {
        public int Version { get; set; } = version;

        public int StoredUpTo { get; set; } = storedUpTo;

        public string Code { get; } = code;

        public HashSet<CaseMember>? Members { get; set; }
    }

    private static CaseSummary ToSummary(CaseRecord r)
    {
        var c = Case.Rehydrate(CaseMapping.ToSnapshot(r, []));
        return new CaseSummary(
            r.Id,
            Code(r.CaseYear, r.CaseNumber),
            r.LocationId,
            r.StudentRef,
            r.ClassName,
            r.CurrentStep,
            c.CurrentRoute,
            new LocalizedText(c.NextActionIn(Locale.Nl), c.NextActionIn(Locale.En)),
            r.OpenedAt,
            r.LastActivityAt,
            r.NextFollowUpDate);
    }

    /// <summary>Adds the members not stored yet; true when there was one.</summary>
    private bool AddMembers(Guid caseId, IEnumerable<CaseMember> members, HashSet<CaseMember> alreadyStored)
    {
        var added = false;
        var now = _time.GetUtcNow();
        foreach (var member in members.Distinct())
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(member.StaffId, nameof(members));
            if (alreadyStored.Add(member))
            {
                _db.CaseMembers.Add(new CaseMemberRecord { CaseId = caseId, StaffId = member.StaffId, Role = member.Role, AddedAt = now });
                added = true;
            }
        }

        return added;
    }

    /// <summary>Adds the messages whose dedup key is not stored yet (nor earlier in the same batch).</summary>
    private async Task AddOutboxAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var keys = messages.Select(m => m.DedupKey).Distinct(StringComparer.Ordinal).ToList();
        await LockDedupKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 1)
        {
            // The usual step: one message planned. A compiled query, no collection parameter to translate.
            if (await CaseQueries.For(_db).OutboxKeyStored(_db, keys[0], cancellationToken).ConfigureAwait(false))
            {
                seen.Add(keys[0]);
            }
        }
        else
        {
            seen.UnionWith(await _db.OutboxMessages.AsNoTracking()
                .Where(m => keys.Contains(m.DedupKey))
                .Select(m => m.DedupKey)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false));
        }

        foreach (var message in messages)
        {
            if (seen.Add(message.DedupKey))
            {
                _db.OutboxMessages.Add(message);
            }
        }
    }

    /// <summary>
    /// On PostgreSQL, two turns that plan a notification with the same dedup key (e.g. a coordinator's message that two
    /// cases opened at once both ask for) take it one after the other (transaction-scoped advisory locks, in one order),
    /// so the second one's dedup read sees the first one's row once it is committed and leaves it out, instead of failing
    /// on the unique index and telling its user that someone else changed the case. SQLite's write lock already does this.
    /// </summary>
    private async Task LockDedupKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (_db.Database.ProviderName is not { } provider || !provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var key in keys.Select(k => StableKey("outbox-dedup/" + k)).Distinct().Order())
        {
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The reads every case turn makes (the case row, its dossier, its members), compiled once per model instead of
    /// being translated from a fresh expression tree on every call (EF Core's query cache still builds and hashes the
    /// tree each time). A compiled query belongs to one model, and the tests run SQLite and PostgreSQL contexts in one
    /// process, so there is one set per model.
    /// </summary>
    private sealed class CaseQueries
    {
        private static readonly ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, CaseQueries> PerModel = [];

        public static CaseQueries For(PestProtocolDbContext db) => PerModel.GetValue(db.Model, static _ => new CaseQueries());

        public Func<PestProtocolDbContext, Guid, CancellationToken, Task<CaseRecord?>> Case { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, Guid caseId, CancellationToken _) =>
                db.Cases.AsNoTracking().SingleOrDefault(c => c.Id == caseId));

        public Func<PestProtocolDbContext, Guid, IAsyncEnumerable<DossierEntryRecord>> Dossier { get; } =
            EF.CompileAsyncQuery<PestProtocolDbContext, Guid, DossierEntryRecord>((db, caseId) =>
                db.DossierEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence));

        public Func<PestProtocolDbContext, Guid, IAsyncEnumerable<CaseMember>> Members { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, Guid caseId) =>
                db.CaseMembers.AsNoTracking()
                    .Where(m => m.CaseId == caseId)
                    .OrderBy(m => m.AddedAt).ThenBy(m => m.StaffId)
                    .Select(m => new CaseMember(m.StaffId, m.Role)));

        public Func<PestProtocolDbContext, Guid, CancellationToken, Task<bool>> CaseExists { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, Guid caseId, CancellationToken _) =>
                db.Cases.Any(c => c.Id == caseId));

        public Func<PestProtocolDbContext, string, int, CancellationToken, Task<int?>> LastCaseNumber { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, string locationId, int year, CancellationToken _) =>
                db.Cases.Where(c => c.LocationId == locationId && c.CaseYear == year).Max(c => (int?)c.CaseNumber));

        public Func<PestProtocolDbContext, string, CancellationToken, Task<bool>> OutboxKeyStored { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, string dedupKey, CancellationToken _) =>
                db.OutboxMessages.Any(m => m.DedupKey == dedupKey));
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
