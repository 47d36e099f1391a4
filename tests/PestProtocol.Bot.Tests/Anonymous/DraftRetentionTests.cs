using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>A student who starts a report and walks away: the draft is deleted after the retention time, and nothing else.</summary>
public sealed class DraftRetentionTests : IDisposable
{
    private const string AbandonedStory = "Op het fietsenhok schoppen ze tegen mijn tas, vooral Kwintijn Zwaluwstaart.";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-draft-" + Guid.NewGuid().ToString("N"));
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
    public async Task An_abandoned_draft_is_deleted_after_the_retention_time_and_the_student_who_comes_back_is_told_kindly()
    {
        const string aad = "f00dfeed-7e57-4e57-a000-walkaway";
        const string from = "29:QQ-walked-away-sender";
        const string name = "Quirijn Weggelopen";
        const string conversation = "a:QQ-walked-away-conversation";
        string[] identifying = [aad, from, name, conversation, "QQ-walked", "Weggelopen", "walkaway", AbandonedStory, "Zwaluwstaart"];

        var logs = new CapturedLogs();
        await using (var bot = await BotHarness.StartAsync(DatabasePath, _clock, logs))
        {
            var retention = bot.Services.GetRequiredService<AbandonedDraftRetention>();
            Assert.Contains(bot.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, retention));

            // A student starts, tells what happened, and walks away at the second question.
            var student = bot.Chat(aad, from, name, conversation);
            await bot.Flow(student)
                .Send("anoniem melden")
                .AssertCardContains("Wat is er gebeurd?")
                .ClickButton("Volgende", new { wat = AbandonedStory })
                .AssertCardContains("Gaat het over jou of over iemand anders?")
                .StartTestAsync();

            // A mentor is half-way a staff dialog; another student finishes a report.
            await bot.Flow(bot.Chat(BotHarness.Mentor, "29:mentor", "Anouk de Vries", "a:mentor-chat")).Send("melding").StartTestAsync();
            await bot.Flow(bot.Chat("unknown-finisher", "29:finisher", "Iemand", "a:finisher-chat")).Report(online: false).StartTestAsync();
            // The unsent draft never reaches the database (it waits in memory, sealed); the staff dialog does.
            var stateBefore = await bot.QueryAsync("SELECT key FROM bot_state ORDER BY key");
            Assert.DoesNotContain(stateBefore, k => k.EndsWith(conversation, StringComparison.Ordinal));
            Assert.Contains(stateBefore, k => k.EndsWith("a:mentor-chat", StringComparison.Ordinal));
            Assert.Equal(1, bot.Services.GetRequiredService<PestProtocol.Bot.Features.AnonymousReports.Drafts.DraftKeepingStorage>().OpenDrafts);

            // Within the retention time nothing goes.
            _clock.Advance(TimeSpan.FromHours(3));
            Assert.Equal(0, await retention.SweepAsync(CancellationToken.None));

            // After it, only the student's draft goes: the staff dialog and the finished report stay.
            _clock.Advance(TimeSpan.FromHours(1.5));
            Assert.Equal(1, await retention.SweepAsync(CancellationToken.None));
            Assert.Equal(0, bot.Services.GetRequiredService<PestProtocol.Bot.Features.AnonymousReports.Drafts.DraftKeepingStorage>().OpenDrafts);
            var stateAfter = await bot.QueryAsync("SELECT key FROM bot_state ORDER BY key");
            Assert.DoesNotContain(stateAfter, k => k.EndsWith(conversation, StringComparison.Ordinal));
            Assert.Contains(stateAfter, k => k.EndsWith("a:mentor-chat", StringComparison.Ordinal));
            Assert.Single(await bot.QueryAsync("SELECT id FROM anonymous_reports"));

            // The student comes back and answers the old card: a kind word, no error, and nothing is stored again.
            await bot.Flow(student)
                .ClickButton("Over mij")
                .AssertReply(AbandonedDraftNotice.Text)
                .StartTestAsync();
            Assert.Equal(stateAfter, await bot.QueryAsync("SELECT key FROM bot_state ORDER BY key"));
            Assert.Empty(await bot.QueryAsync("SELECT id FROM anonymous_reports WHERE what_happened LIKE '%fietsenhok%'"));
            Assert.DoesNotContain(logs.Lines, l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));

            // Starting again works as ever.
            await bot.Flow(student).Report(online: false).StartTestAsync();
        }

        // The anonymity scan: the database file and its WAL hold nothing of the abandoned draft or its sender.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var files = Directory.GetFiles(_folder).Select(File.ReadAllBytes).ToList();
        Assert.Contains(files, bytes => Contains(bytes, Encoding.UTF8.GetBytes("klassenapp")) || Contains(bytes, Encoding.UTF8.GetBytes("In de pauze")));
        foreach (var value in identifying)
        {
            foreach (var bytes in files)
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(value)), $"'{value}' found in the database files");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(value)), $"'{value}' (UTF-16) found in the database files");
            }

            Assert.DoesNotContain(logs.Lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_late_answer_to_a_card_of_a_report_that_was_already_sent_gets_the_same_kind_word()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        var student = bot.Chat("unknown-double-clicker");
        await bot.Flow(student).Report(online: false)
            .ClickButton("Versturen", cardsBack: 1)
            .AssertReply(AbandonedDraftNotice.Text)
            .StartTestAsync();
        Assert.Single(await bot.QueryAsync("SELECT id FROM anonymous_reports"));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
