using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Hosting;
using PestProtocol.Bot.Tests.Hosting;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Commands;

/// <summary>
/// Card verbs and commands are registered by name: a second registration of one verb or word stops the bot when it
/// starts, with a message that names the word and both owners, instead of one silently shadowing the other.
/// </summary>
public sealed class RegistrationByNameTests
{
    private static readonly BotCommand Melding = new("melding", ["/melding", "melding maken"], "melding", "Melding starten", "…", Audience.Staff, "de melding");

    [Fact]
    public async Task A_second_handler_for_a_card_verb_stops_the_bot_at_start_naming_the_verb_and_both_handlers()
    {
        var refused = await ComposedHost.StartRefusedAsync(s => s.AddSingleton<ICardActionHandler>(new ShadowingHandler(CaseAlertCard.TakeVerb)));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains($"'{CaseAlertCard.TakeVerb}'", problem, StringComparison.Ordinal);
        Assert.Contains(nameof(CaseTakeHandler), problem, StringComparison.Ordinal);
        Assert.Contains(nameof(ShadowingHandler), problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_command_with_the_same_word_stops_the_bot_at_start()
    {
        var refused = await ComposedHost.StartRefusedAsync(s => s.AddSingleton(Melding with { DialogId = "another-dialog", Aliases = [] }));

        Assert.Contains(refused.Problems, p => p.Contains("'melding' is registered twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bot_as_composed_starts_and_each_verb_reaches_its_handler()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var app = new BotApp(connector);
        using var client = app.CreateClient();

        var router = app.Services.GetRequiredService<CardActionRouter>();
        Assert.IsType<CaseTakeHandler>(router.Find(CaseAlertCard.TakeVerb));
        Assert.IsType<CaseTakeHandler>(router.Find(CaseAlertCard.RefreshVerb));
        Assert.Null(router.Find("no.such.verb"));
        Assert.Null(router.Find(null));
    }

    [Fact]
    public void The_router_names_every_verb_claimed_twice_at_once()
    {
        var refused = Assert.Throws<BotConfigurationException>(() => new CardActionRouter(
            [new ShadowingHandler("report.take", "report.reply"), new ShadowingHandler("report.take", "report.reply", "report.close")]));

        Assert.Equal(2, refused.Problems.Count);
        Assert.Contains("'report.take'", refused.Problems[0], StringComparison.Ordinal);
        Assert.Contains("'report.reply'", refused.Problems[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("/Stop")]
    [InlineData("bijlage 3")]
    public void A_command_cannot_take_a_built_in_word(string alias)
    {
        var refused = Assert.Throws<BotConfigurationException>(() => new CommandRecognizer([Melding with { Aliases = [alias] }]));

        Assert.Contains(refused.Problems, p => p.Contains("the command 'melding'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_of_one_command_that_is_another_commands_name_is_refused()
    {
        var overzicht = new BotCommand("overzicht", ["melding maken"], "overview", "Overzicht", "…", Audience.Staff, "het overzicht");

        var refused = Assert.Throws<BotConfigurationException>(() => new CommandRecognizer([Melding, overzicht]));

        Assert.Equal("Commands: 'melding maken' is registered twice, by the command 'melding' and by the command 'overzicht'. Give one of them another word.", Assert.Single(refused.Problems));
    }

    private sealed class ShadowingHandler(params string[] verbs) : ICardActionHandler
    {
        public IReadOnlyCollection<string> Verbs { get; } = verbs;

        public Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, JsonElement data, CancellationToken cancellationToken) =>
            Task.FromResult(AdaptiveCardInvokeResponse.Message("shadow"));
    }
}
