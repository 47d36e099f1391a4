using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Features.Overview;
using PestProtocol.Bot.Features.Records.Retention;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Overview;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.State;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Records;

public sealed class RetentionTests
{
    private const string ClosedMarker = "KLEEDKAMER-ZEBRA-7731";
    private const string OpenMarker = "SPEELPLAATS-GIRAFFE-4410";

    [Fact]
    public async Task Sqlite_a_closed_case_past_its_term_leaves_no_byte_in_the_database_file_or_its_wal()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pestprotocol-retention-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "pestprotocol.db");
        try
        {
            var clock = new TestClock(BotHarness.Now);
            string closedCode;
            await using (var services = await DevelopmentBot.StartAsync(file, before: s => s.AddSingleton<TimeProvider>(clock)))
            {
                var (closed, open) = (ClosedCase(), OpenCase());
                closedCode = await AddAsync(services, closed);
                await AddAsync(services, open);
                Assert.True(Contains(file, ClosedMarker) || Contains(file + "-wal", ClosedMarker), "the scan finds what is stored (in the file or still in its WAL)");

                // Not yet: two years after closing (3 November 2026) is 3 November 2028.
                clock.Advance(TimeSpan.FromDays(700));
                Assert.Equal(0, (await PurgeAsync(services)).ClosedCases);

                clock.Advance(TimeSpan.FromDays(31));
                var report = await PurgeAsync(services);
                Assert.True(report.Ran);
                Assert.Equal(1, report.ClosedCases);

                await using var scope = services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
                Assert.Null(await store.FindAsync(closed.Id, CancellationToken.None));
                Assert.NotNull(await store.FindAsync(open.Id, CancellationToken.None));
                Assert.Empty(await store.FindIdsByCodeAsync(closedCode, [BotHarness.Location], CancellationToken.None));
            }

            SqliteConnection.ClearAllPools();
            Assert.False(Contains(file, ClosedMarker), "no byte of the closed case in the file");
            Assert.False(Contains(file + "-wal", ClosedMarker), "nor in its write-ahead log");
            Assert.True(Contains(file, OpenMarker) || Contains(file + "-wal", OpenMarker), "the open case is still there");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_a_closed_case_past_its_term_leaves_no_byte_in_the_table_files()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        try
        {
            var clock = new TestClock(BotHarness.Now);
            await using var services = database.CreateServices(database.ConnectionString);
            var (closed, open) = (ClosedCase(), OpenCase());
            await AddAsync(services, closed);
            await AddAsync(services, open);
            Assert.True(await PostgresFilesContainAsync(database, ClosedMarker), "the scan finds what is stored");

            clock.Advance(TimeSpan.FromDays(731));
            await using (var scope = services.CreateAsyncScope())
            {
                var report = await Purge(scope.ServiceProvider, clock).RunAsync(CancellationToken.None);
                Assert.Equal(1, report.ClosedCases);
            }

            Assert.False(await PostgresFilesContainAsync(database, ClosedMarker), "no byte of the closed case in cases or dossier_entries");
            Assert.True(await PostgresFilesContainAsync(database, OpenMarker), "the open case is still there");
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Several_instances_purge_once_per_interval()
    {
        var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        try
        {
            var clock = new TestClock(BotHarness.Now);
            await using var one = database.CreateServices(database.ConnectionString);
            await using var two = database.CreateServices(database.ConnectionString);

            async Task<bool> RunAsync(IServiceProvider services)
            {
                await using var scope = services.CreateAsyncScope();
                return (await Purge(scope.ServiceProvider, clock).RunAsync(CancellationToken.None)).Ran;
            }

            var first = await Task.WhenAll(RunAsync(one), RunAsync(two), RunAsync(one), RunAsync(two));
            Assert.Equal(1, first.Count(ran => ran));

            clock.Advance(TimeSpan.FromHours(5));
            Assert.False(await RunAsync(two), "not again within the interval");

            clock.Advance(TimeSpan.FromHours(1));
            var second = await Task.WhenAll(RunAsync(two), RunAsync(one));
            Assert.Equal(1, second.Count(ran => ran));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Old_access_log_lines_delivery_logs_and_conversation_state_go_after_their_own_terms()
    {
        var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        try
        {
            var clock = new TestClock(BotHarness.Now);
            var storage = new MemoryStorage(clock);
            await storage.WriteAsync(new Dictionary<string, StoreItem> { ["conversation/a"] = new(System.Text.Json.JsonDocument.Parse("{\"dialog\":\"melding\"}").RootElement, StoreItem.AnyETag) }, CancellationToken.None);
            await using var services = database.CreateServices(database.ConnectionString);
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
                var log = new Features.Records.DossierAccessLog(db);
                await log.RecordAsync(Guid.NewGuid(), "dewilgen", "staff-1", Features.Records.DossierAccessKind.Viewed, BotHarness.Now, null, null, CancellationToken.None);
                db.NotificationDeliveries.Add(new Bot.Persistence.Records.NotificationDeliveryRecord { Id = Guid.NewGuid(), OutboxMessageId = Guid.NewGuid(), RecipientId = "staff-1", Channel = "chat", Outcome = "delivered", AttemptedAt = BotHarness.Now });
                await db.SaveChangesAsync();
            }

            clock.Advance(TimeSpan.FromDays(91));
            await using (var scope = services.CreateAsyncScope())
            {
                var report = await Purge(scope.ServiceProvider, clock, storage).RunAsync(CancellationToken.None);
                Assert.Equal((1, 1, 0), (report.DeliveryLogs, report.ConversationStates, report.AccessLogLines));
            }

            clock.Advance(TimeSpan.FromDays(1095));
            await using (var scope = services.CreateAsyncScope())
            {
                Assert.Equal(1, (await Purge(scope.ServiceProvider, clock, storage).RunAsync(CancellationToken.None)).AccessLogLines);
                Assert.Empty(await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().DossierAccessLog.ToListAsync());
            }
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Retention:ClosedCases", "0")]
    [InlineData("Retention:ClosedCases", "forever")]
    [InlineData("Retention:AccessLogs", "5000.00:00:00")]
    [InlineData("Retention:ConversationState", "-1.00:00:00")]
    [InlineData("Retention:PurgeInterval", "00:00:01")]
    [InlineData("Records:PdfLinkLifetime", "1.00:00:00")]
    [InlineData("Records:PdfLinkKey", "te-kort")]
    [InlineData("Records:PublicBaseUrl", "http://bot.school.nl")]
    public void The_start_up_check_refuses_nonsense_for_retention_and_records(string key, string value)
    {
        var problems = BotConfigurationValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());
        Assert.Contains(problems, p => p.StartsWith(key + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void The_start_up_check_accepts_sensible_retention_and_records_settings()
    {
        var problems = BotConfigurationValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retention:ClosedCases"] = "730.00:00:00",
            ["Retention:AnonymousReports"] = "365.00:00:00",
            ["Retention:DeliveryLogs"] = "90.00:00:00",
            ["Retention:ConversationState"] = "30.00:00:00",
            ["Retention:AccessLogs"] = "1095.00:00:00",
            ["Retention:PurgeInterval"] = "06:00:00",
            ["Records:PdfLinkLifetime"] = "00:10:00",
            ["Records:PdfLinkKey"] = Convert.ToBase64String(new byte[32]),
            ["Records:PublicBaseUrl"] = "https://pestprotocol.school.nl",
        }).Build());
        Assert.DoesNotContain(problems, p => p.StartsWith("Retention", StringComparison.Ordinal) || p.StartsWith("Records", StringComparison.Ordinal));
    }

    private static Case ClosedCase()
    {
        var c = Open(BotHarness.Sanne, "2b", Opened);
        c.RejectSuspicion(MentorRef, Opened.AddDays(1), $"Geen pesten: ruzie in de kleedkamer, bijgelegd ({ClosedMarker}).");
        return c;
    }

    private static Case OpenCase() =>
        Case.Open(new NewSuspicion(BotHarness.Emma, "1a", BotHarness.Location, MentorRef, ["school.blauwe-plekken"], false, $"Alleen op de speelplaats ({OpenMarker})."), Opened);

    private static async Task<string> AddAsync(IServiceProvider services, Case c)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        await store.AddAsync(c, MentorAndCoordinator, [], CancellationToken.None);
        return (await store.GetSummaryAsync(c.Id, CancellationToken.None))!.CaseCode;
    }

    private static async Task<PurgeReport> PurgeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);
    }

    private static RetentionPurge Purge(IServiceProvider scoped, TimeProvider clock, IStorage? storage = null) =>
        new(scoped.GetRequiredService<PestProtocolDbContext>(), storage ?? new MemoryStorage(clock), Options.Create(new RetentionOptions()), clock, NullLogger<RetentionPurge>.Instance);

    private static bool Contains(string file, string marker)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0;
    }

    /// <summary>Reads the files of cases and dossier_entries (after a checkpoint, so what is in memory is on disk) and looks for the marker's bytes.</summary>
    private static async Task<bool> PostgresFilesContainAsync(TestDatabase database, string marker)
    {
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("CHECKPOINT;");
        var needle = Encoding.UTF8.GetBytes(marker);
        foreach (var table in (string[])["cases", "dossier_entries"])
        {
            var bytes = await db.Database.SqlQuery<byte[]>($"SELECT pg_read_binary_file(pg_relation_filepath({table}::regclass)) AS \"Value\"").SingleAsync();
            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
