using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Tests.FollowUps;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// Issue 14, the second half: a mentor starts the thermometer for her class, every student of the class gets one
/// invitation, one reminder goes out before closing without anyone learning who answered, and on the day after the
/// closing day the survey closes (key gone) and the mentor and the coordinator get the results with the chart link.
/// The development directory: Anouk de Vries mentor of 1a, 2b and 3c; Jeroen Bakker coordinator; 2b has 7 students.
/// </summary>
public abstract class ThermometerStartContract<TDatabase>(TDatabase database)
    where TDatabase : TestDatabase
{
    private const string Daan = "e2e0c000-0000-4000-a000-000000000006";
    private const string Fatima = "e2e0c000-0000-4000-a000-000000000003";

    private static readonly string[] Class2b =
    [
        Daan, FollowUpWorld.Sanne, FollowUpWorld.Lars,
        "e2e0e000-0000-4000-a000-000000000106", "e2e0e000-0000-4000-a000-000000000107",
        "e2e0e000-0000-4000-a000-000000000108", "e2e0e000-0000-4000-a000-000000000109",
    ];

    private async Task<FollowUpWorld> WorldAsync() =>
        await FollowUpWorld.StartAsync(database.Provider, await database.CreateEmptyDatabaseAsync(), settings: [new("Thermometer:RoundEnabled", "false")]);

    private static JsonObject StartCard(string classKey, string closesOn = "") => new()
    {
        ["command"] = "thermometer",
        [ThermometerStartCards.CardKey] = ThermometerStartCards.StartCard,
        [ThermometerStartCards.ClassInput] = classKey,
        [ThermometerStartCards.ClosesOnInput] = closesOn,
    };

    private static async Task<ThermometerSurveyRecord> SurveyAsync(FollowUpWorld world)
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>().Set<ThermometerSurveyRecord>().AsNoTracking().SingleAsync();
    }

    /// <summary>A student presses through all seven blocks of the invitation with <paramref name="score"/> everywhere.</summary>
    private static async Task FillInAsync(FollowUpWorld world, Guid surveyId, string student, int score)
    {
        AdaptiveCard? card = null;
        var press = new Dictionary<string, string> { [ThermometerCards.SurveyKey] = surveyId.ToString() };
        var verb = ThermometerCards.BeginVerb;
        for (var step = 0; step <= 7; step++)
        {
            await using var scope = world.Services.CreateAsyncScope();
            (card, _) = await scope.ServiceProvider.GetRequiredService<FillInThermometer>().HandleAsync(student, verb, JsonSerializer.SerializeToElement(press), CancellationToken.None);
            Assert.NotNull(card);
            if (step == 7)
            {
                break;
            }

            var action = card!.Actions!.OfType<ActionExecute>().Single();
            verb = action.Verb!;
            press = JsonSerializer.SerializeToElement(action.Data).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            foreach (var input in card.Body!.OfType<InputChoiceSet>())
            {
                press[input.Id!] = input.Id == ThermometerCards.GenderInput || input.Id == ThermometerCards.AfdelingInput ? "0" : score.ToString(CultureInfo.InvariantCulture);
            }
        }

        Assert.Contains("Dank je wel!", card!.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_class_roster_comes_from_the_directory()
    {
        await using var world = await WorldAsync();
        var directory = world.Services.GetRequiredService<IDirectory>();
        var students = await directory.GetClassStudentsAsync("dewilgen", "2b", CancellationToken.None);
        Assert.Equal(Class2b.Order(), students.Select(s => s.Id).Order());
        Assert.All(students, s => Assert.Equal(PersonKind.Student, s.Kind));
        Assert.Empty(await directory.GetClassStudentsAsync("dewilgen", "9z", CancellationToken.None));
        Assert.Empty(await directory.GetClassStudentsAsync("elders", "2b", CancellationToken.None));
    }

    [Fact]
    public async Task A_mentor_sends_it_to_her_class_every_student_gets_one_invitation_and_a_second_start_is_refused()
    {
        await using var world = await WorldAsync();
        await world.Chat(FollowUpWorld.Mentor)
            .Send("thermometer")
            .AssertCard(card => card.ContainsText(ThermometerStartCards.StartTitle) && card.ContainsText("2b") && card.ContainsText("1a") && card.ContainsText("maandag 9 november"))
            .Submit(StartCard("dewilgen|2b"))
            .AssertCard(card => card.ContainsText("De thermometer is verstuurd naar klas 2b") && card.ContainsText("7") && card.ContainsText("maandag 9 november 2026")
                && card.ContainsText("Heeft iemand hem niet gekregen"))
            .Submit(StartCard("dewilgen|2b"))
            .AssertCard(card => card.ContainsText("In klas 2b loopt de thermometer al"))
            .StartTestAsync();

        var survey = await SurveyAsync(world);
        Assert.Equal(7, survey.InvitedCount);
        Assert.Equal(new DateOnly(2026, 11, 9), survey.ClosesOn);
        Assert.Equal(FollowUpWorld.Mentor, survey.StartedByStaffId);
        var invitations = await world.OutboxAsync(ThermometerPayload.InvitationKind);
        Assert.Equal(Class2b.Order(), invitations.Select(i => i.RecipientId!).Order());
        Assert.All(invitations, i => Assert.DoesNotContain(i.RecipientId!, i.Payload, StringComparison.Ordinal));
        var invitation = await world.RenderAsync(invitations[0]);
        Assert.Contains("Hoe veilig voel jij je op school?", invitation, StringComparison.Ordinal);
        Assert.Contains(ThermometerCards.BeginVerb, invitation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closing_day_in_the_weekend_or_a_class_that_is_not_hers_is_refused_and_nothing_is_sent()
    {
        await using var world = await WorldAsync();
        await world.Chat(FollowUpWorld.Mentor)
            .Submit(StartCard("dewilgen|2b", "2026-11-07"))
            .AssertCard(card => card.ContainsText("valt in het weekend") && card.ContainsText(ThermometerStartCards.SendButton))
            .Submit(StartCard("dewilgen|9z"))
            .AssertCard(card => card.ContainsText("Die klas staat niet bij jouw klassen"))
            .Submit(StartCard("dewilgen|2b", "morgen"))
            .AssertCard(card => card.ContainsText("Die sluitingsdatum kan ik niet lezen"))
            .StartTestAsync();
        Assert.Empty(await world.OutboxAsync(ThermometerPayload.InvitationKind));
    }

    [Fact]
    public async Task A_student_or_a_teacher_without_a_class_reads_bijlage_2_and_cannot_start_it()
    {
        await using var world = await WorldAsync();
        await world.Chat(Daan).Send("thermometer").AssertCardContains("Bijlage 2: Thermometer pesten in de klas").StartTestAsync();
        await world.Chat(Fatima).Send("thermometer").AssertCardContains("Bijlage 2: Thermometer pesten in de klas").StartTestAsync();
        await world.Chat(Fatima).Submit(StartCard("dewilgen|2b")).AssertCardContains("Bijlage 2: Thermometer pesten in de klas").StartTestAsync();
        Assert.Empty(await world.OutboxAsync(ThermometerPayload.InvitationKind));
    }

    [Fact]
    public async Task A_student_of_the_class_who_types_thermometer_gets_the_open_survey_and_after_sending_it_is_told_so()
    {
        await using var world = await WorldAsync();
        await world.Chat(Daan).Send("thermometer").AssertCardContains("Bijlage 2: Thermometer pesten in de klas").StartTestAsync();
        await world.Chat(FollowUpWorld.Mentor).Submit(StartCard("dewilgen|2b")).AssertCardContains("De thermometer is verstuurd").StartTestAsync();
        await world.Chat(Daan).Send("thermometer").AssertCard(card => card.ContainsText("Hoe veilig voel jij je op school?") && card.ContainsText("Begin")).StartTestAsync();
        await FillInAsync(world, (await SurveyAsync(world)).Id, Daan, 0);
        await world.Chat(Daan).Send("thermometer").AssertCardContains("Je hebt de thermometer al ingevuld").StartTestAsync();
        await world.Chat("e2e0e000-0000-4000-a000-000000000103").Send("thermometer").AssertCardContains("Bijlage 2: Thermometer pesten in de klas").StartTestAsync();
    }

    [Fact]
    public async Task One_reminder_goes_only_to_who_did_not_answer_then_the_survey_closes_and_the_mentor_and_coordinator_get_the_results()
    {
        await using var world = await WorldAsync();
        await world.Chat(FollowUpWorld.Mentor).Submit(StartCard("dewilgen|2b")).AssertCardContains("De thermometer is verstuurd").StartTestAsync();
        var surveyId = (await SurveyAsync(world)).Id;
        var answered = Class2b.Take(5).ToList();
        foreach (var (student, i) in answered.Select((s, i) => (s, i)))
        {
            await FillInAsync(world, surveyId, student, i % 2 == 0 ? 1 : 4);
        }

        var round = world.Services.GetRequiredService<ThermometerRound>();

        // Friday 6 November, 08:00: the reminder day (the last school day before Monday 9), before the reminder hour.
        world.MoveTo(new DateTimeOffset(2026, 11, 6, 8, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(0, await round.RunOnceAsync(CancellationToken.None));
        world.MoveTo(new DateTimeOffset(2026, 11, 6, 10, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await round.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await round.RunOnceAsync(CancellationToken.None));

        // Planned for every student, so the outbox holds no list of who did not answer; only the rendering leaves out who did.
        var reminders = await world.OutboxAsync(ThermometerPayload.ReminderKind);
        Assert.Equal(Class2b.Order(), reminders.Select(r => r.RecipientId!).Order());
        foreach (var reminder in reminders)
        {
            var card = await world.RenderAsync(reminder);
            if (answered.Contains(reminder.RecipientId!))
            {
                Assert.Null(card);
            }
            else
            {
                Assert.Contains("Nog even: de thermometer van klas 2b", card, StringComparison.Ordinal);
            }
        }

        // Monday 9 November is the closing day: still open. Tuesday: closed, key gone, results planned.
        world.MoveTo(new DateTimeOffset(2026, 11, 9, 23, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(0, await round.RunOnceAsync(CancellationToken.None));
        world.MoveTo(new DateTimeOffset(2026, 11, 10, 7, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await round.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await round.RunOnceAsync(CancellationToken.None));

        var closed = await SurveyAsync(world);
        Assert.Equal("Closed", closed.State);
        Assert.Null(closed.RespondentKey);
        Assert.Empty(await world.OutboxAsync(ThermometerPayload.ReminderKind));
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            Assert.Equal(0, await db.Set<ThermometerRespondentRecord>().CountAsync());
            Assert.Equal(5, await db.Set<ThermometerAnswerRecord>().CountAsync());
        }

        // Two invitations the outbox gave up on are counted on the results card, never named.
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            foreach (var invitation in (await db.OutboxMessages.Where(o => o.Kind == ThermometerPayload.InvitationKind).ToListAsync()).Take(2))
            {
                invitation.Status = PestProtocol.Bot.Persistence.Outbox.OutboxStatus.Failed;
            }

            await db.SaveChangesAsync();
        }

        var results = await world.OutboxAsync(ThermometerPayload.ResultsKind);
        Assert.Equal(new[] { FollowUpWorld.Mentor, FollowUpWorld.Coordinator }.Order(), results.Select(r => r.RecipientId!).Order());

        // Closed at 07:00 (the key is gone), but the results wait for 08:00: no ping before the school day starts.
        Assert.All(results, r => Assert.Equal(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.FromHours(1)), r.NextAttemptAt));
        var resultsCard = await world.RenderAsync(results[0]);
        Assert.Contains("Thermometer klas 2b: uitslag", resultsCard, StringComparison.Ordinal);
        Assert.Contains("5 van 7 leerlingen", resultsCard, StringComparison.Ordinal);
        Assert.Contains("2 uitnodigingen kwamen niet aan", resultsCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Sanne", resultsCard, StringComparison.Ordinal);
        Assert.Contains(ThermometerCards.StartRouteA, resultsCard, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image", resultsCard, StringComparison.Ordinal);

        // The chart is served by the bot behind a signed link; a changed link opens nothing.
        var url = JsonNode.Parse(resultsCard!)!.AsObject()["body"]!.AsArray().Select(e => e!["url"]?.GetValue<string>()).Single(u => u is not null)!;
        Assert.Contains(ThermometerChartLinks.PathPrefix, url, StringComparison.Ordinal);
        var links = world.Services.GetRequiredService<ThermometerChartLinks>();
        var token = url[(url.IndexOf(ThermometerChartLinks.PathPrefix, StringComparison.Ordinal) + ThermometerChartLinks.PathPrefix.Length)..];
        Assert.Equal(closed.Id, links.Open(token, world.Clock.GetUtcNow()));
        Assert.Null(links.Open(token.Replace(token[3], token[3] == 'A' ? 'B' : 'A'), world.Clock.GetUtcNow()));
        Assert.Null(links.Open(token, world.Clock.GetUtcNow().AddDays(8)));
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var png = await scope.ServiceProvider.GetRequiredService<ThermometerSurveys>().ChartAsync(closed.Id, new(), CancellationToken.None);
            Assert.NotNull(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png![..4]);
        }

        // "thermometer resultaten" shows the same result on request.
        await world.Chat(FollowUpWorld.Mentor).Send("thermometer resultaten").AssertCardContains("Thermometer klas 2b: uitslag").StartTestAsync();
    }

    [Fact]
    public async Task Below_five_answers_the_closing_sends_no_result_only_that_there_were_too_few()
    {
        await using var world = await WorldAsync();
        await world.Chat(FollowUpWorld.Mentor).Submit(StartCard("dewilgen|2b")).AssertCardContains("De thermometer is verstuurd").StartTestAsync();
        var surveyId = (await SurveyAsync(world)).Id;
        foreach (var student in Class2b.Take(4))
        {
            await FillInAsync(world, surveyId, student, 2);
        }

        await world.Chat(FollowUpWorld.Mentor).Send("thermometer resultaten").AssertCardContains("nog geen uitslag").StartTestAsync();
        world.MoveTo(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(1)));
        await world.Services.GetRequiredService<ThermometerRound>().RunOnceAsync(CancellationToken.None);
        var card = await world.RenderAsync((await world.OutboxAsync(ThermometerPayload.ResultsKind))[0]);
        Assert.Contains("gesloten met te weinig antwoorden", card, StringComparison.Ordinal);
        Assert.DoesNotContain(ThermometerChartLinks.PathPrefix, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_that_closes_the_next_day_is_reminded_on_its_closing_day()
    {
        await using var world = await WorldAsync();
        await world.Chat(FollowUpWorld.Mentor).Submit(StartCard("dewilgen|2b", "2026-11-03")).AssertCardContains("De thermometer is verstuurd").StartTestAsync();
        var round = world.Services.GetRequiredService<ThermometerRound>();

        // Monday evening and Tuesday early: nothing. Tuesday (the closing day, the last day to fill it in) from the reminder hour: the reminder.
        world.MoveTo(new DateTimeOffset(2026, 11, 2, 22, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(0, await round.RunOnceAsync(CancellationToken.None));
        world.MoveTo(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(0, await round.RunOnceAsync(CancellationToken.None));
        world.MoveTo(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await round.RunOnceAsync(CancellationToken.None));

        var reminders = await world.OutboxAsync(ThermometerPayload.ReminderKind);
        Assert.Equal(Class2b.Order(), reminders.Select(r => r.RecipientId!).Order());
        Assert.Contains("Nog even: de thermometer van klas 2b", await world.RenderAsync(reminders[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_closing_on_friday_closes_that_night_and_its_results_wait_for_monday_morning()
    {
        await using var world = await WorldAsync();
        await world.Chat(FollowUpWorld.Mentor).Submit(StartCard("dewilgen|2b", "2026-11-06")).AssertCardContains("De thermometer is verstuurd").StartTestAsync();
        var round = world.Services.GetRequiredService<ThermometerRound>();

        world.MoveTo(new DateTimeOffset(2026, 11, 7, 0, 30, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await round.RunOnceAsync(CancellationToken.None));

        Assert.Equal("Closed", (await SurveyAsync(world)).State);
        var results = await world.OutboxAsync(ThermometerPayload.ResultsKind);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.FromHours(1)), r.NextAttemptAt));
    }
}

/// <summary>The thermometer's start, reminder and closing on SQLite files.</summary>
public sealed class SqliteThermometerStartTests(SqliteTestDatabase database)
    : ThermometerStartContract<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;

/// <summary>The same on PostgreSQL (<c>PESTPROTOCOL_TEST_POSTGRES</c>).</summary>
public sealed class PostgresThermometerStartTests(PostgresTestDatabase database)
    : ThermometerStartContract<PostgresTestDatabase>(database), IClassFixture<PostgresTestDatabase>;
