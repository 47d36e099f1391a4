using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// Anonymous for real, on the app's own SQLite wiring (WAL, secure_delete): answers are stored without a student, one
/// response per student, reminders only to who did not answer, and after closing neither the key nor a token is left
/// in the database file or its WAL, so nobody can learn who answered.
/// </summary>
public sealed class ThermometerAnonymityTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    private static readonly string[] Roster = [.. Enumerable.Range(1, 8).Select(i => $"29:LEERLING-PINGUIN-{i:0000}")];

    private static ThermometerResponse Answers(int safe) => new(
        ThermometerGender.Meisje,
        ThermometerAfdeling.Havo,
        ThermometerQuestionnaire.Items.ToDictionary(i => i.Id, i => i.Direction == ItemDirection.HigherIsSafer ? safe : 5 - safe));

    [Fact]
    public async Task Sqlite_no_student_id_is_ever_stored_and_after_closing_no_key_or_token_is_left_in_the_file_or_its_wal()
    {
        var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        try
        {
            var file = database.ConnectionString["Data Source=".Length..];
            await using var services = database.CreateServices(database.ConnectionString);
            var survey = ThermometerSurvey.Open(Guid.NewGuid(), "klas-2b", "2B", "dewilgen", Roster.Length, SchoolCalendar.WeekendsOnly, Monday).Value!;
            using var key = RespondentKey.Create();
            var keyBytes = key.Export();
            var tokens = Roster.Select(s => key.TokenFor(survey.Id, s)).ToList();

            await using (var scope = services.CreateAsyncScope())
            {
                var surveys = new ThermometerSurveys(scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>());
                await surveys.OpenAsync(survey, "mentor-1", key, CancellationToken.None);
                for (var i = 0; i < 6; i++)
                {
                    Assert.Equal(SubmitOutcome.Recorded, await surveys.SubmitAsync(survey.Id, Roster[i], Answers(i % 6), Monday, CancellationToken.None));
                }

                // The same student again, with other answers: refused, nothing changed.
                Assert.Equal(SubmitOutcome.AlreadySent, await surveys.SubmitAsync(survey.Id, Roster[0], Answers(0), Monday.AddDays(1), CancellationToken.None));
                Assert.Equal(6, await surveys.ResponseCountAsync(survey.Id, CancellationToken.None));
                Assert.True(await surveys.HasAnsweredAsync(survey.Id, Roster[3], CancellationToken.None));
                Assert.Equal(Roster[6..], await surveys.NotYetAnsweredAsync(survey.Id, Roster, CancellationToken.None));
            }

            // The scan sees what is there: the key and the tokens while the survey is open, never a student id.
            Assert.True(FilesContain(file, keyBytes), "the scan finds the open survey's key");
            Assert.True(FilesContain(file, Encoding.UTF8.GetBytes(tokens[0])), "the scan finds a token while open");
            Assert.All(Roster, s => Assert.False(FilesContain(file, Encoding.UTF8.GetBytes(s)), $"{s} is stored"));

            await using (var scope = services.CreateAsyncScope())
            {
                var surveys = new ThermometerSurveys(scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>());
                var closed = await surveys.CloseAsync(survey.Id, Monday.AddDays(2), CancellationToken.None);
                Assert.Equal(ThermometerSurveyState.Closed, closed!.State);
                Assert.False(await surveys.HasAnsweredAsync(survey.Id, Roster[3], CancellationToken.None));
                Assert.Empty(await surveys.NotYetAnsweredAsync(survey.Id, Roster, CancellationToken.None));
                Assert.Equal(SubmitOutcome.Closed, await surveys.SubmitAsync(survey.Id, Roster[7], Answers(3), Monday.AddDays(2), CancellationToken.None));
                var results = await surveys.ResultsAsync(survey.Id, new ThermometerThresholds(), CancellationToken.None);
                Assert.Equal(6, results!.Value.Release.Results!.Respondents);
            }

            SqliteConnection.ClearAllPools();
            Assert.False(FilesContain(file, keyBytes), "the destroyed key is still in the file or its WAL");
            Assert.All(tokens, t => Assert.False(FilesContain(file, Encoding.UTF8.GetBytes(t)), "a respondent token is still in the file or its WAL"));
            Assert.All(Roster, s => Assert.False(FilesContain(file, Encoding.UTF8.GetBytes(s)), $"{s} is stored"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_interim_result_needs_five_answers_and_then_five_more_and_the_final_result_is_always_shown()
    {
        var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        try
        {
            await using var services = database.CreateServices(database.ConnectionString);
            await using var scope = services.CreateAsyncScope();
            var surveys = new ThermometerSurveys(scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>());
            var survey = ThermometerSurvey.Open(Guid.NewGuid(), "klas-3c", "3C", "dewilgen", 30, SchoolCalendar.WeekendsOnly, Monday).Value!;
            using var key = RespondentKey.Create();
            await surveys.OpenAsync(survey, "mentor-1", key, CancellationToken.None);
            var thresholds = new ThermometerThresholds();
            for (var i = 0; i < 4; i++)
            {
                await surveys.SubmitAsync(survey.Id, $"s{i}", Answers(4), Monday, CancellationToken.None);
            }

            Assert.False((await surveys.ResultsAsync(survey.Id, thresholds, CancellationToken.None))!.Value.Release.IsReleased);
            await surveys.SubmitAsync(survey.Id, "s4", Answers(4), Monday, CancellationToken.None);
            Assert.True((await surveys.ResultsAsync(survey.Id, thresholds, CancellationToken.None))!.Value.Release.IsReleased);
            await surveys.SubmitAsync(survey.Id, "s5", Answers(0), Monday, CancellationToken.None);
            var sixth = (await surveys.ResultsAsync(survey.Id, thresholds, CancellationToken.None))!.Value.Release;
            Assert.False(sixth.IsReleased, "5 then 6 would show the sixth student's answers");
            Assert.Contains("bij 10 antwoorden", sixth.WithheldReason, StringComparison.Ordinal);

            await surveys.CloseAsync(survey.Id, Monday.AddDays(3), CancellationToken.None);
            var final = (await surveys.ResultsAsync(survey.Id, thresholds, CancellationToken.None))!.Value.Release;
            Assert.True(final.IsReleased);
            Assert.Equal(6, final.Results!.Respondents);

            var trend = await surveys.TrendAsync("klas-3c", Guid.NewGuid(), thresholds, CancellationToken.None);
            Assert.Equal(6, Assert.Single(trend).Respondents);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static bool FilesContain(string file, byte[] needle) =>
        new[] { file, file + "-wal" }.Any(f => ReadShared(f).AsSpan().IndexOf(needle) >= 0);

    private static byte[] ReadShared(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
