using Microsoft.Data.Sqlite;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>Someone who changes a card's data, or is not the location's coordinator, is refused clearly and changes nothing.</summary>
public sealed class ReportTamperingTests : IDisposable
{
    private const string Refusal = "Alleen de anti-pestcoördinator van deze locatie kan deze melding behandelen.";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-tamper-" + Guid.NewGuid().ToString("N"));
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

    public static TheoryData<string> Verbs() => new()
    {
        CoordinatorCards.TakeVerb, CoordinatorCards.ReplyVerb, CoordinatorCards.CaseVerb, CoordinatorCards.CloseVerb, CoordinatorCards.RefreshVerb,
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Outsiders_and_tampered_report_ids_are_refused_and_nothing_changes(string verb)
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        await bot.Flow(bot.Chat("unknown-student-t1")).Report().StartTestAsync();
        var reportId = (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single();
        var before = await SnapshotAsync(bot);

        // Staff of the location without the role, the other location's coordinator, the student, someone unknown.
        foreach (var outsider in new[] { BotHarness.Mentor, BotHarness.CoordinatorKastanje, "e2e0c000-0000-4000-a000-000000000006", "someone-unknown" })
        {
            await bot.Flow(bot.Chat(outsider))
                .Execute(verb, new { verb, reportId, antwoord = "Hallo", reden = "Klaar" })
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", Refusal)
                .Submit(new { verb, reportId, antwoord = "Hallo", reden = "Klaar" })
                .AssertReply(Refusal)
                .StartTestAsync();
        }

        // The real coordinator, with a report id that was changed, missing or not a report.
        var coordinator = bot.Chat(BotHarness.CoordinatorWilgen, "29:coordinator", "Jeroen Bakker", "a:coordinator-chat");
        foreach (object data in new object[] { new { verb, reportId = Guid.NewGuid().ToString("D"), reden = "Klaar" }, new { verb }, new { verb, reportId = "1 OR 1=1" }, new { verb, reportId = 42 } })
        {
            await bot.Flow(coordinator)
                .Execute(verb, data)
                .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", Refusal)
                .StartTestAsync();
        }

        Assert.Equal(before, await SnapshotAsync(bot));
    }

    [Fact]
    public async Task A_coordinator_button_with_a_changed_verb_does_only_what_that_verb_allows_and_needs_its_own_input()
    {
        await using var bot = await BotHarness.StartAsync(DatabasePath, _clock);
        await bot.Flow(bot.Chat("unknown-student-t2")).Report().StartTestAsync();
        var reportId = (await bot.QueryAsync("SELECT id FROM anonymous_reports")).Single();
        var before = await SnapshotAsync(bot);
        var coordinator = bot.Chat(BotHarness.CoordinatorWilgen, "29:coordinator", "Jeroen Bakker", "a:coordinator-chat");

        // "Ik pak dit op" changed into "sluiten" or "reageer": without their own input nothing happens.
        await bot.Flow(coordinator)
            .Execute(CoordinatorCards.CloseVerb, new { verb = CoordinatorCards.CloseVerb, reportId })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", "Geef een reden")
            .Execute(CoordinatorCards.ReplyVerb, new { verb = CoordinatorCards.ReplyVerb, reportId, antwoord = "   " })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", "Schrijf een antwoord")
            .Execute(CoordinatorCards.ReplyVerb, new { verb = CoordinatorCards.ReplyVerb, reportId, antwoord = new string('x', ReportLimits.Message + 1) })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", "Schrijf een antwoord")
            .StartTestAsync();
        Assert.Equal(before, await SnapshotAsync(bot));

        // A student who puts a coordinator's verb on their own card, or changes the session, gets nothing of the report.
        var student = bot.Chat("unknown-student-t2");
        await bot.Flow(student)
            .Execute(CoordinatorCards.ReplyVerb, new { verb = CoordinatorCards.ReplyVerb, reportId, antwoord = "Ik ben de school" })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", Refusal)
            .Execute(StudentCards.ReplyVerb, new { verb = StudentCards.ReplyVerb, sessie = "made-up-session", bericht = "Hallo" })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", "Deze kaart is verlopen")
            .Execute(StudentCards.ReplyVerb, new { verb = StudentCards.ReplyVerb, sessie = reportId, bericht = "Hallo" })
            .AssertInvokeResponse(200, "application/vnd.microsoft.activity.message", "Deze kaart is verlopen")
            .StartTestAsync();
        Assert.Equal(before, await SnapshotAsync(bot));
    }

    /// <summary>Everything an action could change: the report, its thread, the outbox, cases.</summary>
    private static async Task<string> SnapshotAsync(BotHarness bot)
    {
        var rows = await bot.QueryAsync("SELECT status, coalesce(taken_by_staff_id,''), coalesce(case_id,''), coalesce(close_reason,''), version FROM anonymous_reports");
        rows.AddRange(await bot.QueryAsync("SELECT text FROM anonymous_report_messages"));
        rows.AddRange(await bot.QueryAsync("SELECT kind || dedup_key FROM outbox_messages ORDER BY dedup_key"));
        rows.AddRange(await bot.QueryAsync("SELECT id FROM cases"));
        return string.Join("\n", rows);
    }
}
