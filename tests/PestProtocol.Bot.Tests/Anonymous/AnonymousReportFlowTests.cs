using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;
using Microsoft.EntityFrameworkCore;

namespace PestProtocol.Bot.Tests.Anonymous;

public sealed class AnonymousReportFlowTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-anon-" + Guid.NewGuid().ToString("N"));
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
    public async Task A_student_reports_online_bullying_gets_the_tips_a_code_and_an_honest_promise_and_only_the_chosen_locations_coordinator_is_alerted()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("e2e0c000-0000-4000-a000-000000000006");
        await bot.Flow(student).Report().StartTestAsync();

        var sent = student.SentActivities.Select(ReceivedCard.From).OfType<ReceivedCard>().Last();
        Assert.True(sent.ContainsText("binnen twee schooldagen"));
        Assert.True(sent.ContainsText("Kindertelefoon"));
        var (code, passphrase) = BotHarness.CredentialsFrom(student);
        Assert.Matches("^[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}$", code);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", passphrase);
        Assert.True(sent.ContainsText("status " + code));

        var outbox = await bot.QueryAsync("SELECT kind, recipient_id, created_at FROM outbox_messages");
        var alert = Assert.Single(outbox);
        Assert.StartsWith($"anonymous-report-alert|{BotHarness.CoordinatorWilgen}|", alert);

        var reports = await bot.QueryAsync("SELECT what_happened, place, platform, is_digital, received_at, location_id FROM anonymous_reports");
        var row = Assert.Single(reports);
        Assert.Equal($"{ReportScript.Story}|online|whatsapp|1|{new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero).UtcTicks}|dewilgen", row);

        // The flow left nothing in conversation state: the document is gone.
        Assert.Empty(await bot.QueryAsync("SELECT key FROM bot_state WHERE key LIKE '%conversations%'"));
    }

    [Fact]
    public async Task A_report_that_tells_nothing_is_answered_kindly_and_not_sent()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-student-1");
        await bot.Flow(student)
            .Send("anoniem")
            .AssertCardContains("Wat is er gebeurd?")
            .ClickButton("Volgende", new { wat = "aaaaaaaaaaaa" })
            .AssertReplyContains("Ik begrijp nog niet goed wat er is gebeurd")
            .ClickButton("Volgende", new { wat = "!!! ??? ..." })
            .AssertReplyContains("Kun je het in een paar woorden vertellen")
            .StartTestAsync();
        Assert.Empty(await bot.QueryAsync("SELECT id FROM anonymous_reports"));
        Assert.Empty(await bot.QueryAsync("SELECT id FROM outbox_messages"));
    }

    [Fact]
    public async Task Stoppen_on_the_summary_sends_nothing_and_leaves_no_state()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-student-2");
        await bot.Flow(student)
            .Send("melden")
            .ClickButton("Volgende", new { wat = ReportScript.Story })
            .ClickButton("Over iemand anders")
            .ClickButton("Volgende", new { waar = "kantine" })
            .ClickButton("Volgende", new { sinds = "deze-week" })
            .ClickButton("Volgende", new { hoevaak = "soms" })
            .ClickButton("Volgende", new { wiedoethet = "", bijwie = "" })
            .ClickButton("Volgende", new { locatie = "dekastanje" })
            .ClickButton("Stoppen")
            .StartTestAsync();
        Assert.Contains(student.SentActivities, a => a.Text?.Contains("niet verstuurd", StringComparison.Ordinal) == true);
        Assert.Empty(await bot.QueryAsync("SELECT id FROM anonymous_reports"));
        Assert.Empty(await bot.QueryAsync("SELECT key FROM bot_state WHERE key LIKE '%conversations%'"));
    }

    [Fact]
    public async Task A_sender_can_send_three_reports_a_day_then_is_told_kindly_to_wait()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-student-3");
        await bot.Flow(student).Report(online: false).Report(online: false).Report(online: false)
            .Send("anoniem melden")
            .AssertReplyContains("Je hebt vandaag al een paar meldingen gestuurd")
            .StartTestAsync();
        Assert.Equal(3, (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Count);

        // Another student is not affected; and tomorrow the first may report again.
        await bot.Flow(bot.Chat("unknown-student-4")).Report(online: false).StartTestAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        await bot.Flow(student).Report(online: false).StartTestAsync();
        Assert.Equal(5, (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Count);
    }

    [Fact]
    public async Task The_anonymity_guarantee_nothing_of_the_senders_identity_is_stored_or_logged()
    {
        const string aad = "f00dfeed-7e57-4e57-a000-distinct";
        const string from = "29:ZZ-distinctive-sender";
        const string name = "Zacharias Onvindbaar";
        const string conversation = "a:ZZ-distinctive-conversation";
        const string tenant = "tenant-ZZ-distinctive-7731";
        string[] identifying = [aad, from, name, conversation, tenant, "ZZ-distinctive", "Onvindbaar", "distinct"];

        var logs = new CapturedLogs();
        string code;
        await using (var bot = await BotHarness.StartAsync(DatabasePath, _clock, logs))
        {
            var student = bot.Chat(aad, from, name, conversation, tenant);
            await bot.Flow(student).Report().StartTestAsync();
            (code, var passphrase) = BotHarness.CredentialsFrom(student);

            // The follow-up turns too.
            await bot.Flow(student)
                .Send("status " + code)
                .AssertCardContains("Wachtwoord")
                .ClickButton("Bekijken", new { wachtwoord = passphrase })
                .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", ReportScript.Story)
                .StartTestAsync();

            // Every stored document: bot state and outbox payloads.
            var documents = await bot.QueryAsync("SELECT key || document FROM bot_state");
            documents.AddRange(await bot.QueryAsync("SELECT payload || coalesce(recipient_id,'') || dedup_key FROM outbox_messages"));
            documents.AddRange(await bot.QueryAsync("SELECT * FROM anonymous_reports"));
            foreach (var value in identifying)
            {
                Assert.DoesNotContain(documents, d => d.Contains(value, StringComparison.OrdinalIgnoreCase));
            }
        }

        // The database file itself, byte for byte, after a checkpoint, with its WAL.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var files = Directory.GetFiles(_folder).Select(File.ReadAllBytes).ToList();
        Assert.Contains(files, bytes => Contains(bytes, Encoding.UTF8.GetBytes("klassenapp")));
        foreach (var value in identifying)
        {
            foreach (var bytes in files)
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(value)), $"'{value}' found in the database files");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(value)), $"'{value}' (UTF-16) found in the database files");
            }
        }

        Assert.NotEmpty(logs.Lines);
        foreach (var value in identifying)
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task The_coordinator_answers_anonymously_the_student_reads_it_with_status_and_answers_and_the_coordinator_sees_the_answer()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-student-5");
        await bot.Flow(student).Report().StartTestAsync();
        var (code, passphrase) = BotHarness.CredentialsFrom(student);
        var reportId = (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single();

        var coordinator = bot.Chat(BotHarness.CoordinatorWilgen, "29:coordinator", "Jeroen Bakker", "a:coordinator-chat");
        await bot.Flow(coordinator)
            .Execute("report.take", new { verb = "report.take", reportId })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Opgepakt door Jeroen Bakker")
            .Execute("report.reply", new { verb = "report.reply", reportId, antwoord = "Dank je voor je melding. Wil je vertellen in welke klas dit gebeurt?" })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Je antwoord is verstuurd")
            .StartTestAsync();

        string? session = null;
        await bot.Flow(student)
            .Send("status " + code.ToLowerInvariant())
            .AssertCardContains("Wachtwoord")
            .ClickButton("Bekijken", new { wachtwoord = passphrase.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Wil je vertellen in welke klas")
            .AssertInvokeResponse(r =>
            {
                var card = BotHarness.CardOf(r).ToJsonString();
                Assert.Contains("De anti-pestco", card, StringComparison.Ordinal);
                Assert.DoesNotContain("Jeroen", card, StringComparison.Ordinal);
                session = JsonNode.Parse(card)!["actions"]![0]!["data"]!["sessie"]!.GetValue<string>();
            })
            .StartTestAsync();

        await bot.Flow(student)
            .Execute("anon.reply", new { verb = "anon.reply", sessie = session, bericht = "Het gebeurt vooral in 2b tijdens gym." })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Je bericht is verstuurd naar de school")
            .AssertInvokeResponse(r => Assert.Contains("Jij", BotHarness.CardOf(r).ToJsonString(), StringComparison.Ordinal))
            .StartTestAsync();

        await bot.Flow(coordinator)
            .Execute("report.refresh", new { verb = "report.refresh", reportId })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Het gebeurt vooral in 2b tijdens gym.")
            .StartTestAsync();

        // Each change of the coordinator's asks the dispatcher to update the posted copies of the card; the student's
        // answer posts the card anew, so the coordinator notices it.
        var kinds = await bot.QueryAsync("SELECT kind, payload FROM outbox_messages ORDER BY created_at, rowid");
        Assert.Equal(["anonymous-report-alert", "anonymous-report-update", "anonymous-report-update", "anonymous-report-alert"], kinds.Select(k => k.Split('|')[0]));
        Assert.Single(kinds, k => k.Contains("\"studentAnswered\":true", StringComparison.Ordinal));
        var renderer = bot.Services.GetServices<IAlertCardRenderer>().Single(r => r.Kind == AnonymousReportKinds.Alert);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var answered = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().OutboxMessages
                .SingleAsync(m => m.DedupKey.Contains(":answer-"));
            var card = (await renderer.RenderAsync(answered, default))!.ToJson();
            Assert.Contains(AnonymousReportCardRenderer.StudentAnsweredNotice, card, StringComparison.Ordinal);
            Assert.Contains("Het gebeurt vooral in 2b tijdens gym.", card, StringComparison.Ordinal);
        }

        // The Action.Submit fallback reaches the same handler.
        await bot.Flow(coordinator)
            .Submit(new { verb = "report.close", reportId, reden = "Besproken met de mentor van 2b." })
            .AssertCardContains("Gesloten: Besproken met de mentor van 2b.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Only_a_coordinator_of_the_reports_location_may_act_on_it_and_Maak_melding_opens_step_1_without_identity()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        await bot.Flow(bot.Chat("unknown-student-6")).Report().StartTestAsync();
        var reportId = (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single();

        foreach (var outsider in new[] { BotHarness.CoordinatorKastanje, BotHarness.Mentor, "unknown-student-6" })
        {
            await bot.Flow(bot.Chat(outsider))
                .Execute("report.reply", new { verb = "report.reply", reportId, antwoord = "Hallo" })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", "Alleen de anti-pestcoördinator van deze locatie")
                .StartTestAsync();
        }

        Assert.Empty(await bot.QueryAsync("SELECT id FROM anonymous_report_messages"));

        await bot.Flow(bot.Chat(BotHarness.CoordinatorWilgen))
            .Execute("report.case", new { verb = "report.case", reportId })
            .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", "Melding (stap 1)")
            .StartTestAsync();
        var cases = await bot.QueryAsync("SELECT student_ref, class_name, trigger, current_step FROM cases");
        Assert.Equal($"anonymous-report:{Guid.Parse(reportId):N}|onbekend (anonieme melding)|AnonymousStudentReport|Step1Suspicion", Assert.Single(cases));
        Assert.NotEmpty(await bot.QueryAsync("SELECT case_id FROM anonymous_reports WHERE case_id IS NOT NULL"));
    }

    [Fact]
    public async Task Wrong_passphrases_lock_the_code_after_five_tries_even_for_the_right_one_and_a_restart_does_not_reset_it_and_unknown_codes_look_the_same()
    {
        string code;
        string passphrase;
        await using (var bot = await BotHarness.StartAsync(DatabasePath, _clock))
        {
            var student = bot.Chat("unknown-student-7");
            await bot.Flow(student).Report(online: false).StartTestAsync();
            (code, passphrase) = BotHarness.CredentialsFrom(student);

            var attacker = bot.Chat("unknown-attacker");
            for (var i = 0; i < 5; i++)
            {
                await bot.Flow(attacker)
                    .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = "AAAA-BBBB-CCCC" })
                    .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.WrongText)
                    .Execute("anon.unlock", new { verb = "anon.unlock", code = "ZZZ-ZZZ", wachtwoord = "AAAA-BBBB-CCCC" })
                    .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.WrongText)
                    .StartTestAsync();
            }

            await bot.Flow(attacker)
                .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = "AAAA-BBBB-CCCC" })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.LockedText)
                .Execute("anon.unlock", new { verb = "anon.unlock", code = "ZZZ-ZZZ", wachtwoord = "AAAA-BBBB-CCCC" })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.LockedText)
                .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = passphrase })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.LockedText)
                .StartTestAsync();
        }

        await using (var restarted = await BotHarness.StartAsync(DatabasePath, _clock))
        {
            await restarted.Flow(restarted.Chat("unknown-student-7"))
                .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = passphrase })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.LockedText)
                .StartTestAsync();

            _clock.Advance(TimeSpan.FromHours(2));
            await restarted.Flow(restarted.Chat("unknown-student-7"))
                .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = passphrase })
                .AssertInvokeResponse(200, "application/vnd.microsoft.card.adaptive", ReportScript.Story)
                .StartTestAsync();
        }
    }

    [Fact]
    public async Task A_blank_passphrase_is_answered_as_a_wrong_one_and_counts_toward_the_lock()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-student-blank");
        await bot.Flow(student).Report(online: false).StartTestAsync();
        var (code, passphrase) = BotHarness.CredentialsFrom(student);

        var someone = bot.Chat("unknown-blank-typist");
        foreach (var blank in new[] { " ", "", "   ", "\t", " - " })
        {
            await bot.Flow(someone)
                .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = blank })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.WrongText)
                .StartTestAsync();
        }

        await bot.Flow(someone)
            .Execute("anon.unlock", new { verb = "anon.unlock", code, wachtwoord = passphrase })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", StudentReportActionHandler.LockedText)
            .StartTestAsync();
    }

    [Fact]
    public async Task Every_card_of_the_module_passes_both_validators()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-student-8");
        await bot.Flow(student).Report().Send("status").StartTestAsync();
        var cards = student.SentActivities.SelectMany(a => a.Attachments ?? []).Where(a => a.ContentType == Attachment.AdaptiveCardContentType)
            .Select(a => JsonSerializer.Serialize(a.Content, BotJson.Options)).ToList();

        var reportId = Guid.Parse((await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single());
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            var service = scope.ServiceProvider.GetRequiredService<AnonymousReportService>();
            var report = await db.Set<AnonymousReportRecord>().SingleAsync();
            await service.AddMessageAsync(report, ReportMessageAuthor.School, BotHarness.CoordinatorWilgen, "Dank je, we gaan ermee aan de slag.", default);
            await service.AddMessageAsync(report, ReportMessageAuthor.Student, null, "Fijn, dank je.", default);
            var thread = (await service.GetThreadAsync(reportId, default))!;
            cards.Add(StudentCards.Thread(thread, "session-token", "Je bericht is verstuurd naar de school.").ToJson());
            cards.Add(StudentCards.Unlock("K7M-4QX").ToJson());
            cards.Add(CoordinatorCards.Report(thread, "Jeroen Bakker", "2026-0001", "Je hebt deze melding opgepakt.").ToJson());
            report.Status = AnonymousReportStatus.Closed;
            report.CloseReason = "Afgehandeld.";
            cards.Add(CoordinatorCards.Report(thread, null, null).ToJson());
            cards.Add(StudentCards.Thread(thread, "session-token").ToJson());
        }

        var renderer = bot.Services.GetServices<IAlertCardRenderer>().Single(r => r.Kind == AnonymousReportKinds.Alert);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var message = await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().OutboxMessages.FirstAsync(m => m.Kind == AnonymousReportKinds.Alert);
            var rendered = await renderer.RenderAsync(message, default);
            Assert.NotNull(rendered);
            var json = rendered.ToJson();
            Assert.Contains("Ik pak dit op", json, StringComparison.Ordinal);
            Assert.Contains("report.take", json, StringComparison.Ordinal);
            cards.Add(json);
        }

        Assert.True(cards.Count >= 15, $"only {cards.Count} cards");
        foreach (var card in cards)
        {
            Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        }

        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync(cards));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
