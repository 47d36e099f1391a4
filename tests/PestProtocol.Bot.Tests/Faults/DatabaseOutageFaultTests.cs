using Microsoft.Data.Sqlite;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Tests.Anonymous;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Faults;

/// <summary>
/// Fault suite, the database side (issue 16): the database is unavailable for a few seconds (another process holds it
/// locked) exactly when a student sends an anonymous report. The student gets the polite answer, nothing is half-written
/// (no report, no alert), and once the database is back the same button sends the report, once.
/// </summary>
public sealed class DatabaseOutageFaultTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-dbfault-" + Guid.NewGuid().ToString("N"));
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 11, 15, 0, TimeSpan.Zero));

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
    public async Task A_locked_database_when_the_report_is_sent_gets_a_polite_answer_writes_nothing_and_the_same_button_works_afterwards()
    {
        Directory.CreateDirectory(_folder);
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock, overrides: new Dictionary<string, string?>
        {
            // A short busy wait, so that "unavailable for a few seconds" is longer than the bot waits.
            ["ConnectionStrings:PestProtocol"] = $"Data Source={DatabasePath};Default Timeout=1",
        });
        var student = bot.Chat("unknown-db-fault", "29:db-fault", "Iemand", "a:db-fault-chat");
        await bot.Flow(student)
            .Send("anoniem melden")
            .AssertCardContains("Wat is er gebeurd?")
            .ClickButton("Volgende", new { wat = ReportScript.Story })
            .AssertCardContains("Gaat het over jou of over iemand anders?")
            .ClickButton("Over mij")
            .AssertCardContains("Waar gebeurt het?")
            .ClickButton("Volgende", new { waar = "schoolplein" })
            .AssertCardContains("Sinds wanneer gebeurt het?")
            .ClickButton("Volgende", new { sinds = "paar-weken" })
            .AssertCardContains("Hoe vaak gebeurt het?")
            .ClickButton("Volgende", new { hoevaak = "vaak" })
            .AssertCardContains("Je hoeft geen namen te noemen")
            .ClickButton("Volgende", new { wiedoethet = "", bijwie = "" })
            .AssertCardContains("Op welke locatie zit je?")
            .ClickButton("Volgende", new { locatie = "dewilgen" })
            .AssertCardContains("Klopt dit?")
            .StartTestAsync();

        // Another process takes the database for a few seconds.
        await using (var locker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            await bot.Flow(student)
                .ClickButton("Versturen")
                .AssertReply(TurnErrorMiddleware.FriendlyMessage)
                .StartTestAsync();

            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Empty(await bot.QueryAsync("SELECT id FROM anonymous_reports"));
        Assert.Empty(await bot.QueryAsync("SELECT id FROM outbox_messages"));

        // The database is back: the same card, the same button.
        await bot.Flow(student)
            .ClickButton("Versturen")
            .AssertCardContains("Je melding is verstuurd")
            .StartTestAsync();
        Assert.Single(await bot.QueryAsync("SELECT id FROM anonymous_reports"));
        var alerts = await bot.QueryAsync("SELECT id FROM outbox_messages");
        Assert.NotEmpty(alerts);
        Assert.Equal(alerts.Count, alerts.Distinct().Count());
    }
}
