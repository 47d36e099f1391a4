using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.Bot.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;

namespace PestProtocol.Bot.Tests.TeamChannels;

/// <summary>"@PestProtocol koppel kanaal" and "ontkoppel kanaal" in a Teams channel, through the whole bot.</summary>
public sealed class CoordinatorsChannelDialogTests
{
    private const string Coordinator = "e2e0c000-0000-4000-a000-000000000002";
    private const string Mentor = "e2e0c000-0000-4000-a000-000000000001";
    private const string Student = "e2e0c000-0000-4000-a000-000000000006";

    [Fact]
    public async Task A_coordinator_links_the_channel_for_their_location_and_unlinks_it_again()
    {
        await using var bot = await ChannelBotHarness.StartAsync();
        var adapter = bot.Channel(Coordinator);

        await new TestFlow(adapter, bot.Bot)
            .Send(ChannelBotHarness.Mention(adapter, "koppel kanaal"))
            .AssertReplyContains("Gekoppeld. Meldingen voor de anti-pestcoördinatoren van")
            .StartTestAsync();

        var linked = await bot.WithDbAsync(db => db.CoordinatorsChannels.AsNoTracking().SingleAsync());
        Assert.Equal("dewilgen", linked.LocationId);
        Assert.Equal(ChannelBotHarness.ChannelId, linked.ChannelId);
        Assert.Equal(ChannelBotHarness.TeamId, linked.TeamId);
        Assert.Equal(ChannelBotHarness.ChannelName, linked.ChannelName);
        Assert.Equal(ChannelBotHarness.TenantId, linked.TenantId);
        Assert.Equal(adapter.Conversation.ServiceUrl, linked.ServiceUrl);
        Assert.Equal(Coordinator, linked.LinkedBy);

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var channel = await scope.ServiceProvider.GetRequiredService<ICoordinatorsChannels>().FindAsync("dewilgen", CancellationToken.None);
            Assert.Equal(CoordinatorsChannelSource.Linked, channel!.Source);
            Assert.Equal("Kanaal Zorg en veiligheid", channel.DisplayName);
        }

        await new TestFlow(adapter, bot.Bot)
            .Send(ChannelBotHarness.Mention(adapter, "ontkoppel kanaal"))
            .AssertReplyContains("Ontkoppeld. Meldingen voor de anti-pestcoördinatoren van")
            .Send(ChannelBotHarness.Mention(adapter, "ontkoppel kanaal"))
            .AssertReplyContains("Er was geen kanaal gekoppeld voor")
            .StartTestAsync();
        Assert.Equal(0, await bot.WithDbAsync(db => db.CoordinatorsChannels.CountAsync()));
    }

    [Theory]
    [InlineData(Mentor)]
    [InlineData(Student)]
    public async Task Someone_who_is_not_a_coordinator_is_refused_and_nothing_is_linked(string person)
    {
        await using var bot = await ChannelBotHarness.StartAsync();
        var adapter = bot.Channel(person);

        await new TestFlow(adapter, bot.Bot)
            .Send(ChannelBotHarness.Mention(adapter, "koppel kanaal"))
            .AssertReply(reply => Assert.True(
                reply.Text?.Contains("Alleen een anti-pestcoördinator kan een kanaal koppelen", StringComparison.Ordinal) == true
                || reply.Attachments is { Count: > 0 }, "a refusal"))
            .StartTestAsync();

        Assert.Equal(0, await bot.WithDbAsync(db => db.CoordinatorsChannels.CountAsync()));
    }

    [Fact]
    public async Task Linking_from_a_personal_chat_explains_where_to_type_it()
    {
        await using var bot = await ChannelBotHarness.StartAsync();
        var adapter = bot.Channel(Coordinator);
        adapter.Conversation.Conversation!.ConversationType = "personal";
        adapter.Conversation.Conversation.IsGroup = false;

        await new TestFlow(adapter, bot.Bot)
            .Send("koppel kanaal")
            .AssertReplyContains("Dit werkt alleen in een kanaal van een team.")
            .StartTestAsync();

        Assert.Equal(0, await bot.WithDbAsync(db => db.CoordinatorsChannels.CountAsync()));
    }

    [Fact]
    public async Task Case_commands_are_not_answered_in_a_channel_everyone_reads_but_go_on_in_the_personal_chat()
    {
        await using var bot = await ChannelBotHarness.StartAsync();
        var adapter = bot.Channel(Coordinator);

        await new TestFlow(adapter, bot.Bot)
            .Send(ChannelBotHarness.Mention(adapter, "overzicht"))
            .AssertReply(reply => Assert.Equal("a:chat-" + Coordinator, reply.Conversation!.Id), "the first reply is in his own chat")
            .Do(() =>
            {
                var inChannel = adapter.SentActivities.Where(a => a.Conversation!.Id!.StartsWith(ChannelBotHarness.ChannelId, StringComparison.Ordinal)).ToList();
                Assert.Equal(PestProtocol.Bot.Bots.PestProtocolBot.ContinuedInPersonalChat, Assert.Single(inChannel).Text);
                return Task.CompletedTask;
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_in_a_channel_and_the_greeting_when_added_to_a_team_offer_only_linking_not_case_work()
    {
        await using var bot = await ChannelBotHarness.StartAsync();
        var adapter = bot.Channel(Coordinator);
        var added = ChannelBotHarness.Mention(adapter, string.Empty);
        added.Type = ActivityTypes.ConversationUpdate;
        added.Text = null;
        added.Entities = null;
        added.MembersAdded = [new ChannelAccount { Id = adapter.Conversation.Bot!.Id }];

        static bool ChannelCard(ReceivedCard card) =>
            card.ContainsText(WelcomeCards.ChannelTitle) && card.ContainsText("koppel kanaal")
            && !card.ContainsText("Voor leerlingen") && card.FindAction("Melding starten") is null && card.FindAction("Anoniem melden") is null;

        await new TestFlow(adapter, bot.Bot)
            .Send(added)
            .AssertCard(ChannelCard)
            .Send(ChannelBotHarness.Mention(adapter, "help"))
            .AssertCard(ChannelCard)
            .AssertNoReply()
            .StartTestAsync();

        var card = WelcomeCards.Channel();
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));
    }

    [Fact]
    public async Task An_activity_from_a_team_teaches_the_bot_the_teams_connector_address()
    {
        await using var bot = await ChannelBotHarness.StartAsync();
        var adapter = bot.Channel(Coordinator);

        await new TestFlow(adapter, bot.Bot)
            .Send(ChannelBotHarness.Mention(adapter, "help"))
            .AssertReply(_ => { })
            .StartTestAsync();

        var team = await bot.WithDbAsync(db => db.TeamAddresses.AsNoTracking().SingleAsync());
        Assert.Equal(ChannelBotHarness.TeamId, team.TeamId);
        Assert.Equal(adapter.Conversation.ServiceUrl, team.ServiceUrl);
        Assert.Equal(ChannelBotHarness.TenantId, team.TenantId);
    }
}
