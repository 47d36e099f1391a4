using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Overview;
using PestProtocol.Bot.Tests.Persistence;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Records;

public sealed class AccessLogTests
{
    [Fact]
    public async Task Every_view_note_and_pdf_is_logged_and_the_coordinator_sees_who_did_what_when()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (mentor, mentorAdapter) = bot.ChatAs(BotHarness.Mentor);
        await mentor.Send($"dossier {code}").AssertCardContains($"Dossier {code}")
            .Send($"dossier {code} magister").AssertCardContains(MagisterNoteCard.Title)
            .Send($"dossier {code} pdf").AssertCardContains(PdfLinkCard.OpenButton)
            .StartTestAsync();
        Assert.False(SentCards(mentorAdapter)[0].ContainsText(DossierCard.AccessLogButton), "a mentor does not see the access log");

        bot.Clock.Advance(TimeSpan.FromHours(1));
        var (coordinator, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await coordinator.Send($"dossier {code}").AssertCardContains($"{DossierCard.AccessLogButton} (4)").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        var log = card.Texts.Single(t => t.Contains("dossier bekeken", StringComparison.Ordinal) && t.Contains('\r', StringComparison.Ordinal)).Split('\r');
        // Newest first; the three lines of 16:00 were written in the same clock second, in any order.
        Assert.Equal("- di 24 nov 2026, 17:00 · Jeroen Bakker · dossier bekeken", log[0]);
        Assert.Equal(
            new[]
            {
                "- di 24 nov 2026, 16:00 · Anouk de Vries · dossier bekeken",
                "- di 24 nov 2026, 16:00 · Anouk de Vries · notitie voor Magister gemaakt (#1 t/m #3)",
                "- di 24 nov 2026, 16:00 · Anouk de Vries · PDF aangevraagd (#1 t/m #3)",
            }.Order(StringComparer.Ordinal),
            log.Skip(1).Order(StringComparer.Ordinal));
        await AssertValidAsync([card]);
    }

    [Fact]
    public async Task A_refused_request_writes_nothing_and_the_log_holds_no_names()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (docent, _) = bot.ChatAs(BotHarness.Docent);
        var (mentor, _) = bot.ChatAs(BotHarness.Mentor);
        await docent.Send($"dossier {code}").Send($"dossier {code} pdf").Send($"dossier {code} magister").StartTestAsync();
        await mentor.Send($"dossier {code}").AssertCardContains($"Dossier {code}").StartTestAsync();

        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        var row = Assert.Single(await db.DossierAccessLog.ToListAsync());
        Assert.Equal((BotHarness.Mentor, DossierAccessKind.Viewed, BotHarness.Location), (row.StaffId, row.Kind, row.LocationId));
        Assert.Null(row.SubjectRef);
    }

    [Fact]
    public Task Sqlite_refuses_to_change_a_line_of_the_access_log() => AssertInsertOnlyAsync(new SqliteTestDatabase());

    [Fact]
    public Task Postgres_refuses_to_change_a_line_of_the_access_log() => AssertInsertOnlyAsync(new PostgresTestDatabase());

    private static async Task AssertInsertOnlyAsync(TestDatabase database)
    {
        await database.InitializeAsync();
        try
        {
            await using (var db = database.CreateContext())
            {
                var log = new DossierAccessLog(db);
                await log.RecordAsync(Guid.NewGuid(), "dewilgen", "staff-1", DossierAccessKind.Viewed, BotHarness.Now, null, null, CancellationToken.None);
            }

            await using (var db = database.CreateContext())
            {
                await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE dossier_access_log SET staff_id = 'someone-else'"));
            }

            await using (var db = database.CreateContext())
            {
                Assert.Equal("staff-1", (await db.DossierAccessLog.SingleAsync()).StaffId);
            }
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
