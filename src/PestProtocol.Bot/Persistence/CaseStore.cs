using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Roles;

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
    /// <remarks>
    /// On PostgreSQL, when the members are not known yet in this turn, they are read in the same round trip as the case
    /// and its dossier (one batch); the case read is dropped when the staff member is not one of them.
    /// </remarks>
    public async Task<CaseForMember?> FindForMemberAsync(Guid caseId, string staffId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        IReadOnlyList<CaseMember> members;
        Case? found;
        if (KnownMembers(caseId) is null && CaseStoreSql.For(_db).IsPostgres)
        {
            var read = new List<CaseMember>();
            found = await LoadAsync(caseId, read, cancellationToken).ConfigureAwait(false);
            members = RememberMembers(caseId, read);
            if (!IsAmong(members, staffId))
            {
                return null;
            }
        }
        else
        {
            members = await ListMembersAsync(caseId, cancellationToken).ConfigureAwait(false);
            if (!IsAmong(members, staffId))
            {
                return null;
            }

            found = await FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        }

        if (found is null)
        {
            return null;
        }

        _loaded.TryGetValue(found, out var loaded);
        loaded!.Members = [.. members];
        return new CaseForMember(found, loaded.Code, members);
    }

    private static bool IsAmong(IReadOnlyList<CaseMember> members, string staffId) =>
        members.Any(m => string.Equals(m.StaffId, staffId, StringComparison.Ordinal));

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
    public Task<Case?> FindAsync(Guid caseId, CancellationToken cancellationToken) => LoadAsync(caseId, null, cancellationToken);

    /// <summary>The case with its dossier; PostgreSQL with <paramref name="members"/>: its members too, in the same batch.</summary>
    private async Task<Case?> LoadAsync(Guid caseId, List<CaseMember>? members, CancellationToken cancellationToken)
    {
        CaseRecord? record;
        var entries = new List<DossierEntryRecord>();
        var session = await SqlSession.OpenAsync(_db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            record = session.Sql.IsPostgres
                ? await ReadCaseAndDossierAsync(session, caseId, entries, members, cancellationToken).ConfigureAwait(false)
                : await ReadCaseThenDossierAsync(session, caseId, entries, cancellationToken).ConfigureAwait(false);
        }

        if (record is null)
        {
            return null;
        }

        var dossier = new List<DossierEntry>(entries.Count);
        foreach (var e in entries)
        {
            dossier.Add(CaseMapping.ToEntry(e));
        }

        var loaded = Case.Rehydrate(CaseMapping.ToSnapshot(record, dossier));
        _loaded.AddOrUpdate(loaded, new Loaded(record.Version, entries.Count == 0 ? 0 : entries[^1].Sequence, Code(record.CaseYear, record.CaseNumber)));
        return loaded;
    }

    /// <summary>SQLite (in-process): the case row, then, when there is one, its dossier.</summary>
    private static async Task<CaseRecord?> ReadCaseThenDossierAsync(SqlSession session, Guid caseId, List<DossierEntryRecord> entries, CancellationToken cancellationToken)
    {
        var sql = session.Sql;
        CaseRecord? record = null;
        var command = session.Command(CaseStoreSql.SelectCase);
        await using (command.ConfigureAwait(false))
        {
            sql.AddGuid(command, "@id", caseId);
            var reader = await SqlSession.ReaderAsync(command, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    record = sql.ReadCase(reader);
                }
            }
        }

        if (record is null)
        {
            return null;
        }

        command = session.Command(CaseStoreSql.SelectDossier);
        await using (command.ConfigureAwait(false))
        {
            sql.AddGuid(command, "@id", caseId);
            var reader = await SqlSession.ReaderAsync(command, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(sql.ReadDossierEntry(reader));
                }
            }
        }

        return record;
    }

    /// <summary>
    /// PostgreSQL: the case row and its dossier in one round trip (one batch, two results; no rows when no case), and
    /// with <paramref name="members"/> the case's members as a third result.
    /// </summary>
    private static async Task<CaseRecord?> ReadCaseAndDossierAsync(SqlSession session, Guid caseId, List<DossierEntryRecord> entries, List<CaseMember>? members, CancellationToken cancellationToken)
    {
        var sql = session.Sql;
        var caseCommand = session.Command(CaseStoreSql.SelectCase);
        var dossierCommand = session.Command(CaseStoreSql.SelectDossier);
        var membersCommand = members is null ? null : session.Command(CaseStoreSql.SelectMembers);
        await using (caseCommand.ConfigureAwait(false))
        await using (dossierCommand.ConfigureAwait(false))
        try
        {
            sql.AddGuid(caseCommand, "@id", caseId);
            sql.AddGuid(dossierCommand, "@id", caseId);
            DbCommand[] commands = [caseCommand, dossierCommand];
            if (membersCommand is not null)
            {
                sql.AddGuid(membersCommand, "@id", caseId);
                commands = [caseCommand, dossierCommand, membersCommand];
            }

            var batch = SqlSession.ToBatch(commands);
            await using (batch.ConfigureAwait(false))
            {
                var reader = await SqlSession.BatchReaderAsync(batch, commands, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    CaseRecord? record = null;
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        record = sql.ReadCase(reader);
                    }

                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        entries.Add(sql.ReadDossierEntry(reader));
                    }

                    if (members is not null)
                    {
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                        await ReadMemberRowsAsync(reader, members, cancellationToken).ConfigureAwait(false);
                    }

                    return record;
                }
            }
        }
        finally
        {
            if (membersCommand is not null)
            {
                await membersCommand.DisposeAsync().ConfigureAwait(false);
            }
        }
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
                var session = await SqlSession.OpenAsync(_db, cancellationToken).ConfigureAwait(false);
                int number;
                HashSet<CaseMember> stored;
                await using (session.ConfigureAwait(false))
                {
                    var sql = session.Sql;
                    if (sql.IsPostgres)
                    {
                        await AdvisoryLockAsync(session, CaseNumberLockKey(snapshot.LocationId, year), cancellationToken).ConfigureAwait(false);
                    }

                    var command = session.Command(CaseStoreSql.CaseExists);
                    await using (command.ConfigureAwait(false))
                    {
                        sql.AddGuid(command, "@id", snapshot.Id);
                        if (await SqlSession.ScalarAsync(command, cancellationToken).ConfigureAwait(false) is not (null or DBNull))
                        {
                            throw new InvalidOperationException("A case with this id is already stored.");
                        }
                    }

                    command = session.Command(CaseStoreSql.LastCaseNumber);
                    await using (command.ConfigureAwait(false))
                    {
                        CaseStoreSql.AddText(command, "@location", snapshot.LocationId);
                        CaseStoreSql.AddInt(command, "@year", year);
                        number = await SqlSession.ScalarAsync(command, cancellationToken).ConfigureAwait(false) is { } last and not DBNull
                            ? Convert.ToInt32(last, CultureInfo.InvariantCulture) + 1
                            : 1;
                    }

                    stored = [];
                    var writes = new SqlWrites(session);
                    await using (writes.ConfigureAwait(false))
                    {
                        command = session.Command(CaseStoreSql.InsertCase);
                        sql.AddCaseParameters(command, CaseMapping.ToRecord(snapshot, version: 1, year, number), withCode: true);
                        await writes.ExecuteAsync(command, null, cancellationToken).ConfigureAwait(false);
                        await InsertDossierAsync(writes, session, snapshot.Dossier, 0, cancellationToken).ConfigureAwait(false);
                        await InsertMembersAsync(writes, session, snapshot.Id, memberList, stored, cancellationToken).ConfigureAwait(false);
                        await InsertOutboxAsync(writes, session, outbox, cancellationToken).ConfigureAwait(false);
                        await writes.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await SaveStagedAsync(cancellationToken).ConfigureAwait(false);
                }

                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                _loaded.AddOrUpdate(newCase, new Loaded(1, MaxSequence(snapshot.Dossier), Code(year, number)) { Members = stored });
                return;
            }
            catch (Exception ex) when ((ex is DbException or DbUpdateException) && CaseStoreSql.IsUniqueViolation(ex) && attempt < MaxCaseNumberAttempts && !joined)
            {
                // Another instance took the same case number at the same moment: take the next one.
            }
            catch (Exception ex) when ((ex is DbException or DbUpdateException) && joined)
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
    /// write transaction already does this. The unique index and the retry stay as the last guard. The same kind of
    /// lock serialises two turns that plan an outbox message with the same dedup key (<see cref="InsertOutboxAsync"/>).
    /// </summary>
    private static async Task AdvisoryLockAsync(SqlSession session, long key, CancellationToken cancellationToken)
    {
        var command = session.Command(CaseStoreSql.AdvisoryLock);
        await using (command.ConfigureAwait(false))
        {
            CaseStoreSql.AddLong(command, "@key", key);
            await SqlSession.ScalarAsync(command, cancellationToken).ConfigureAwait(false);
        }
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
    public Task SaveAsync(Case changedCase, IEnumerable<CaseMember> newMembers, IEnumerable<OutboxMessage> notifications, CancellationToken cancellationToken) =>
        SaveAsync(changedCase, newMembers, notifications, null, cancellationToken);

    /// <inheritdoc />
    public async Task SaveAsync(Case changedCase, IEnumerable<CaseMember> newMembers, IEnumerable<OutboxMessage> notifications, Func<CancellationToken, Task<IReadOnlyList<OutboxMessage>>>? planAfterUpdate, CancellationToken cancellationToken)
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
            HashSet<CaseMember> members;
            var session = await SqlSession.OpenAsync(_db, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var sql = session.Sql;
                var writes = new SqlWrites(session);
                await using (writes.ConfigureAwait(false))
                {
                    var command = session.Command(CaseStoreSql.UpdateCase);
                    sql.AddCaseParameters(command, CaseMapping.ToRecord(snapshot, loaded.Version + 1, caseYear: 0, caseNumber: 0), withCode: false);
                    CaseStoreSql.AddInt(command, "@old_version", loaded.Version);
                    var caseId = snapshot.Id;
                    await writes.ExecuteAsync(command, rows => ThrowUnlessOneRow(rows, caseId), cancellationToken).ConfigureAwait(false);

                    // The version check above guarantees nobody stored an entry since this case was loaded: the new entries
                    // are those above the highest sequence it was loaded (or last saved) with. On PostgreSQL the check runs
                    // when the batch comes back: a lost race rolls the whole turn back, its inserts with it.
                    await InsertDossierAsync(writes, session, snapshot.Dossier, loaded.StoredUpTo, cancellationToken).ConfigureAwait(false);

                    if (loaded.Members is { } known)
                    {
                        members = [.. known];
                    }
                    else
                    {
                        // PostgreSQL: as the last statement of the batch so far (one round trip), after the UPDATE.
                        members = [.. await ReadMembersAsync(session, snapshot.Id, afterWrites: true, cancellationToken).ConfigureAwait(false)];
                    }

                    if (await InsertMembersAsync(writes, session, snapshot.Id, memberList, members, cancellationToken).ConfigureAwait(false))
                    {
                        _membersThisTurn.Remove(snapshot.Id);
                    }

                    // Planned after the case row is updated (and locked) in this transaction: e.g. the alert-card refresh,
                    // which must see every copy recorded before this update (Features/Alerts/AlertRefreshPlanner). On
                    // PostgreSQL its read goes out as the last statement of the batch so far (SqlWrites.ReadAfterAsync), so
                    // the UPDATE holds the row's lock before the read, in one round trip. What the planner reads otherwise
                    // must go the same way; the flush after it sends whatever it left kept.
                    if (planAfterUpdate is not null)
                    {
                        outbox.AddRange(await planAfterUpdate(cancellationToken).ConfigureAwait(false));
                        await writes.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await InsertOutboxAsync(writes, session, outbox, cancellationToken).ConfigureAwait(false);
                    await writes.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await SaveStagedAsync(cancellationToken).ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            loaded.Version++;
            loaded.Members = members;
            loaded.StoredUpTo = Math.Max(loaded.StoredUpTo, MaxSequence(snapshot.Dossier));
        }
        catch (CaseConcurrencyException)
        {
            await RollBackTurnAsync(joined).ConfigureAwait(false);
            throw;
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // A change staged on the context with this save (e.g. an anonymous report's link) lost its own version check.
            await RollBackTurnAsync(joined).ConfigureAwait(false);
            throw new CaseConcurrencyException(snapshot.Id, ex);
        }
        catch (Exception ex) when ((ex is DbException or DbUpdateException) && CaseStoreSql.IsUniqueViolation(ex))
        {
            // A dossier entry with our sequence number (or a member row) was stored by someone else in the meantime.
            await RollBackTurnAsync(joined).ConfigureAwait(false);
            throw new CaseConcurrencyException(snapshot.Id, ex);
        }
        catch (Exception ex) when ((ex is DbException or DbUpdateException) && joined)
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
        if (KnownMembers(caseId) is { } known)
        {
            return known;
        }

        List<CaseMember> members;
        var session = await SqlSession.OpenAsync(_db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            members = await ReadMembersAsync(session, caseId, afterWrites: false, cancellationToken).ConfigureAwait(false);
        }

        return RememberMembers(caseId, members);
    }

    /// <summary>The members read earlier in this turn (none since it rolled back), else null.</summary>
    private IReadOnlyList<CaseMember>? KnownMembers(Guid caseId) =>
        _turn is { IsAttached: true } turn && _membersThisTurn.TryGetValue(caseId, out var known) && known.Rollbacks == turn.Rollbacks
            ? known.Members
            : null;

    /// <summary>Keeps the members just read for the rest of the turn (in a bot turn).</summary>
    private IReadOnlyList<CaseMember> RememberMembers(Guid caseId, List<CaseMember> members)
    {
        var list = members.AsReadOnly();
        if (_turn is { IsAttached: true } attached)
        {
            _membersThisTurn[caseId] = (list, attached.Rollbacks);
        }

        return list;
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

    /// <summary>
    /// Changes another part of the use case staged on this context for the same save (an anonymous report's link to the
    /// case it opened, with its update messages) are stored in the same transaction, after the case rows, as before.
    /// Nothing to do on a plain step: the context tracks nothing then.
    /// </summary>
    private async Task SaveStagedAsync(CancellationToken cancellationToken)
    {
        if (_db.ChangeTracker.HasChanges())
        {
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static int MaxSequence(IReadOnlyList<DossierEntry> dossier)
    {
        var max = 0;
        foreach (var entry in dossier)
        {
            max = Math.Max(max, entry.Sequence);
        }

        return max;
    }

    /// <summary>
    /// The members of a case, in the order they were added; with <paramref name="afterWrites"/>, after the writes kept on
    /// the context (PostgreSQL: in their batch, <see cref="SqlWrites.ReadAfterAsync"/>).
    /// </summary>
    private static async Task<List<CaseMember>> ReadMembersAsync(SqlSession session, Guid caseId, bool afterWrites, CancellationToken cancellationToken)
    {
        var members = new List<CaseMember>();
        var command = session.Command(CaseStoreSql.SelectMembers);
        await using (command.ConfigureAwait(false))
        {
            session.Sql.AddGuid(command, "@id", caseId);
            if (afterWrites)
            {
                await SqlWrites.ReadAfterAsync(session, command, (reader, ct) => ReadMemberRowsAsync(reader, members, ct), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var reader = await SqlSession.ReaderAsync(command, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await ReadMemberRowsAsync(reader, members, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return members;
    }

    /// <summary>The rows of <see cref="CaseStoreSql.SelectMembers"/>.</summary>
    private static async Task ReadMemberRowsAsync(DbDataReader reader, List<CaseMember> members, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(new CaseMember(reader.GetString(0), Enum.Parse<StaffRole>(reader.GetString(1))));
        }
    }

    /// <summary>Inserts the dossier entries above <paramref name="storedUpTo"/> (entries are never updated).</summary>
    private static async Task InsertDossierAsync(SqlWrites writes, SqlSession session, IReadOnlyList<DossierEntry> dossier, int storedUpTo, CancellationToken cancellationToken)
    {
        foreach (var entry in dossier)
        {
            if (entry.Sequence <= storedUpTo)
            {
                continue;
            }

            var command = session.Command(CaseStoreSql.InsertDossierEntry);
            session.Sql.AddDossierParameters(command, CaseMapping.ToRecord(entry));
            await writes.ExecuteAsync(command, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The save's version check: no row means someone else stored a version of this case first.</summary>
    private static void ThrowUnlessOneRow(int rows, Guid caseId)
    {
        if (rows != 1)
        {
            throw new CaseConcurrencyException(caseId, null);
        }
    }

    /// <summary>Inserts the members not stored yet; true when there was one.</summary>
    private async Task<bool> InsertMembersAsync(SqlWrites writes, SqlSession session, Guid caseId, List<CaseMember> members, HashSet<CaseMember> alreadyStored, CancellationToken cancellationToken)
    {
        var added = false;
        var now = _time.GetUtcNow();
        foreach (var member in members)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(member.StaffId, nameof(members));
            if (!alreadyStored.Add(member))
            {
                continue;
            }

            var command = session.Command(CaseStoreSql.InsertMember);
            session.Sql.AddMemberParameters(command, caseId, member, now);
            await writes.ExecuteAsync(command, null, cancellationToken).ConfigureAwait(false);

            added = true;
        }

        return added;
    }

    /// <summary>
    /// Inserts the messages whose dedup key is not stored yet (nor earlier in the same batch): the insert itself leaves out
    /// a stored key (<c>ON CONFLICT (dedup_key) DO NOTHING</c>). On PostgreSQL, two turns that plan a message with the same
    /// dedup key (e.g. a coordinator's message that two cases opened at once both ask for) take it one after the other
    /// (transaction-scoped advisory locks, in one order), as before. SQLite's write lock already does this.
    /// </summary>
    private static async Task InsertOutboxAsync(SqlWrites writes, SqlSession session, List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (session.Sql.IsPostgres)
        {
            var keys = new SortedSet<long>();
            foreach (var message in messages)
            {
                keys.Add(StableKey("outbox-dedup/" + message.DedupKey));
            }

            foreach (var key in keys)
            {
                var lockCommand = session.Command(CaseStoreSql.AdvisoryLock);
                CaseStoreSql.AddLong(lockCommand, "@key", key);
                await writes.ExecuteAsync(lockCommand, null, cancellationToken).ConfigureAwait(false);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (!seen.Add(message.DedupKey))
            {
                continue;
            }

            var command = session.Command(CaseStoreSql.InsertOutbox);
            session.Sql.AddOutboxParameters(command, message);
            await writes.ExecuteAsync(command, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
