using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Features.PersonalChat;
using PestProtocol.Bot.Tests.Melding;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using static PestProtocol.Bot.Tests.StudentSide.SharedChats;

namespace PestProtocol.Bot.Tests.StudentSide;

/// <summary>
/// Issue 15, item 1: in a group chat or a channel no command or card shows a student's name, a case's content or an
/// anonymous report. The bot says there, briefly and without details, that it goes on in the person's own chat, and goes
/// on there. One test per command and per card kind, in a group chat and in a channel.
/// </summary>
public sealed class SharedConversationTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync();

        // A case about Sanne de Boer (2b) exists: CaseCodes.First (e.g. 2026-0001), opened by her mentor.
        await new MeldingConversation(_bot, BotHarness.Anouk)
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .Say("stop").Expect($"Typ 'melding {CaseCodes.First}'")
            .RunAsync();
    }

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    public static TheoryData<SharedPlace, string, string, string> Commands() => new()
    {
        // place, who, what they type, what their own chat shows next
        { SharedPlace.GroupChat, BotHarness.Anouk, "melding", "Over welke leerling" },
        { SharedPlace.Channel, BotHarness.Anouk, "melding", "Over welke leerling" },
        { SharedPlace.GroupChat, BotHarness.Anouk, "melding Sanne", "Melding over Sanne de Boer" },
        { SharedPlace.Channel, BotHarness.Anouk, "melding Sanne", "Melding over Sanne de Boer" },
        { SharedPlace.GroupChat, BotHarness.Anouk, $"melding {CaseCodes.First}", "Klopt het vermoeden?" },
        { SharedPlace.Channel, BotHarness.Anouk, $"melding {CaseCodes.First}", "Klopt het vermoeden?" },
        { SharedPlace.GroupChat, BotHarness.Anouk, "overzicht", "Sanne de Boer" },
        { SharedPlace.Channel, BotHarness.Anouk, "overzicht", "Sanne de Boer" },
        { SharedPlace.GroupChat, BotHarness.Anouk, $"dossier {CaseCodes.First}", "Sanne de Boer" },
        { SharedPlace.Channel, BotHarness.Anouk, $"dossier {CaseCodes.First}", "Sanne de Boer" },
        { SharedPlace.GroupChat, BotHarness.Daan, "anoniem", "Wat is er gebeurd?" },
        { SharedPlace.Channel, BotHarness.Daan, "anoniem", "Wat is er gebeurd?" },
        { SharedPlace.GroupChat, BotHarness.Daan, "status K7M-4QX", "Mijn anonieme melding" },
        { SharedPlace.Channel, BotHarness.Daan, "status K7M-4QX", "Mijn anonieme melding" },
        { SharedPlace.GroupChat, BotHarness.Daan, "mentor", "Vertel het je mentor" },
        { SharedPlace.Channel, BotHarness.Daan, "mentor", "Vertel het je mentor" },
        { SharedPlace.GroupChat, BotHarness.Daan, "ik word gepest", "Wat naar dat je dit meemaakt" },
        { SharedPlace.Channel, BotHarness.Daan, "ik word gepest", "Wat naar dat je dit meemaakt" },
        { SharedPlace.GroupChat, BotHarness.Daan, "melding", "Dit onderdeel is voor medewerkers" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_in_a_shared_place_gets_one_line_without_details_there_and_goes_on_in_the_persons_own_chat(SharedPlace place, string person, string typed, string personalChatShows)
    {
        var adapter = In(_bot, place, person);

        await SendAsync(_bot, adapter, Mention(adapter, place, typed));

        var shared = Shared(adapter);
        Assert.Equal([PestProtocolBot.ContinuedInPersonalChat], shared.Select(a => a.Text));
        Assert.All(shared, a => Assert.Null(a.Attachments));
        var personal = Personal(adapter, person);
        Assert.Equal(PestProtocolBot.ArrivedFromSharedChat, personal[0].Text);
        Assert.True(Json(personal).Contains(personalChatShows, StringComparison.Ordinal), Json(personal));
    }

    [Theory]
    [InlineData(SharedPlace.GroupChat)]
    [InlineData(SharedPlace.Channel)]
    public async Task When_the_own_chat_cannot_be_reached_the_shared_place_is_told_how_to_get_there_and_nothing_more(SharedPlace place)
    {
        _bot.Services.GetRequiredService<IPersonalChats>().As<PersonalChatsForTests>().Unreachable.Add(BotHarness.Anouk);
        var adapter = In(_bot, place, BotHarness.Anouk);

        await SendAsync(_bot, adapter, Mention(adapter, place, "overzicht"));

        Assert.Equal([PestProtocolBot.OpenYourPersonalChat], adapter.SentActivities.Select(a => a.Text));
    }

    [Fact]
    public async Task Help_and_the_protocols_own_texts_stay_in_a_group_chat_and_show_no_case()
    {
        var adapter = In(_bot, SharedPlace.GroupChat, BotHarness.Anouk);

        await SendAsync(_bot, adapter, Mention(adapter, SharedPlace.GroupChat, "help"));
        await SendAsync(_bot, adapter, Mention(adapter, SharedPlace.GroupChat, "bijlage 6"));
        await SendAsync(_bot, adapter, Mention(adapter, SharedPlace.GroupChat, "wat is dit voor bot"));

        var shared = Shared(adapter);
        Assert.Equal(3, shared.Count);
        Assert.Contains(WelcomeCards.GroupChatTitle, Json(shared[0]), StringComparison.Ordinal);
        Assert.Contains("Bemiddelingsgesprek", Json(shared[1]), StringComparison.Ordinal);
        Assert.Contains(WelcomeCards.GroupChatTitle, Json(shared[2]), StringComparison.Ordinal);
        Assert.Empty(Personal(adapter, BotHarness.Anouk));
        AssertNoCaseTraces(shared);
    }

    public static TheoryData<SharedPlace, string> CardKinds() => new()
    {
        { SharedPlace.GroupChat, "submit-prompt-card" },
        { SharedPlace.Channel, "submit-prompt-card" },
        { SharedPlace.GroupChat, "execute-prompt-card" },
        { SharedPlace.Channel, "execute-prompt-card" },
        { SharedPlace.GroupChat, "execute-take" },
        { SharedPlace.GroupChat, "submit-take-fallback" },
        { SharedPlace.GroupChat, "execute-anonymous-unlock" },
        { SharedPlace.Channel, "execute-anonymous-unlock" },
        { SharedPlace.GroupChat, "submit-command-button" },
        { SharedPlace.Channel, "submit-command-button" },
    };

    [Theory]
    [MemberData(nameof(CardKinds))]
    public async Task A_card_action_in_a_shared_place_shows_nothing_of_a_student_or_a_case(SharedPlace place, string kind)
    {
        var adapter = In(_bot, place, BotHarness.Anouk);
        var activity = kind switch
        {
            "submit-prompt-card" => adapter.MakeSubmit(new Dictionary<string, object?> { [PromptCard.CardIdKey] = "abc", ["keuze"] = "ja" }),
            "execute-prompt-card" => adapter.MakeExecute("melding.next", new Dictionary<string, object?> { [PromptCard.CardIdKey] = "abc" }),
            "execute-take" => adapter.MakeExecute(CaseAlertCard.TakeVerb, new Dictionary<string, object?> { ["caseId"] = Guid.NewGuid() }),
            "submit-take-fallback" => adapter.MakeSubmit(new Dictionary<string, object?> { ["verb"] = CaseAlertCard.TakeVerb, ["caseId"] = Guid.NewGuid() }),
            "execute-anonymous-unlock" => adapter.MakeExecute(PestProtocol.Bot.Features.AnonymousReports.StudentCards.UnlockVerb, new Dictionary<string, object?> { ["code"] = "K7M-4QX", ["wachtwoord"] = "fout" }),
            _ => adapter.MakeSubmit(new Dictionary<string, object?> { ["command"] = "overzicht" }),
        };

        var invokeResponse = await SendAsync(_bot, adapter, activity);

        var shared = Shared(adapter);
        AssertNoCaseTraces(shared);
        if (invokeResponse is not null)
        {
            var body = Assert.IsType<AdaptiveCardInvokeResponse>(invokeResponse.Body);
            Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.Type);
            Assert.DoesNotContain(CaseTraces, trace => System.Text.Json.JsonSerializer.Serialize(body).Contains(trace, StringComparison.Ordinal));
            Assert.Empty(shared);
        }
        else
        {
            // One short line (or the group chat card) there; never a card of a dialog or an alert.
            Assert.Single(shared);
            Assert.True(shared[0].Attachments is null || Json(shared[0]).Contains(WelcomeCards.GroupChatTitle, StringComparison.Ordinal), Json(shared[0]));
        }
    }

    [Fact]
    public async Task Nothing_is_kept_for_a_group_chat_and_a_card_submit_there_continues_nothing()
    {
        var adapter = In(_bot, SharedPlace.GroupChat, BotHarness.Anouk);

        // "melding" goes to her own chat; a card submit in the group with any prompt id starts nothing there.
        await SendAsync(_bot, adapter, Mention(adapter, SharedPlace.GroupChat, "melding"));
        await SendAsync(_bot, adapter, adapter.MakeSubmit(new Dictionary<string, object?> { [PromptCard.CardIdKey] = "abc", ["leerlingNaam"] = "Sanne" }));

        AssertNoCaseTraces(Shared(adapter));
        var stateKeys = await _bot.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT key AS \"Value\" FROM bot_state").ToListAsync());
        Assert.DoesNotContain(stateKeys, k => k.Contains(GroupChatId, StringComparison.Ordinal));
    }

    private static void AssertNoCaseTraces(IEnumerable<Activity> activities)
    {
        // What a person sees: the text and the cards (not the ids and timestamps of the wire format).
        var json = string.Join("\n", activities.Select(a => a.Text + System.Text.Json.JsonSerializer.Serialize(a.Attachments?.Select(x => x.Content), BotJson.Options)));
        Assert.DoesNotContain(CaseTraces, trace => json.Contains(trace, StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\d{4}-\d{4}", json);
    }
}

internal static class ServiceCasts
{
    public static T As<T>(this object value) => (T)value;
}
