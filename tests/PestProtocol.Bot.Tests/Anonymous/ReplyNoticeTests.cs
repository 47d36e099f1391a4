using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Notifications.Delivery;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Tests.Storage;
using Npgsql;
using PestProtocol.Domain.Roles;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>
/// Issue 15 item 5: when the school answers an anonymous report, every student of the report's location gets the same short
/// notice at the notice hour of the school day — and no file links the student who reported to the report
/// (docs/SECURITY.md, section 3a).
/// </summary>
public sealed class ReplyNoticeTests : IDisposable
{
    private const string Daan = "e2e0c000-0000-4000-a000-000000000006";
    private const string Sanne = "e2e0e000-0000-4000-a000-000000000101";
    private const string Lars = "e2e0e000-0000-4000-a000-000000000102";
    private const string Noor = "e2e0e000-0000-4000-a000-000000000103";
    private const string Kees = "e2e0e000-0000-4000-a000-000000000201";
    private const string Lotte = "e2e0e000-0000-4000-a000-000000000202";

    // Unique per run, so that nothing of an earlier run can be mistaken for this one.
    private static readonly string Run = Guid.NewGuid().ToString("N")[..10];

    private static readonly string[] Wilgen = [Daan, Sanne, Lars, Noor];
    private static readonly string[] Kastanje = [Kees, Lotte];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-replynotice-" + Guid.NewGuid().ToString("N"));

    // Tuesday 24 November 2026, 10:37 in Amsterdam (UTC+1); the notice hour 15:00 there is 14:00 UTC.
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 9, 37, 12, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(_folder, "bot.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task After_an_answer_every_student_of_the_location_gets_the_same_notice_and_no_file_links_the_reporter_to_the_report()
    {
        Directory.CreateDirectory(_folder);
        await using var bot = await StartAsync();
        await using var holder = await DraftTraceTests.HoldOpenAsync(DatabasePath);
        var conversation = $"a:RN{Run}-daans-own-chat";
        var teamsUser = $"29:RN{Run}-daan";
        var daan = bot.Chat(Daan, teamsUser, "Daan Mulder", conversation);
        await bot.Flow(daan).Report().StartTestAsync();
        var (code, _) = BotHarness.CredentialsFrom(daan);
        var reportId = Guid.Parse((await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single());

        var sent = daan.SentActivities.Select(ReceivedCard.From).OfType<ReceivedCard>().Last();
        Assert.True(sent.ContainsText("alle leerlingen van je school om 15:00 uur dezelfde korte melding"), "the sent card says how the student hears of an answer");
        Assert.False(sent.ContainsText("géén bericht"));

        await AnswerAsync(bot, reportId, "Dank je. Wil je met iemand praten?");

        // Nothing goes out at the moment of the answer: the location is marked, nothing of the report or the student.
        Assert.Empty(await NoticesAsync(bot));
        var mark = Assert.Single(await bot.QueryAsync("SELECT * FROM anonymous_reply_notice_marks"));
        Assert.Contains("|dewilgen|", mark, StringComparison.Ordinal);
        AssertNoReportMarker(mark, reportId, code);

        // 15:00 in Amsterdam.
        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await RoundAsync(bot));

        // Every student of De Wilgen, also the three who reported nothing, and nobody of De Kastanje.
        var notices = await NoticesAsync(bot);
        Assert.Equal(Wilgen.Order(StringComparer.Ordinal), notices.Select(n => n.Recipient).Order(StringComparer.Ordinal));

        // The reporter's row is indistinguishable: the same text, key pattern, payload and times as everyone else's.
        var shapes = notices.Select(n => n.Row.Replace(n.Recipient, "<leerling>", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Single(shapes);
        Assert.Contains("anonymous-reply-notice:dewilgen:20261124:<leerling>", shapes[0], StringComparison.Ordinal);
        Assert.Empty(await bot.QueryAsync("SELECT * FROM anonymous_reply_notice_marks"));

        // No row of any table couples the report (id or code) with any student (Entra id, Teams id, chat).
        string[] students = [.. Wilgen, .. Kastanje, teamsUser, conversation];
        var rows = await AllRowsAsync(bot);
        Assert.Contains(rows, r => r.Contains(code.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
        foreach (var row in rows.Where(r => ReportMarkers(reportId, code).Any(m => r.Contains(m, StringComparison.OrdinalIgnoreCase))))
        {
            Assert.DoesNotContain(students, s => row.Contains(s, StringComparison.OrdinalIgnoreCase));
        }

        // The files as they are while the bot runs (no checkpoint): the reporter's chat and Teams id are nowhere.
        var files = ReadDatabaseFiles();
        Assert.Contains(files.Keys, name => name.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var value in new[] { conversation, teamsUser, "RN" + Run })
        {
            foreach (var (name, bytes) in files)
            {
                Assert.False(Contains(bytes, value), $"'{value}' found in {name}");
            }
        }

        // The card says nothing of any report, and offers 'status'.
        var renderer = bot.Services.GetServices<IAlertCardRenderer>().Single(r => r.Kind == ReplyNoticePayload.Kind);
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocol.Bot.Persistence.PestProtocolDbContext>();
        var cards = new List<string>();
        foreach (var message in db.OutboxMessages.Where(m => m.Kind == ReplyNoticePayload.Kind).ToList())
        {
            cards.Add((await renderer.RenderAsync(message, default))!.ToJson());
        }

        Assert.Single(cards.Distinct());
        Assert.Contains("De school heeft geantwoord op een anonieme melding van een leerling van jouw school.", cards[0], StringComparison.Ordinal);
        Assert.Contains("Bekijk mijn melding", cards[0], StringComparison.Ordinal);
        Assert.Contains("\"status\"", cards[0], StringComparison.Ordinal);
        foreach (var word in new[] { "klassenapp", "pauze", "praten", code, reportId.ToString("N") })
        {
            Assert.DoesNotContain(word, cards[0], StringComparison.OrdinalIgnoreCase);
        }

        // Later the same day: nothing again.
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await RoundAsync(bot));
        Assert.Equal(4, (await NoticesAsync(bot)).Count);
    }

    [Fact]
    public async Task Postgresql_after_the_notice_no_row_and_no_write_ahead_log_links_the_reporter_to_the_report()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        try
        {
            var connectionString = await database.CreateSchemaAsync();
            await using var walKept = await DraftTraceTests.KeepWalAsync(connectionString);
            var walStart = await DraftTraceTests.ScalarAsync<string>(connectionString, "SELECT pg_current_wal_lsn()::text");
            await using var bot = await StartAsync(new() { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:PestProtocol"] = connectionString });
            var conversation = $"a:PG{Run}-daans-own-chat";
            var teamsUser = $"29:PG{Run}-daan";
            var daan = bot.Chat(Daan, teamsUser, "Daan Mulder", conversation);
            await bot.Flow(daan).Report().StartTestAsync();
            var (code, _) = BotHarness.CredentialsFrom(daan);
            Guid reportId;
            await using (var scope = bot.Services.CreateAsyncScope())
            {
                reportId = scope.ServiceProvider.GetRequiredService<PestProtocol.Bot.Persistence.PestProtocolDbContext>().Set<AnonymousReportRecord>().Single().Id;
            }

            await AnswerAsync(bot, reportId, "Dank je. Wil je met iemand praten?");
            await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
            Assert.Equal(1, await RoundAsync(bot));

            var rows = await DraftTraceTests.AllRowsAsync(connectionString);
            var notices = rows.Where(r => r.Contains("anonymous-reply-notice:dewilgen:20261124:", StringComparison.Ordinal)).ToList();
            Assert.Equal(Wilgen.Length, notices.Count);
            string[] students = [.. Wilgen, .. Kastanje, teamsUser, conversation];
            Assert.Contains(rows, r => r.Contains(reportId.ToString("D"), StringComparison.OrdinalIgnoreCase));
            foreach (var row in rows.Where(r => ReportMarkers(reportId, code).Any(m => r.Contains(m, StringComparison.OrdinalIgnoreCase))))
            {
                Assert.DoesNotContain(students, s => row.Contains(s, StringComparison.OrdinalIgnoreCase));
            }

            var wal = await DraftTraceTests.WalSinceAsync(connectionString, walStart);
            Assert.NotNull(wal);
            Assert.True(DraftTraceTests.Contains(wal, "anonymous-reply-notice:dewilgen:20261124:" + Sanne), "the WAL scan does not even see the notices: it does not see the writes");
            foreach (var value in new[] { conversation, teamsUser, "PG" + Run })
            {
                Assert.False(DraftTraceTests.Contains(wal, value), $"'{value}' found in PostgreSQL's write-ahead log");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_an_answer_no_student_gets_a_notice()
    {
        await using var bot = await StartAsync();
        await bot.Flow(bot.Chat(Daan)).Report().StartTestAsync();
        var reportId = Guid.Parse((await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single());
        var coordinator = bot.Chat(BotHarness.CoordinatorWilgen, "29:coordinator", "Jeroen Bakker", "a:coordinator-chat");
        await bot.Flow(coordinator)
            .Execute("report.take", new { verb = "report.take", reportId })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Opgepakt door Jeroen Bakker")
            .StartTestAsync();

        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(bot));
        Assert.Empty(await NoticesAsync(bot));
    }

    [Fact]
    public async Task Two_answers_at_one_location_on_one_day_give_each_student_one_notice()
    {
        await using var bot = await StartAsync();
        await bot.Flow(bot.Chat(Daan, "29:daan", "Daan", "a:daan")).Report().StartTestAsync();
        await bot.Flow(bot.Chat(Sanne, "29:sanne", "Sanne", "a:sanne")).Report(online: false).StartTestAsync();
        foreach (var id in await bot.QueryAsync("SELECT id FROM anonymous_reports"))
        {
            await AnswerAsync(bot, Guid.Parse(id), "Dank je voor je melding.");
            await AnswerAsync(bot, Guid.Parse(id), "We gaan ermee aan de slag.");
        }

        Assert.Equal(4, (await bot.QueryAsync("SELECT id FROM anonymous_reply_notice_marks")).Count);
        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 5, 0, TimeSpan.Zero));
        Assert.Equal(1, await RoundAsync(bot));
        var notices = await NoticesAsync(bot);
        Assert.Equal(Wilgen.Order(StringComparer.Ordinal), notices.Select(n => n.Recipient).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Answers_at_two_locations_reach_each_locations_students_once_and_nobody_else()
    {
        await using var bot = await StartAsync();
        await bot.Flow(bot.Chat(Daan, "29:daan", "Daan", "a:daan")).Report().StartTestAsync();
        await bot.Flow(bot.Chat(Kees, "29:kees", "Kees", "a:kees")).Report(location: "dekastanje").StartTestAsync();
        var reports = await bot.QueryAsync("SELECT id, location_id FROM anonymous_reports");
        foreach (var row in reports)
        {
            var parts = row.Split('|');
            await AnswerAsync(bot, Guid.Parse(parts[0]), "Dank je.", parts[1] == "dewilgen" ? BotHarness.CoordinatorWilgen : BotHarness.CoordinatorKastanje);
        }

        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await RoundAsync(bot));
        var notices = await NoticesAsync(bot);
        Assert.Equal(Wilgen.Concat(Kastanje).Order(StringComparer.Ordinal), notices.Select(n => n.Recipient).Order(StringComparer.Ordinal));
        Assert.All(notices.Where(n => Kastanje.Contains(n.Recipient)), n => Assert.Contains(":dekastanje:", n.Row, StringComparison.Ordinal));
        Assert.All(notices.Where(n => Wilgen.Contains(n.Recipient)), n => Assert.Contains(":dewilgen:", n.Row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_student_of_another_location_gets_nothing_when_only_one_location_was_answered()
    {
        await using var bot = await StartAsync();
        await bot.Flow(bot.Chat(Kees, "29:kees", "Kees", "a:kees")).Report(location: "dekastanje").StartTestAsync();
        await AnswerAsync(bot, Guid.Parse((await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single()), "Dank je.", BotHarness.CoordinatorKastanje);

        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await RoundAsync(bot));
        var recipients = (await NoticesAsync(bot)).Select(n => n.Recipient).ToList();
        Assert.Equal(Kastanje.Order(StringComparer.Ordinal), recipients.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Daan, recipients);
    }

    [Fact]
    public async Task Switched_off_nothing_is_marked_or_sent_and_the_student_is_told_to_look_himself()
    {
        await using var bot = await StartAsync(new() { ["AnonymousReports:ReplyNotice:Enabled"] = "false" });
        var daan = bot.Chat(Daan);
        await bot.Flow(daan).Report().StartTestAsync();
        var sent = daan.SentActivities.Select(ReceivedCard.From).OfType<ReceivedCard>().Last();
        Assert.True(sent.ContainsText("Je krijgt geen bericht als er een antwoord is"));
        Assert.False(sent.ContainsText("alle leerlingen"));

        await AnswerAsync(bot, Guid.Parse((await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single()), "Dank je.", expectNotice: false);
        Assert.Empty(await bot.QueryAsync("SELECT id FROM anonymous_reply_notice_marks"));
        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(bot));
        Assert.Empty(await NoticesAsync(bot));
    }

    [Fact]
    public async Task Switching_it_off_drops_the_marks_of_answers_not_yet_announced()
    {
        Directory.CreateDirectory(_folder);
        await using (var on = await StartAsync())
        {
            await on.Flow(on.Chat(Daan)).Report().StartTestAsync();
            await AnswerAsync(on, Guid.Parse((await on.QueryAsync("SELECT id FROM anonymous_reports")).Single()), "Dank je.");
            Assert.Single(await on.QueryAsync("SELECT id FROM anonymous_reply_notice_marks"));
        }

        // The school switches it off before 15:00 and the bot restarts: nothing is announced, then or when it is switched on again.
        await using var off = await StartAsync(new() { ["AnonymousReports:ReplyNotice:Enabled"] = "false" });
        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(off));
        Assert.Empty(await off.QueryAsync("SELECT id FROM anonymous_reply_notice_marks"));
        Assert.Empty(await NoticesAsync(off));
    }

    [Fact]
    public async Task The_notice_waits_for_the_hour_an_answer_after_it_waits_for_the_next_school_day_and_a_weekend_sends_nothing()
    {
        // Friday 27 November 2026, 10:37 in Amsterdam.
        _clock.Advance(TimeSpan.FromDays(3));
        await using var bot = await StartAsync();
        await bot.Flow(bot.Chat(Daan)).Report().StartTestAsync();
        var reportId = Guid.Parse((await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single());
        await AnswerAsync(bot, reportId, "Dank je.");

        // 14:59 in Amsterdam: not yet.
        await MoveToAsync(new DateTimeOffset(2026, 11, 27, 13, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(bot));
        Assert.Empty(await NoticesAsync(bot));

        // 15:00: the notice of Friday.
        await MoveToAsync(new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await RoundAsync(bot));
        Assert.Equal(4, (await NoticesAsync(bot)).Count);

        // An answer at 16:10 on Friday: not that day, not on Saturday or Sunday at 15:00.
        await MoveToAsync(new DateTimeOffset(2026, 11, 27, 15, 10, 0, TimeSpan.Zero));
        await AnswerAsync(bot, reportId, "Nog een vraag: wanneer gebeurt het?");
        Assert.Equal(0, await RoundAsync(bot));
        await MoveToAsync(new DateTimeOffset(2026, 11, 28, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(bot));
        await MoveToAsync(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(bot));
        Assert.Equal(4, (await NoticesAsync(bot)).Count);

        // Monday 30 November: before the hour nothing, at 15:00 one notice per student again.
        await MoveToAsync(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await RoundAsync(bot));
        await MoveToAsync(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await RoundAsync(bot));
        var monday = (await NoticesAsync(bot)).Where(n => n.Row.Contains(":20261130:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Wilgen.Order(StringComparer.Ordinal), monday.Select(n => n.Recipient).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Closing_the_report_counts_as_an_answer()
    {
        await using var bot = await StartAsync();
        await bot.Flow(bot.Chat(Daan)).Report().StartTestAsync();
        var reportId = (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single();
        var coordinator = bot.Chat(BotHarness.CoordinatorWilgen, "29:coordinator", "Jeroen Bakker", "a:coordinator-chat");
        await bot.Flow(coordinator)
            .Submit(new { verb = "report.close", reportId, reden = "Besproken met de mentor." })
            .StartTestAsync();
        Assert.Single(await bot.QueryAsync("SELECT id FROM anonymous_reply_notice_marks"));
        await MoveToAsync(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await RoundAsync(bot));
        Assert.Equal(4, (await NoticesAsync(bot)).Count);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(null, false)]
    public async Task Only_in_development_with_the_setting_a_students_chat_is_kept_in_memory_and_never_in_the_database(string? setting, bool kept)
    {
        await using var bot = await StartAsync(new() { [DevelopmentStudentChats.Setting] = setting });
        await bot.Flow(bot.Chat(Sanne, "29:sanne-dev", "Sanne", "a:sanne-dev-chat")).Send("help").AssertReply(_ => { }, "help").StartTestAsync();

        await using var scope = bot.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<PestProtocol.Bot.Persistence.IConversationReferenceStore>().FindAsync(Sanne, default);
        Assert.Equal(kept, found?.Conversation?.Id == "a:sanne-dev-chat");
        Assert.Empty(await bot.QueryAsync("SELECT * FROM conversation_references"));
    }

    [Fact]
    public void With_a_microsoft_app_id_no_students_chat_is_kept_whatever_the_setting() =>
        Assert.False(DevelopmentStudentChats.IsOnFor(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
            [DevelopmentStudentChats.Setting] = "true",
        }).Build()));

    [Fact]
    public void Outside_the_chat_the_preview_the_feed_and_the_mail_say_the_same_to_everyone_and_nothing_of_a_report()
    {
        var message = OutboxMessage.Create(ReplyNoticePayload.Kind, ReplyNoticePayload.DedupKey("dewilgen", new DateOnly(2026, 11, 24), Daan), new ReplyNoticePayload("dewilgen", "2026-11-24"), Daan, _clock.GetUtcNow());

        Assert.Equal("Er is een antwoord op een anonieme melding op jouw school", DeliveryTexts.SummaryFor(message.Kind));
        Assert.Equal(DeliveryTexts.ReplyNoticeSummary, DeliveryTexts.MailSubjectFor(message.Kind));
        var body = DeliveryTexts.MailBodyFor(message.Kind, "https://teams.example/app");
        Assert.Contains("typ 'status'", body, StringComparison.Ordinal);
        Assert.Contains("Heb je niets gemeld? Dan hoef je niets te doen.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("melding voor je", body, StringComparison.Ordinal);
        var feed = DeliveryTexts.FeedNotice(message, "https://teams.example/app");
        Assert.Equal(DeliveryTexts.ReplyNoticeSummary + ".", feed.PreviewText);
        Assert.Empty(feed.TemplateParameters);
    }

    [Fact]
    public async Task A_directory_that_knows_only_classes_lists_every_student_of_a_location_once_without_staff_or_an_ambiguous_class()
    {
        IDirectory directory = new ClassesOnlyDirectory();

        var students = await directory.GetLocationStudentsAsync("dewilgen", default);

        Assert.Equal(["s1", "s2", "s3"], students.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> ReportMarkers(Guid reportId, string code) =>
        [reportId.ToString("D"), reportId.ToString("N"), code, code.Replace("-", "", StringComparison.Ordinal)];

    private static void AssertNoReportMarker(string row, Guid reportId, string code)
    {
        foreach (var marker in ReportMarkers(reportId, code))
        {
            Assert.DoesNotContain(marker, row, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<BotHarness> StartAsync(Dictionary<string, string?>? extra = null)
    {
        Directory.CreateDirectory(_folder);
        var settings = new Dictionary<string, string?>();
        var people = new (string Id, string Name, string Location, string? Class)[]
        {
            (Sanne, "Sanne de Boer", "dewilgen", "2b"),
            (Lars, "Lars Visser", "dewilgen", "3a"),
            (Noor, "Noor Amrani", "dewilgen", null),
            (Kees, "Kees Smit", "dekastanje", "1c"),
            (Lotte, "Lotte Bos", "dekastanje", "1c"),
        };
        for (var i = 0; i < people.Length; i++)
        {
            var n = 5 + i;
            settings[$"Directory:People:{n}:Id"] = people[i].Id;
            settings[$"Directory:People:{n}:Name"] = people[i].Name;
            settings[$"Directory:People:{n}:Kind"] = "Student";
            settings[$"Directory:People:{n}:Location"] = people[i].Location;
            settings[$"Directory:People:{n}:Class"] = people[i].Class;
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await BotHarness.StartAsync(DatabasePath, _clock, overrides: settings);
    }

    private static async Task AnswerAsync(BotHarness bot, Guid reportId, string text, string coordinatorId = BotHarness.CoordinatorWilgen, bool expectNotice = true)
    {
        var coordinator = bot.Chat(coordinatorId, "29:coordinator-" + coordinatorId[^3..], "Coördinator", "a:coordinator-chat-" + coordinatorId[^3..]);
        await bot.Flow(coordinator)
            .Execute("report.reply", new { verb = "report.reply", reportId = reportId.ToString(), antwoord = text })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Je antwoord is verstuurd")
            .AssertInvokeResponse(r =>
            {
                var card = BotHarness.CardOf(r).ToJsonString();
                Assert.Equal(expectNotice, card.Contains("alle leerlingen van de locatie een korte melding", StringComparison.Ordinal));
            })
            .StartTestAsync();
    }

    private Task MoveToAsync(DateTimeOffset moment)
    {
        Assert.True(moment > _clock.GetUtcNow(), "the test moves the clock forward only");
        _clock.Advance(moment - _clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private static Task<int> RoundAsync(BotHarness bot) => bot.Services.GetRequiredService<ReplyNoticeRound>().RunOnceAsync(default);

    /// <summary>The notice rows: recipient and the whole row (every column but the random id).</summary>
    private static async Task<List<(string Recipient, string Row)>> NoticesAsync(BotHarness bot) =>
        [.. (await bot.QueryAsync(
                "SELECT recipient_id, created_at, kind, dedup_key, payload, status, attempts, next_attempt_at, lease_owner, lease_until, last_error_code, sent_at FROM outbox_messages WHERE kind = 'anonymous-reply-notice'"))
            .Select(r => (r.Split('|')[0], r))];

    private static async Task<List<string>> AllRowsAsync(BotHarness bot)
    {
        var rows = new List<string>();
        foreach (var table in await bot.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        {
            rows.AddRange((await bot.QueryAsync($"SELECT * FROM \"{table}\"")).Select(r => table + ": " + r));
        }

        return rows;
    }

    private Dictionary<string, byte[]> ReadDatabaseFiles()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(_folder))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[Path.GetFileName(path)] = copy.ToArray();
        }

        return files;
    }

    private static bool Contains(byte[] haystack, string value) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0;

    /// <summary>A directory like Graph's: it knows a location's classes and each class's members, no list of all students.</summary>
    private sealed class ClassesOnlyDirectory : IDirectory
    {
        private static DirectoryPerson Student(string id, string className) => new(id, id, PersonKind.Student, "dewilgen", className, []);

        public Task<IReadOnlyList<DirectoryClass>> GetLocationClassesAsync(string locationId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DirectoryClass>>(locationId == "dewilgen" ? [new("dewilgen", "1a", null), new("dewilgen", "2b", null), new("dewilgen", "3c", null)] : []);

        public Task<IReadOnlyList<DirectoryPerson>> GetClassStudentsAsync(string locationId, string className, CancellationToken cancellationToken) => className switch
        {
            "1a" => Task.FromResult<IReadOnlyList<DirectoryPerson>>([Student("s1", "1a"), Student("s2", "1a"), new("t1", "Docent", PersonKind.Staff, "dewilgen", null, [])]),
            "2b" => Task.FromResult<IReadOnlyList<DirectoryPerson>>([Student("s2", "2b"), Student("s3", "2b")]),
            _ => throw new AmbiguousClassException(locationId, className),
        };

        public Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken) => Task.FromResult<DirectoryPerson?>(null);

        public Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DirectoryPerson>>([]);

        public Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DirectoryPerson>>([]);

        public Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken) => Task.FromResult<DirectoryPerson?>(null);

        public Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SchoolLocation>>([new("dewilgen", "De Wilgen")]);
    }
}
