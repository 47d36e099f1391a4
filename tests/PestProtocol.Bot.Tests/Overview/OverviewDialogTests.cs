using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Persistence;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Overview;

public sealed class OverviewDialogTests
{
    [Fact]
    public async Task Mentor_sees_their_open_cases_with_step_next_action_and_buttons()
    {
        await using var bot = await BotHarness.StartAsync();
        var sanne = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var emma = await bot.AddCaseAsync(RouteAWithOverdueFollowUp(BotHarness.Emma, "1a"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send("overzicht")
            .AssertCard(card => card.ContainsText(OverviewCard.MySectionTitle))
            .StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.True(card.ContainsText($"{sanne} · Sanne de Boer · klas 2b"), card.ToString());
        Assert.True(card.ContainsText("Stap 2 – Ouders informeren"));
        Assert.True(card.ContainsText("Stap 3: kies samen met de leerling route A, B of C."));
        Assert.True(card.ContainsText($"{emma} · Emma Postma · klas 1a"));
        Assert.True(card.ContainsText("Stap A.3 – Blijf de leerling volgen"));
        Assert.True(card.ContainsText("Vervolgafspraak was op di 17 nov"));
        Assert.False(card.ContainsText(OverviewCard.LocationSectionTitle));

        // Most recently active first: Emma's case moved on later than Sanne's.
        var texts = card.Texts.ToList();
        Assert.True(texts.FindIndex(t => t.Contains(emma, StringComparison.Ordinal)) < texts.FindIndex(t => t.Contains(sanne, StringComparison.Ordinal)));

        Assert.Equal([$"melding {emma}", $"melding {sanne}"], ButtonCommands(card, OverviewCard.ContinueButton));
        Assert.Equal([$"dossier {emma}", $"dossier {sanne}"], ButtonCommands(card, OverviewCard.DossierButton));
        await AssertValidAsync([card]);
    }

    [Fact]
    public async Task Overdue_follow_up_is_shown_in_attention_colour_and_a_future_one_as_a_date()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.AddCaseAsync(RouteAWithOverdueFollowUp(BotHarness.Emma, "1a"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send("mijn meldingen").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        var json = card.Json.ToJsonString();
        Assert.Contains("\"color\":\"attention\"", json, StringComparison.Ordinal);
        Assert.Contains("Vervolgafspraak was op di 17 nov", json, StringComparison.Ordinal);

        bot.Clock.Advance(TimeSpan.FromDays(-14)); // back to 10 November: the follow-up still lies ahead
        var (earlier, earlierAdapter) = bot.ChatAs(BotHarness.Mentor);
        await earlier.Send("/overzicht").StartTestAsync();
        var before = Assert.Single(SentCards(earlierAdapter));
        Assert.True(before.ContainsText("di 17 nov"));
        Assert.False(before.ContainsText("Vervolgafspraak was op"));
        Assert.DoesNotContain("attention", before.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordinator_sees_all_open_cases_of_the_location_once()
    {
        await using var bot = await BotHarness.StartAsync();
        var sanne = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);

        // A case the coordinator has no membership row for (e.g. appointed later): the location list still shows it.
        var emma = await bot.AddCaseAsync(Open(BotHarness.Emma, "1a", Opened), new CaseMember(BotHarness.Mentor, StaffRole.Mentor));
        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await flow.Send("meldingen").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.True(card.ContainsText(OverviewCard.LocationSectionTitle), card.ToString());
        Assert.True(card.ContainsText("Locatie De Wilgen"));
        Assert.True(card.ContainsText($"{sanne} · Sanne de Boer"));
        Assert.True(card.ContainsText($"{emma} · Emma Postma"));
        Assert.True(card.ContainsText("Bespreek het vermoeden in de docentengroep"));
        Assert.Single(ButtonCommands(card, OverviewCard.ContinueButton), $"melding {sanne}");
        await AssertValidAsync([card]);
    }

    [Fact]
    public async Task Docent_without_a_role_in_the_case_sees_no_cases_and_a_way_to_start_one()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Docent);
        await flow.Send("overzicht").AssertCardContains("geen open meldingen").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.False(card.ContainsText("Sanne"));
        Assert.False(card.ContainsText("2b"));
        Assert.Equal(["melding"], ButtonCommands(card, OverviewCard.StartButton));
        await AssertValidAsync([card]);
    }

    [Fact]
    public async Task Student_typing_overzicht_gets_the_kind_staff_only_explanation()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Student);
        await flow.Send("overzicht").AssertCardContains("Dit onderdeel is voor medewerkers van de school.")
            .Send("dossier 2026-0001").AssertCardContains("Dit onderdeel is voor medewerkers van de school.")
            .StartTestAsync();

        Assert.All(SentCards(adapter), card => Assert.False(card.ContainsText("Sanne")));
    }

    [Fact]
    public async Task More_than_fifteen_cases_are_cut_off_with_the_remaining_codes_and_stay_under_the_size_limit()
    {
        await using var bot = await BotHarness.StartAsync();
        var codes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            codes.Add(await bot.AddCaseAsync(Open(BotHarness.Sanne, "2b", Opened.AddHours(i)), MentorAndCoordinator));
        }

        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send("overzicht").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.Equal(OverviewCard.MaxCasesPerCard, ButtonCommands(card, OverviewCard.ContinueButton).Count());
        Assert.True(card.ContainsText("…en nog 5 open meldingen"), card.ToString());
        Assert.True(card.ContainsText(codes[0]), "the oldest case's code is listed in the remainder");
        Assert.True(card.Json.ToJsonString().Length * sizeof(char) <= 80 * 1024);
        await AssertValidAsync([card]);
    }
}
