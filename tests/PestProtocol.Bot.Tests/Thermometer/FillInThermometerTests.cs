using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// A student fills in the thermometer by pressing the card's buttons: block by block, a block with an answer missing
/// comes back with what is missing and what was chosen, the list is sent once, and a closed survey takes nothing.
/// </summary>
public sealed class FillInThermometerTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private Guid _surveyId;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = _database.CreateServices(_database.ConnectionString);
        var survey = ThermometerSurvey.Open(Guid.NewGuid(), "klas-2b", "2B", "dewilgen", 27, SchoolCalendar.WeekendsOnly, new DateOnly(2026, 12, 7)).Value!;
        _surveyId = survey.Id;
        await using var scope = _services.CreateAsyncScope();
        using var key = RespondentKey.Create();
        await Surveys(scope).OpenAsync(survey, "mentor-1", key, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static ThermometerSurveys Surveys(AsyncServiceScope scope) => new(scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>());

    private async Task<(AdaptiveCard? Card, string? Message)> PressAsync(string student, string verb, Dictionary<string, string> data)
    {
        await using var scope = _services.CreateAsyncScope();
        return await new FillInThermometer(Surveys(scope), _clock).HandleAsync(student, verb, JsonSerializer.SerializeToElement(data), CancellationToken.None);
    }

    /// <summary>What Teams sends for the card's action: its data with the chosen inputs merged in.</summary>
    private static Dictionary<string, string> Pressed(AdaptiveCard card, Func<string, string?> choose)
    {
        var action = card.Actions!.OfType<ActionExecute>().Single();
        var data = JsonSerializer.SerializeToElement(action.Data).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        foreach (var input in card.Body!.OfType<InputChoiceSet>())
        {
            if (choose(input.Id!) is { } value)
            {
                data[input.Id!] = value;
            }
        }

        return data;
    }

    /// <summary>Fills in all seven blocks; returns the last card and what the "Versturen" press sent.</summary>
    private async Task<(AdaptiveCard Card, Dictionary<string, string> LastPress)> FillAllAsync(string student, int score)
    {
        var (card, _) = await PressAsync(student, ThermometerCards.BeginVerb, new() { [ThermometerCards.SurveyKey] = _surveyId.ToString() });
        var press = new Dictionary<string, string>();
        for (var block = 1; block <= 7; block++)
        {
            Assert.Contains($"Deel {block} van 7", card!.ToJson(), StringComparison.Ordinal);
            var verb = card!.Actions!.OfType<ActionExecute>().Single().Verb!;
            press = Pressed(card!, id => id == ThermometerCards.GenderInput ? "2" : id == ThermometerCards.AfdelingInput ? "3" : score.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (card, _) = await PressAsync(student, verb, press);
        }

        return (card!, press);
    }

    [Fact]
    public async Task A_student_goes_through_the_seven_blocks_and_the_response_is_stored_once_without_her()
    {
        var (sent, lastPress) = await FillAllAsync("29:student-anna", 4);
        Assert.Contains("Dank je wel!", sent.ToJson(), StringComparison.Ordinal);

        // "Versturen" pressed again (a second tap, or the card on her phone as well): refused, nothing changed.
        var (again, _) = await PressAsync("29:student-anna", ThermometerCards.BlockVerb, lastPress);
        Assert.Contains("Je hebt de thermometer al ingevuld", again!.ToJson(), StringComparison.Ordinal);
        var (other, _) = await FillAllAsync("29:student-bas", 1);
        Assert.Contains("Dank je wel!", other.ToJson(), StringComparison.Ordinal);
        var (begin, _) = await PressAsync("29:student-anna", ThermometerCards.BeginVerb, new() { [ThermometerCards.SurveyKey] = _surveyId.ToString() });
        Assert.Contains("al ingevuld", begin!.ToJson(), StringComparison.Ordinal);

        await using var scope = _services.CreateAsyncScope();
        Assert.Equal(2, await Surveys(scope).ResponseCountAsync(_surveyId, CancellationToken.None));
    }

    [Fact]
    public async Task A_block_with_an_answer_missing_comes_back_naming_it_with_the_chosen_answers_kept()
    {
        var (card, _) = await PressAsync("29:student-bram", ThermometerCards.BeginVerb, new() { [ThermometerCards.SurveyKey] = _surveyId.ToString() });
        var data = Pressed(card!, id => id == "b1.geloof" ? null : "3");
        var (again, _) = await PressAsync("29:student-bram", ThermometerCards.BlockVerb, data);
        var json = again!.ToJson();
        Assert.Contains("Deel 1 van 7", json, StringComparison.Ordinal);
        Assert.Contains("Nog niet ingevuld: Voor mijn geloof uit te komen", json, StringComparison.Ordinal);
        var mening = again.Body!.OfType<InputChoiceSet>().Single(i => i.Id == "b1.mening");
        Assert.Equal("3", mening.Value);
    }

    [Fact]
    public async Task A_tampered_or_junk_card_loses_nothing_and_stores_nothing()
    {
        var (unknown, message) = await PressAsync("29:student-cas", ThermometerCards.BlockVerb, new() { [ThermometerCards.SurveyKey] = "geen-guid" });
        Assert.Null(unknown);
        Assert.Equal(FillInThermometer.UnknownSurveyText, message);

        // A card claiming block 7 with an invented draft: the draft's junk is dropped, so the student is taken back to block 1.
        var (card, _) = await PressAsync("29:student-cas", ThermometerCards.BlockVerb, new()
        {
            [ThermometerCards.SurveyKey] = _surveyId.ToString(),
            [ThermometerCards.BlockKey] = "1",
            [ThermometerCards.DraftKey] = "g=9;b1.mening=77;x=1;;=;b9.nee=2",
            ["b1.zijn-wie-ik-ben"] = "vijf",
        });
        Assert.Contains("Deel 1 van 7", card!.ToJson(), StringComparison.Ordinal);
        await using var scope = _services.CreateAsyncScope();
        Assert.Equal(0, await Surveys(scope).ResponseCountAsync(_surveyId, CancellationToken.None));
    }

    [Fact]
    public async Task After_the_closing_day_nothing_is_taken()
    {
        _clock.Advance(TimeSpan.FromDays(10));
        var (card, _) = await PressAsync("29:student-dewi", ThermometerCards.BeginVerb, new() { [ThermometerCards.SurveyKey] = _surveyId.ToString() });
        Assert.Contains("De thermometer is dicht", card!.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_student_id_nothing_is_asked()
    {
        var (card, message) = await PressAsync(" ", ThermometerCards.BeginVerb, new() { [ThermometerCards.SurveyKey] = _surveyId.ToString() });
        Assert.Null(card);
        Assert.Contains("eigen chat", message, StringComparison.Ordinal);
    }
}
