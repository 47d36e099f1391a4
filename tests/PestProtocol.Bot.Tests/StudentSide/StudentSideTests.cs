using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.TellMentor;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Tests.Melding;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Tests.StudentSide;

/// <summary>
/// Issue 15: a student side written for students (the kind answer to "ik word gepest"), telling the mentor by name,
/// help per role, tips for today, and a form that keeps what was typed.
/// </summary>
public sealed class StudentSideTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    [Theory]
    [InlineData("ik word gepest wat moet ik doen")]
    [InlineData("ze schelden me uit")]
    [InlineData("ik wil niet meer naar school")]
    public async Task A_student_who_writes_that_something_is_wrong_gets_a_kind_answer_with_three_ways_forward_not_a_command_list(string typed)
    {
        var card = await SayAsync(BotHarness.Daan, typed, "Wat naar dat je dit meemaakt");
        var json = card.ToJsonString();
        Assert.Contains("Pesten is nooit jouw schuld", json, StringComparison.Ordinal);
        Assert.Contains("0800-0432", json, StringComparison.Ordinal);
        Assert.Contains("kindertelefoon.nl", json, StringComparison.Ordinal);
        Assert.Contains("Bel 112", json, StringComparison.Ordinal);
        Assert.Equal(["Vertel het mijn mentor", "Anoniem vertellen"], card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        foreach (var staffWord in new[] { "bijlage 1", "stappen", "thermometer", "dossier" })
        {
            Assert.DoesNotContain(staffWord, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Words_of_danger_put_the_help_lines_first()
    {
        var json = (await SayAsync(BotHarness.Daan, "ik wil er niet meer zijn", "Wat naar dat je dit meemaakt")).ToJsonString();
        Assert.Contains("0800-0113", json, StringComparison.Ordinal);
        Assert.True(json.IndexOf("0800-0113", StringComparison.Ordinal) < json.IndexOf("Vertel het mijn mentor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_who_type_the_same_words_get_the_ordinary_answer()
    {
        await new MeldingConversation(_bot, BotHarness.Anouk)
            .Say("ik word gepest").Expect("Dat begreep ik niet helemaal")
            .ExpectNone("Wat naar dat je dit meemaakt")
            .RunAsync();
    }

    [Fact]
    public async Task Help_is_per_role_only_a_coordinator_sees_koppel_kanaal_and_a_student_sees_only_student_things()
    {
        Assert.DoesNotContain("koppel kanaal", (await SayAsync(BotHarness.Anouk, "help", "Wat kan ik voor je doen?")).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("koppel kanaal", (await SayAsync(BotHarness.Jeroen, "help", "Wat kan ik voor je doen?")).ToJsonString(), StringComparison.Ordinal);
        var student = (await SayAsync(BotHarness.Daan, "help", "Wat kan ik voor je doen?")).ToJsonString();
        Assert.Contains("Vertel het mijn mentor", student, StringComparison.Ordinal);
        Assert.DoesNotContain("koppel kanaal", student, StringComparison.Ordinal);
        Assert.DoesNotContain("thermometer", student, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tips_show_bijlage_5_and_beside_it_the_tips_for_today_marked_as_an_addition()
    {
        await new MeldingConversation(_bot, BotHarness.Daan)
            .Say("tips").Expect("Aanvulling, geen tekst uit het protocol")
            .RunAsync();
    }

    [Fact]
    public async Task A_student_tells_the_mentor_by_name_the_mentor_gets_it_with_start_stap_1_and_the_case_records_that_the_student_told()
    {
        await new MeldingConversation(_bot, BotHarness.Daan)
            .Say("ik word gepest").Expect("Wat naar dat je dit meemaakt")
            .Click("Vertel het mijn mentor").Expect("Je mentor is Anouk de Vries")
            .Click("Versturen", new Dictionary<string, object?> { [TellMentorCards.MessageId] = "Ze pesten me in de groepsapp van de klas." })
            .Expect("Je bericht is naar je mentor gestuurd: Anouk de Vries")
            .RunAsync();

        var message = Assert.Single(await _bot.OutboxAsync());
        Assert.Equal(StudentToldMentorPayload.Kind, message.Kind);
        Assert.Equal(BotHarness.Anouk, message.RecipientId);

        AdaptiveCardHolder mentorCard;
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            var renderer = scope.ServiceProvider.GetServices<IAlertCardRenderer>().Single(r => r.Kind == StudentToldMentorPayload.Kind);
            mentorCard = new((await renderer.RenderAsync(message, CancellationToken.None))!);
        }

        Assert.Contains("Daan Mulder (2b)", mentorCard.Json, StringComparison.Ordinal);
        Assert.Contains("Ze pesten me in de groepsapp van de klas.", mentorCard.Json, StringComparison.Ordinal);
        Assert.Contains(TellMentorCards.StartStep1, mentorCard.Json, StringComparison.Ordinal);

        var mentor = new MeldingConversation(_bot, BotHarness.Anouk);
        await mentor
            .ClickOn(mentorCard.AsActivity(), TellMentorCards.StartStep1).Expect("Melding over Daan Mulder")
            .RunAsync();
        var intake = mentor.Adapter.SentActivities.Last(a => a.Attachments is { Count: > 0 });
        Assert.Equal(nameof(SuspicionTrigger.StudentToldStaff), InputValue(CardOf(intake), "aanleiding"));

        var fill = Fill.Intake("Daan vertelde het zelf: in de groepsapp van de klas.");
        fill["aanleiding"] = nameof(SuspicionTrigger.StudentToldStaff);
        await mentor.Continue(_bot).Click("Melding vastleggen", fill).Expect("Klopt het vermoeden?").RunAsync();
        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(BotHarness.Daan, @case.StudentRef);
        Assert.Equal(SuspicionTrigger.StudentToldStaff, @case.Trigger);
    }

    [Fact]
    public async Task Toch_niet_sends_nothing_to_the_mentor()
    {
        await new MeldingConversation(_bot, BotHarness.Daan)
            .Say("mentor").Expect("Je mentor is Anouk de Vries")
            .Click("Toch niet").Expect("er is niets verstuurd")
            .RunAsync();

        Assert.Empty(await _bot.OutboxAsync());
    }

    [Fact]
    public async Task A_failed_check_keeps_what_the_mentor_typed_and_help_in_the_middle_shows_the_form_again_with_it()
    {
        var typed = "Lange beschrijving: in de pauze wordt ze steeds uitgelachen bij de kluisjes.";
        var fill = Fill.Intake(typed);
        fill["klas"] = "";   // the class is required: the server says so

        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await talk
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", fill).Expect("Klas")
            .RunAsync();

        var back = CardOf(talk.Adapter.SentActivities.Last(a => a.Attachments is { Count: > 0 }));
        Assert.Equal(typed, InputValue(back, "beschrijving"));
        Assert.Equal("school.uitgelachen,school.geen-vrienden", InputValue(back, "signalen.school.anderen"));
        Assert.Null(Find(back, "signalen.school.anderen.groep")!["isVisible"]);   // the group with the chosen signals is open
        Assert.Equal("2 van 6 gekozen", Find(back, "signalen.school.anderen.aantal")!["text"]!.GetValue<string>());
        Assert.False(Find(back, "signalen.thuis.anderen.groep")!["isVisible"]!.GetValue<bool>());   // the others stay closed
        Assert.Contains(back["body"]!.AsArray(), e => e?["id"]?.GetValue<string>() == "promptError");

        await talk.Continue(_bot).Say("help").Expect("Wat kan ik voor je doen?").RunAsync();
        var again = CardOf(talk.Adapter.SentActivities.Last(a => a.Attachments is { Count: > 0 }));
        Assert.Equal(typed, InputValue(again, "beschrijving"));

        await talk.Continue(_bot).Click("Melding vastleggen", Fill.Intake(typed)).Expect("Klopt het vermoeden?").RunAsync();
        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(BotHarness.Sanne, @case.StudentRef);
    }

    /// <summary>Says <paramref name="text"/> in the person's own chat, expects <paramref name="expect"/>, returns the last card.</summary>
    private async Task<JsonObject> SayAsync(string aadObjectId, string text, string expect)
    {
        var talk = new MeldingConversation(_bot, aadObjectId);
        await talk.Say(text).Expect(expect).RunAsync();
        return CardOf(talk.Adapter.SentActivities.Last(a => a.Attachments is { Count: > 0 }));
    }

    private static JsonObject CardOf(Activity activity) =>
        JsonSerializer.SerializeToNode(activity.Attachments![0].Content, BotJson.Options)!.AsObject();

    private static string? InputValue(JsonNode card, string id) => Find(card, id)?["value"]?.GetValue<string>();

    private static JsonObject? Find(JsonNode? node, string id) => node switch
    {
        JsonObject o when o["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == id => o,
        JsonObject o => o.Select(p => Find(p.Value, id)).FirstOrDefault(f => f is not null),
        JsonArray a => a.Select(n => Find(n, id)).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private sealed class AdaptiveCardHolder(BotFramework.Cards.AdaptiveCard card)
    {
        public string Json { get; } = card.ToJson();

        public Activity AsActivity() => Activity.CreateAttachmentMessage(card.ToAttachment());
    }
}
