using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>What persistence must do on every provider; run by <see cref="SqlitePersistenceTests"/> and <see cref="PostgresPersistenceTests"/>.</summary>
public abstract class CaseStoreContract<TDatabase>
    where TDatabase : TestDatabase
{
    private readonly string _location = "loc-" + Guid.NewGuid().ToString("N")[..8];

    protected CaseStoreContract(TDatabase database)
    {
        Database = database;
    }

    protected TDatabase Database { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_running_them_again_changes_nothing()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var services = Database.CreateServices(connectionString);

        await services.MigratePestProtocolDatabaseAsync();

        await using (var db = Database.CreateContext(connectionString))
        {
            var all = db.Database.GetMigrations().ToList();
            Assert.NotEmpty(all);
            Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.Cases.CountAsync());
            Assert.Equal(0, await db.DossierEntries.CountAsync());
            Assert.Equal(0, await db.CaseMembers.CountAsync());
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
            Assert.Equal(0, await db.ConversationReferences.CountAsync());
            Assert.Equal(0, await db.AlertCards.CountAsync());
        }

        using var log = new SqlLog();
        await using (var db = Database.CreateContext(connectionString, log))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        Assert.DoesNotContain(log.Commands, c => Mentions(c, "CREATE TABLE", "cases"));
        Assert.DoesNotContain(log.Commands, c => Mentions(c, "INSERT INTO", "__EFMigrationsHistory"));
    }

    [Fact]
    public async Task Several_instances_migrating_an_empty_database_at_once_all_succeed_and_migrate_it_once()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        var instances = Enumerable.Range(0, 3).Select(_ => Database.CreateServices(connectionString)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(sp => Task.Run(() => sp.MigratePestProtocolDatabaseAsync())));
        }
        finally
        {
            foreach (var sp in instances)
            {
                await sp.DisposeAsync();
            }
        }

        await using var db = Database.CreateContext(connectionString);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_migrations_cover_the_whole_model()
    {
        await using var db = Database.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add for both providers.");
    }

    [Fact]
    public async Task A_case_saved_after_every_step_reloads_in_a_new_context_equal_to_the_case_in_memory()
    {
        var opened = CaseSteps.Open(_location);
        await using (var db = Database.CreateContext())
        {
            await new CaseStore(db).AddAsync(opened, [new CaseMember(CaseSteps.Mentor.StaffId, StaffRole.Mentor)], [], Ct);
        }

        var expected = opened.ToSnapshot();
        foreach (var step in CaseSteps.RouteBThenD())
        {
            await using var db = Database.CreateContext();
            var store = new CaseStore(db);
            var c = await store.FindAsync(opened.Id, Ct);
            Assert.NotNull(c);
            SnapshotAssert.Equal(expected, c.ToSnapshot());

            step(c);
            await store.SaveAsync(c, [], [], Ct);
            expected = c.ToSnapshot();
        }

        await using (var db = Database.CreateContext())
        {
            var reloaded = await new CaseStore(db).FindAsync(opened.Id, Ct);
            Assert.NotNull(reloaded);
            SnapshotAssert.Equal(expected, reloaded.ToSnapshot());
            Assert.Equal(ProtocolStep.Closed, reloaded.CurrentStep);
            Assert.Equal(Enumerable.Range(1, reloaded.Dossier.Count), reloaded.Dossier.Select(e => e.Sequence));
            Assert.Contains(reloaded.Dossier, e => e.Signatures.Count == 3 && e.Agreements.Count == 1);
            Assert.Contains(reloaded.Dossier, e => e.CorrectionOf == reloaded.Dossier[1].Id);
            Assert.Contains(reloaded.Dossier, e => e.PunishmentDecidedByStaffId == CaseSteps.Deelschoolleider.StaffId);
        }
    }

    [Fact]
    public async Task Stored_dossier_entries_are_only_inserted_never_updated_or_deleted()
    {
        var c = CaseSteps.Open(_location);
        using var log = new SqlLog();
        await using (var db = Database.CreateContext(log))
        {
            var store = new CaseStore(db);
            await store.AddAsync(c, [], [], Ct);
            c.ConfirmSuspicion(CaseSteps.Mentor, CaseSteps.At(1), "Het vermoeden klopt.");
            await store.SaveAsync(c, [], [], Ct);
            await store.SaveAsync(c, [], [], Ct); // nothing new: no entry is written again
            c.AddNote(CaseSteps.Mentor, CaseSteps.At(2), "Ouders worden morgen gebeld.");
            await store.SaveAsync(c, [], [], Ct);
        }

        var expectedEntries = c.Dossier.ToList();
        await using (var db = Database.CreateContext())
        {
            var stored = await db.DossierEntries.Where(e => e.CaseId == c.Id).CountAsync();
            Assert.Equal(3, stored);
            var reloaded = await new CaseStore(db).FindAsync(c.Id, Ct);
            Assert.NotNull(reloaded);
            for (var i = 0; i < expectedEntries.Count; i++)
            {
                SnapshotAssert.EntryEqual(expectedEntries[i], reloaded.Dossier[i]);
            }

            Assert.Equal(4, await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Version).SingleAsync());
        }

        Assert.DoesNotContain(log.Commands, sql => Mentions(sql, "UPDATE", "dossier_entries"));
        Assert.DoesNotContain(log.Commands, sql => Mentions(sql, "DELETE FROM", "dossier_entries"));
        Assert.Equal(3, log.Commands.Count(sql => Mentions(sql, "INSERT INTO", "dossier_entries")));
        Assert.Equal(3, log.Commands.Count(sql => Mentions(sql, "UPDATE", "cases")));
    }

    [Fact]
    public async Task Two_people_saving_the_same_case_the_second_gets_a_concurrency_error_and_none_of_its_change_is_stored()
    {
        var opened = CaseSteps.Open(_location);
        await using (var db = Database.CreateContext())
        {
            await new CaseStore(db).AddAsync(opened, [new CaseMember("staff-mentor", StaffRole.Mentor)], [], Ct);
        }

        await using var dbA = Database.CreateContext();
        await using var dbB = Database.CreateContext();
        var storeA = new CaseStore(dbA);
        var storeB = new CaseStore(dbB);
        var caseA = (await storeA.FindAsync(opened.Id, Ct))!;
        var caseB = (await storeB.FindAsync(opened.Id, Ct))!;

        caseA.ConfirmSuspicion(CaseSteps.Mentor, CaseSteps.At(1), "Het vermoeden klopt.");
        await storeA.SaveAsync(caseA, [], [Message($"{opened.Id}:a")], Ct);

        caseB.RejectSuspicion(CaseSteps.Coordinator, CaseSteps.At(1), "Geen pesten.");
        var error = await Assert.ThrowsAsync<CaseConcurrencyException>(() =>
            storeB.SaveAsync(caseB, [new CaseMember("staff-apc", StaffRole.AntiPestCoordinator)], [Message($"{opened.Id}:b")], Ct));
        Assert.Equal(opened.Id, error.CaseId);
        Assert.DoesNotContain("staff", error.Message, StringComparison.OrdinalIgnoreCase);

        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            var stored = (await store.FindAsync(opened.Id, Ct))!;
            Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, stored.CurrentStep);
            SnapshotAssert.Equal(caseA.ToSnapshot(), stored.ToSnapshot());
            Assert.False(await store.IsMemberAsync(opened.Id, "staff-apc", Ct));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.DedupKey == $"{opened.Id}:a"));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.DedupKey == $"{opened.Id}:b"));
        }

        // The loser reloads and tries again: that works.
        var again = (await storeB.FindAsync(opened.Id, Ct))!;
        again.InformParents(CaseSteps.Mentor, CaseSteps.At(2), CaseSteps.Parents(2));
        await storeB.SaveAsync(again, [], [Message($"{opened.Id}:b")], Ct);
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(3, await db.DossierEntries.CountAsync(e => e.CaseId == opened.Id));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.DedupKey == $"{opened.Id}:b"));
        }
    }

    [Fact]
    public async Task A_new_case_is_stored_with_its_members_and_notifications_and_a_repeated_notification_is_stored_once()
    {
        var c = CaseSteps.Open(_location);
        var mentorAlert = Message($"{c.Id}:1:staff-mentor", "staff-mentor");
        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            await store.AddAsync(c,
                [new CaseMember("staff-mentor", StaffRole.Mentor), new CaseMember("staff-apc", StaffRole.AntiPestCoordinator), new CaseMember("staff-mentor", StaffRole.Mentor)],
                [mentorAlert, Message($"{c.Id}:1:staff-apc", "staff-apc")],
                Ct);

            c.ConfirmSuspicion(CaseSteps.Mentor, CaseSteps.At(1), "Het vermoeden klopt.");
            await store.SaveAsync(c, [new CaseMember("staff-apc", StaffRole.AntiPestCoordinator), new CaseMember("staff-tl", StaffRole.Teamleider)],
                [Message($"{c.Id}:1:staff-mentor", "staff-mentor"), Message($"{c.Id}:2:staff-tl", "staff-tl")], Ct);
        }

        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            Assert.True(await store.IsMemberAsync(c.Id, "staff-mentor", Ct));
            Assert.True(await store.IsMemberAsync(c.Id, "staff-tl", Ct));
            Assert.False(await store.IsMemberAsync(c.Id, "staff-someone-else", Ct));
            Assert.False(await store.IsMemberAsync(Guid.NewGuid(), "staff-mentor", Ct));
            Assert.Equal(
                new[] { "staff-apc:AntiPestCoordinator", "staff-mentor:Mentor", "staff-tl:Teamleider" },
                (await store.ListMembersAsync(c.Id, Ct)).Select(m => $"{m.StaffId}:{m.Role}").Order(StringComparer.Ordinal));

            var outbox = await db.OutboxMessages.AsNoTracking().Where(m => m.DedupKey.StartsWith(c.Id.ToString())).ToListAsync();
            Assert.Equal(3, outbox.Count);
            var stored = Assert.Single(outbox, m => m.Id == mentorAlert.Id);
            Assert.Equal(OutboxStatus.Pending, stored.Status);
            Assert.Equal("case.step-taken", stored.Kind);
            Assert.Equal("staff-mentor", stored.RecipientId);
            Assert.Equal(CaseSteps.At(1).AddTicks(10), stored.NextAttemptAt); // kept to the microsecond, as a UTC instant
            Assert.Equal(TimeSpan.Zero, stored.NextAttemptAt.Offset);
            Assert.Contains("\"caseId\"", stored.Payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Saving_a_case_that_was_not_loaded_through_the_store_is_refused()
    {
        var c = CaseSteps.Open(_location);
        await using var db = Database.CreateContext();
        await new CaseStore(db).AddAsync(c, [], [], Ct);

        var copy = Case.Rehydrate(c.ToSnapshot());
        await Assert.ThrowsAsync<InvalidOperationException>(() => new CaseStore(db).SaveAsync(copy, [], [], Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new CaseStore(db).AddAsync(copy, [], [], Ct));
    }

    [Fact]
    public async Task Overviews_list_open_cases_of_a_member_or_a_location_most_recently_active_first_with_codes_per_location()
    {
        var member = "staff-" + Guid.NewGuid().ToString("N")[..8];
        var first = CaseSteps.Open(_location, "student-a", day: 0);
        var second = CaseSteps.Open(_location, "student-b", day: 1);
        var rejected = CaseSteps.Open(_location, "student-c", day: 2);
        var elsewhere = CaseSteps.Open(_location + "-x", "student-d", day: 3);
        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            await store.AddAsync(first, [new CaseMember(member, StaffRole.Mentor)], [], Ct);
            await store.AddAsync(second, [], [], Ct);
            await store.AddAsync(rejected, [new CaseMember(member, StaffRole.Mentor)], [], Ct);
            await store.AddAsync(elsewhere, [new CaseMember(member, StaffRole.Teamleider)], [], Ct);

            first.ConfirmSuspicion(CaseSteps.Mentor, CaseSteps.At(5), "Het vermoeden klopt.");
            await store.SaveAsync(first, [new CaseMember(member, StaffRole.AntiPestCoordinator)], [], Ct);
            rejected.RejectSuspicion(CaseSteps.Mentor, CaseSteps.At(4), "Geen pesten.");
            await store.SaveAsync(rejected, [], [], Ct);
        }

        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            var mine = await store.ListOpenCasesForMemberAsync(member, Ct);
            Assert.Equal([first.Id, elsewhere.Id], mine.Select(s => s.CaseId));

            var location = await store.ListOpenCasesForLocationAsync(_location, Ct);
            Assert.Equal([first.Id, second.Id], location.Select(s => s.CaseId));

            var summary = location[0];
            Assert.Equal("2026-0001", summary.CaseCode);
            Assert.Equal("2026-0002", location[1].CaseCode);
            Assert.Equal("2026-0001", mine[1].CaseCode);
            Assert.Equal("student-a", summary.StudentRef);
            Assert.Equal("2B", summary.ClassName);
            Assert.Equal(_location, summary.LocationId);
            Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, summary.CurrentStep);
            Assert.Equal(first.NextActionIn(Locale.Nl), summary.NextAction.Nl);
            Assert.Equal(first.NextActionIn(Locale.En), summary.NextAction.En);
            Assert.Equal(CaseSteps.At(0), summary.OpenedAt);
            Assert.Equal(CaseSteps.At(5), summary.LastActivityAt);

            Assert.Empty(await store.ListOpenCasesForMemberAsync("staff-nobody", Ct));
        }
    }

    [Fact]
    public async Task Cases_opened_at_the_same_time_in_one_location_get_different_codes()
    {
        var cases = Enumerable.Range(0, 4).Select(i => CaseSteps.Open(_location, $"student-{i}")).ToList();
        await Task.WhenAll(cases.Select(c => Task.Run(async () =>
        {
            await using var db = Database.CreateContext();
            await new CaseStore(db).AddAsync(c, [], [], Ct);
        })));

        await using var context = Database.CreateContext();
        var codes = (await new CaseStore(context).ListOpenCasesForLocationAsync(_location, Ct)).Select(s => s.CaseCode).Order(StringComparer.Ordinal);
        Assert.Equal(["2026-0001", "2026-0002", "2026-0003", "2026-0004"], codes);
    }

    [Fact]
    public async Task A_burst_of_new_cases_in_one_location_is_numbered_in_turn_without_a_refused_insert()
    {
        const int count = 24;
        using var log = new SqlLog();
        var cases = Enumerable.Range(0, count).Select(i => CaseSteps.Open(_location, $"student-{i}")).ToList();
        await Task.WhenAll(cases.Select(c => Task.Run(async () =>
        {
            await using var db = Database.CreateContext(log);
            await new CaseStore(db).AddAsync(c, [], [], Ct);
        })));

        await using var context = Database.CreateContext();
        var codes = (await new CaseStore(context).ListOpenCasesForLocationAsync(_location, Ct)).Select(s => s.CaseCode).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(1, count).Select(n => $"2026-{n:0000}"), codes);
        Assert.Equal(0, log.Failed); // numbers are taken in turn, not found out by the unique index (an error in the log)
    }

    [Fact]
    public async Task Steps_of_many_cases_saved_at_once_that_ask_for_the_same_notification_all_succeed_and_store_it_once()
    {
        const int count = 12;
        var cases = Enumerable.Range(0, count).Select(i => CaseSteps.Open(_location, $"student-{i}")).ToList();
        await using (var db = Database.CreateContext())
        {
            var store = new CaseStore(db);
            foreach (var c in cases)
            {
                await store.AddAsync(c, [], [], Ct);
            }
        }

        // e.g. one message to a coordinator that several cases stepping at the same moment all plan (one dedup key).
        var shared = "shared-" + Guid.NewGuid().ToString("N");
        using var log = new SqlLog();
        await Task.WhenAll(cases.Select(c => Task.Run(async () =>
        {
            await using var db = Database.CreateContext(log);
            var store = new CaseStore(db);
            var loaded = (await store.FindAsync(c.Id, Ct))!;
            loaded.ConfirmSuspicion(CaseSteps.Mentor, CaseSteps.At(1), "Het vermoeden klopt.");
            var common = Message($"{c.Id}:shared");
            common.DedupKey = shared;
            await store.SaveAsync(loaded, [], [Message($"{c.Id}:own"), common], Ct);
        })));

        await using var check = Database.CreateContext();
        Assert.Equal(count, await check.Cases.CountAsync(c => c.LocationId == _location && c.CurrentStep == ProtocolStep.Step1SuspicionConfirmed));
        Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.DedupKey == shared));
        var own = cases.Select(c => $"{c.Id}:own").ToList();
        Assert.Equal(count, await check.OutboxMessages.CountAsync(m => own.Contains(m.DedupKey)));
        Assert.Equal(0, log.Failed); // no step was refused by the unique index
    }

    [Fact]
    public async Task Due_outbox_messages_can_be_selected_and_ordered_by_time_in_sql()
    {
        var kind = "test." + Guid.NewGuid().ToString("N");
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(1));
        var late = OutboxMessage.Create(kind, kind + ":late", "{}", null, now.AddMinutes(-1));
        var early = OutboxMessage.Create(kind, kind + ":early", "{}", null, now.AddHours(-3));
        var future = OutboxMessage.Create(kind, kind + ":future", "{}", null, now.AddMinutes(5));
        await using (var db = Database.CreateContext())
        {
            db.OutboxMessages.AddRange(late, future, early);
            await db.SaveChangesAsync();
        }

        await using (var db = Database.CreateContext())
        {
            var due = await db.OutboxMessages
                .Where(m => m.Kind == kind && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.DedupKey)
                .ToListAsync();
            Assert.Equal([kind + ":early", kind + ":late"], due);
        }
    }

    [Fact]
    public async Task A_users_conversation_reference_is_stored_replaced_and_found_again()
    {
        var user = Guid.NewGuid().ToString();
        await using (var db = Database.CreateContext())
        {
            var store = new ConversationReferenceStore(db);
            Assert.Null(await store.FindAsync(user, Ct));
            await store.SaveAsync(user, Reference("a:1"), Ct);
            await store.SaveAsync(user, Reference("a:2"), Ct);
        }

        await using (var db = Database.CreateContext())
        {
            var found = await new ConversationReferenceStore(db).FindAsync(user, Ct);
            Assert.NotNull(found);
            Assert.Equal(BotJson.Serialize(Reference("a:2")), BotJson.Serialize(found));
            Assert.Equal(1, await db.ConversationReferences.CountAsync(r => r.UserAadObjectId == user));
        }
    }

    [Fact]
    public async Task First_turns_of_one_user_in_many_chats_at_once_store_one_reference_without_a_refused_insert()
    {
        var user = Guid.NewGuid().ToString();
        using var log = new SqlLog();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var db = Database.CreateContext(log);
            await new ConversationReferenceStore(db).SaveAsync(user, Reference($"a:{i}"), Ct);
        })));

        await using var context = Database.CreateContext();
        var stored = await context.ConversationReferences.AsNoTracking().SingleAsync(r => r.UserAadObjectId == user);
        Assert.Matches("\"a:([0-9]|1[01])\"", stored.Reference);
        Assert.InRange(stored.UpdatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(0, log.Failed);
    }

    [Fact]
    public async Task The_stores_registered_for_the_app_work_on_the_configured_database()
    {
        await using var services = Database.CreateServices(Database.ConnectionString);
        var c = CaseSteps.Open(_location);
        await using (var scope = services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
            await store.AddAsync(c, [new CaseMember("staff-mentor", StaffRole.Mentor)], [], Ct);
            var loaded = (await store.FindAsync(c.Id, Ct))!;
            loaded.ConfirmSuspicion(CaseSteps.Mentor, CaseSteps.At(1), "Het vermoeden klopt.");
            await store.SaveAsync(loaded, [], [], Ct);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(c.Id, Ct);
            Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, found?.CurrentStep);
        }
    }

    /// <summary>Whether SQL runs a statement on a table, quoted or not (Npgsql quotes only names that need it).</summary>
    private static bool Mentions(string sql, string statement, string table) =>
        Regex.IsMatch(sql, $@"\b{statement}\s+""?{Regex.Escape(table)}""?(\s|\()", RegexOptions.IgnoreCase);

    private static OutboxMessage Message(string dedupKey, string? recipientId = null) =>
        OutboxMessage.Create("case.step-taken", dedupKey, new { caseId = dedupKey.Split(':')[0] }, recipientId, CaseSteps.At(1).AddTicks(17));

    private static ConversationReference Reference(string conversationId) => new()
    {
        ActivityId = "act-1",
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Conversation = new ConversationAccount { Id = conversationId },
        User = new ChannelAccount { Id = "29:user", AadObjectId = "00000000-0000-0000-0000-000000000001" },
        Bot = new ChannelAccount { Id = "28:bot" },
        Locale = "nl-NL",
    };
}
