using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PestProtocol.Bot.Persistence;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>The case owner (handover branch) on every provider: stored, handed over, and filled in for cases from before owners.</summary>
public abstract class CaseOwnerPersistenceContract<TDatabase>(TDatabase database)
    where TDatabase : TestDatabase
{
    private static readonly StaffRef Docent = new("staff-docent", StaffRole.Docent);
    private readonly string _location = "loc-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_handed_over_case_reloads_with_its_new_owner_and_the_handover_in_the_dossier()
    {
        var c = CaseSteps.Open(_location);
        await using (var db = database.CreateContext())
        {
            await new CaseStore(db).AddAsync(c, [new CaseMember(CaseSteps.Mentor.StaffId, StaffRole.Mentor)], [], Ct);
        }

        await using (var db = database.CreateContext())
        {
            var store = new CaseStore(db);
            var loaded = await store.FindAsync(c.Id, Ct);
            Assert.Equal(CaseSteps.Mentor, loaded!.Owner);
            loaded.HandOver(CaseSteps.Mentor, Docent, "Carla Smit", CaseSteps.At(1), "Mentor met zwangerschapsverlof.");
            await store.SaveAsync(loaded, [new CaseMember(Docent.StaffId, Docent.Role)], [], Ct);
        }

        await using (var db = database.CreateContext())
        {
            var again = await new CaseStore(db).FindAsync(c.Id, Ct);
            Assert.Equal(Docent, again!.Owner);
            Assert.Equal("Overgedragen aan Carla Smit (docent): Mentor met zwangerschapsverlof.", again.Dossier[^1].Text);
            Assert.Equal(Domain.Dossier.DossierEntryKind.HandedOver, again.Dossier[^1].Kind);
        }
    }

    [Fact]
    public async Task A_case_stored_before_the_handover_migration_gets_whoever_signalled_as_owner()
    {
        var connectionString = await database.CreateEmptyDatabaseAsync();
        var c = CaseSteps.Open(_location);
        await using (var db = database.CreateContext(connectionString))
        {
            await db.Database.MigrateAsync(Ct);
            await new CaseStore(db).AddAsync(c, [], [], Ct);
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_HandoverFeature", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, Ct);
            await db.Database.MigrateAsync(Ct);
        }

        await using (var db = database.CreateContext(connectionString))
        {
            var stored = await new CaseStore(db).FindAsync(c.Id, Ct);
            Assert.Equal(CaseSteps.Mentor, stored!.Owner);
        }
    }
}

public sealed class SqliteCaseOwnerPersistenceTests(SqliteTestDatabase database)
    : CaseOwnerPersistenceContract<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresCaseOwnerPersistenceTests(PostgresTestDatabase database)
    : CaseOwnerPersistenceContract<PostgresTestDatabase>(database), IClassFixture<PostgresTestDatabase>;
