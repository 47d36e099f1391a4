using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>
/// The case store writes and reads its rows with plain SQL (no EF Core on the melding turn), while the overview, the
/// dossier, erasure and the outbox dispatcher read them through EF Core. Both must see the same rows on every provider:
/// what the store writes, EF Core reads back as the same case (and finds with its own parameters: ids, times, enums);
/// what EF Core writes, the store loads and saves.
/// </summary>
public abstract class CaseRowsContract<TDatabase>
    where TDatabase : TestDatabase
{
    private readonly string _location = "loc-" + Guid.NewGuid().ToString("N")[..8];

    protected CaseRowsContract(TDatabase database)
    {
        Database = database;
    }

    protected TDatabase Database { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task What_the_store_writes_EF_Core_reads_back_as_the_same_case_members_and_outbox_rows()
    {
        var opened = CaseSteps.Open(_location);
        // A time with ticks below the microsecond and an offset: stored as the same UTC instant, cut to the microsecond.
        var now = CaseSteps.Start.AddTicks(7);
        var clock = new FixedClock(now);
        var keys = new List<string>();
        await using (var db = Database.CreateContext())
        {
            keys.Add("open-" + opened.Id.ToString("N"));
            await new CaseStore(db, clock).AddAsync(
                opened,
                [new CaseMember(CaseSteps.Mentor.StaffId, StaffRole.Mentor), new CaseMember(CaseSteps.Coordinator.StaffId, StaffRole.AntiPestCoordinator)],
                [OutboxMessage.Create("case.opened", keys[^1], """{"x":1}""", CaseSteps.Coordinator.StaffId, now)],
                Ct);
        }

        var step = 0;
        foreach (var apply in CaseSteps.RouteBThenD())
        {
            await using var db = Database.CreateContext();
            var store = new CaseStore(db, clock);
            var c = await store.FindAsync(opened.Id, Ct);
            Assert.NotNull(c);
            apply(c);
            keys.Add($"step-{opened.Id:N}-{++step}");
            await store.SaveAsync(c, [new CaseMember(CaseSteps.Teamleider.StaffId, StaffRole.Teamleider)], [OutboxMessage.Create("case.step", keys[^1], "{}", null, now)], Ct);
        }

        Case expected;
        await using (var db = Database.CreateContext())
        {
            expected = (await new CaseStore(db).FindAsync(opened.Id, Ct))!;
        }

        await using (var db = Database.CreateContext())
        {
            // EF Core finds the rows with its own parameters (the id as the model stores it) and maps them to the same case.
            var record = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == opened.Id);
            var entries = await db.DossierEntries.AsNoTracking().Where(e => e.CaseId == opened.Id).OrderBy(e => e.Sequence).ToListAsync();
            SnapshotAssert.Equal(expected.ToSnapshot(), CaseMapping.ToSnapshot(record, entries.Select(CaseMapping.ToEntry).ToList()));
            Assert.Equal(1 + step, record.Version);
            Assert.Equal((CaseSteps.Start.Year, 1), (record.CaseYear, record.CaseNumber));
            Assert.Equal(ProtocolStep.Closed, record.CurrentStep);
            Assert.Equal(Domain.Routes.Route.D, record.Step4Route);
            Assert.Equal(StoredTimes.Normalize(expected.Dossier[^1].RecordedAt), record.LastActivityAt);
            Assert.Equal(1, await db.Cases.CountAsync(c => c.LocationId == _location && c.CurrentStep == ProtocolStep.Closed && c.OpenedAt < CaseSteps.At(1)));

            var correction = Assert.Single(entries, e => e.CorrectionOf is not null);
            Assert.Equal(1, await db.DossierEntries.CountAsync(e => e.Id == correction.CorrectionOf && e.CaseId == opened.Id));
            var later = entries.Count(e => e.FollowUpDate > CaseSteps.At(20));
            Assert.NotEqual(0, later);
            Assert.Equal(later, await db.DossierEntries.CountAsync(e => e.CaseId == opened.Id && e.FollowUpDate > CaseSteps.At(20)));
            Assert.Equal(entries.Count(e => e.AgreementsKept == true), await db.DossierEntries.CountAsync(e => e.CaseId == opened.Id && e.AgreementsKept == true));

            var members = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == opened.Id).OrderBy(m => m.StaffId).ToListAsync();
            Assert.Equal(
                [(CaseSteps.Coordinator.StaffId, StaffRole.AntiPestCoordinator), (CaseSteps.Mentor.StaffId, StaffRole.Mentor), (CaseSteps.Teamleider.StaffId, StaffRole.Teamleider)],
                members.Select(m => (m.StaffId, m.Role)));
            Assert.All(members, m => Assert.Equal(StoredTimes.Normalize(now), m.AddedAt));

            // The dispatcher's lease reads the outbox by status and due time.
            var outbox = await db.OutboxMessages.AsNoTracking()
                .Where(m => keys.Contains(m.DedupKey) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .ToListAsync();
            Assert.Equal(keys.Order(StringComparer.Ordinal), outbox.Select(m => m.DedupKey).Order(StringComparer.Ordinal));
            var first = Assert.Single(outbox, m => m.DedupKey == keys[0]);
            Assert.Equal(("case.opened", """{"x":1}""", CaseSteps.Coordinator.StaffId, 0), (first.Kind, first.Payload, first.RecipientId, first.Attempts));
            Assert.Equal(StoredTimes.Normalize(now), first.CreatedAt);
            Assert.Null(first.LeaseUntil);
            Assert.Null(first.SentAt);
        }
    }

    [Theory]
    [InlineData(typeof(CaseRecord), CaseStoreSql.InsertCase)]
    [InlineData(typeof(DossierEntryRecord), CaseStoreSql.InsertDossierEntry)]
    [InlineData(typeof(CaseMemberRecord), CaseStoreSql.InsertMember)]
    [InlineData(typeof(OutboxMessage), CaseStoreSql.InsertOutbox)]
    public async Task The_store_writes_every_column_the_model_has(Type record, string insert)
    {
        // A column added to the model but not to the store's SQL would be lost on every melding step.
        await using var db = Database.CreateContext();
        var entity = db.Model.FindEntityType(record)!;
        var table = entity.GetTableName()!;
        var model = entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal);
        var start = insert.IndexOf('(', StringComparison.Ordinal) + 1;
        var columns = insert[start..insert.IndexOf(')', StringComparison.Ordinal)].Split(',').Select(c => c.Trim().Trim('"')).Order(StringComparer.Ordinal);
        Assert.StartsWith($"INSERT INTO {table} (", insert, StringComparison.Ordinal);
        Assert.Equal(model, columns);
    }

    [Fact]
    public async Task A_save_updates_every_column_of_the_case_but_its_id_and_code()
    {
        await using var db = Database.CreateContext();
        var updated = db.Model.FindEntityType(typeof(CaseRecord))!.GetProperties()
            .Select(p => p.GetColumnName())
            .Where(c => c is not ("id" or "case_year" or "case_number"));
        Assert.All(updated, column => Assert.Contains($"{(column == "trigger" ? "\"trigger\"" : column)} = @{column}", CaseStoreSql.UpdateCase, StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_EF_Core_writes_the_store_loads_and_saves()
    {
        var c = CaseSteps.Open(_location);
        CaseSteps.RouteBThenD()[0](c);
        CaseSteps.RouteBThenD()[1](c);
        var snapshot = c.ToSnapshot();
        await using (var db = Database.CreateContext())
        {
            db.Cases.Add(CaseMapping.ToRecord(snapshot, version: 3, caseYear: 2026, caseNumber: 41));
            db.DossierEntries.AddRange(snapshot.Dossier.Select(CaseMapping.ToRecord));
            db.CaseMembers.Add(new CaseMemberRecord { CaseId = c.Id, StaffId = CaseSteps.Mentor.StaffId, Role = StaffRole.Mentor, AddedAt = CaseSteps.Start });
            db.OutboxMessages.Add(OutboxMessage.Create("case.step", "ef-" + c.Id.ToString("N"), "{}", null, CaseSteps.Start));
            await db.SaveChangesAsync();
        }

        int entriesAfterStep;
        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            var found = await store.FindForMemberAsync(c.Id, CaseSteps.Mentor.StaffId, Ct);
            Assert.NotNull(found);
            Assert.Equal("2026-0041", found.Code);
            Assert.Equal([new CaseMember(CaseSteps.Mentor.StaffId, StaffRole.Mentor)], found.Members);
            SnapshotAssert.Equal(snapshot, found.Case.ToSnapshot());

            CaseSteps.RouteBThenD()[2](found.Case);
            entriesAfterStep = found.Case.Dossier.Count;
            Assert.True(entriesAfterStep > snapshot.Dossier.Count);
            // The same dedup key EF Core stored is left out; a new one is added.
            await store.SaveAsync(
                found.Case,
                [new CaseMember(CaseSteps.Mentor.StaffId, StaffRole.Mentor)],
                [OutboxMessage.Create("case.step", "ef-" + c.Id.ToString("N"), "{}", null, CaseSteps.Start), OutboxMessage.Create("case.step", "sql-" + c.Id.ToString("N"), "{}", null, CaseSteps.Start)],
                Ct);
        }

        await using (var db = Database.CreateContext())
        {
            Assert.Equal(4, await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Version).SingleAsync());
            Assert.Equal(entriesAfterStep, await db.DossierEntries.CountAsync(e => e.CaseId == c.Id));
            Assert.Equal(1, await db.CaseMembers.CountAsync(m => m.CaseId == c.Id));
            Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.DedupKey.EndsWith(c.Id.ToString("N"))));
        }
    }
}

/// <summary>A clock that stands still (its offset is kept: the store must store the UTC instant).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public sealed class SqliteCaseRowsTests(SqliteTestDatabase database) : CaseRowsContract<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresCaseRowsTests(PostgresTestDatabase database) : CaseRowsContract<PostgresTestDatabase>(database), IClassFixture<PostgresTestDatabase>;
