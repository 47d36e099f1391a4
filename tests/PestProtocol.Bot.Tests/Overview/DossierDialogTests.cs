using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Features.Overview;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Overview;

public sealed class DossierDialogTests
{
    [Fact]
    public async Task Dossier_lists_every_step_in_order_with_actor_time_and_details_and_shows_corrections()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var confirmed = c.Dossier[1];
        c.Correct(OverviewTestCases.CoordinatorRef, Opened.AddDays(3), confirmed.Id, "Het gesprek was op dinsdag, niet op maandag.");
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code}").AssertCardContains($"Dossier {code}").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        var texts = card.Texts.ToList();
        int IndexOf(string fragment) => texts.FindIndex(t => t.Contains(fragment, StringComparison.Ordinal));
        var order = new[]
        {
            IndexOf("#1 Stap 1 – Vermoedens van pesten"),
            IndexOf("#2 Stap 1 – Vermoeden bevestigd"),
            IndexOf("#3 Stap 2 – Ouders informeren"),
            IndexOf("#4 Correctie op #2 (Stap 1 – Vermoeden bevestigd, ma 2 nov 2026, 12:15)"),
        };
        Assert.All(order, i => Assert.True(i >= 0, card.ToString()));
        Assert.Equal(order.Order(), order);

        Assert.True(card.ContainsText("ma 2 nov 2026, 10:15 · Anouk de Vries (mentor)"), "Amsterdam time and the actor");
        Assert.True(card.ContainsText("do 5 nov 2026, 10:15 · Jeroen Bakker (anti-pestcoördinator)"), "the correction names who corrected");
        Assert.True(card.ContainsText("Het gesprek was op dinsdag, niet op maandag."));
        Assert.True(card.ContainsText("telefonisch door Anouk de Vries, di 3 nov 2026, 10:15"));
        Assert.True(card.ContainsText("ouders van het slachtoffer"));
        Assert.True(card.ContainsText("Sanne de Boer"), "the header names the student");
        Assert.True(card.ContainsText("Locatie De Wilgen"));
        Assert.True(card.ContainsText("Stap 3: kies samen met de leerling route A, B of C."));
        Assert.Equal([$"melding {code}"], ButtonCommands(card, OverviewCard.ContinueButton));
        await AssertValidAsync([card]);
    }

    [Fact]
    // Issue 13 item 4 reverses an earlier privacy choice: the dossier card is seen only by staff with a role in the case,
    // and for them the bully is a named participant ("Pester: Lars Hoekstra (2b)"). The Magister note for the victim's
    // logbook still names no other student (MagisterNoteTests).
    public async Task Route_choice_agreements_and_participants_name_the_bully_for_staff_in_the_case()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var at = Opened.AddDays(2);
        c.ChooseRoute(Domain.Routes.Route.B, chosenWithStudent: true, MentorRef, at);
        c.B1MediationConversation(MentorRef, at.AddDays(1), new Domain.Routes.MediationConversation(
            [new CaseParticipant(BotHarness.Sanne, ParticipantRole.Victim), new CaseParticipant("e2e0e000-0000-4000-a000-000000000102", ParticipantRole.Bully), new CaseParticipant(BotHarness.Coordinator, ParticipantRole.Staff)],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met beide leerlingen gevoerd.",
            ["Lars laat Sanne met rust in de pauze.", "Over twee weken een vervolggesprek."]));
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Coordinator);
        await flow.Send($"/dossier {code}").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.True(card.ContainsText("route B, samen met de leerling gekozen"), card.ToString());
        Assert.True(card.ContainsText("slachtoffer, dader Lars Hoekstra (2b), Jeroen Bakker"), card.ToString());
        Assert.True(card.ContainsText("- Lars laat Sanne met rust in de pauze."));
        Assert.True(card.ContainsText(DossierCard.PupilsHeading));
        Assert.Contains("Pester", card.Texts);
        Assert.Contains("Lars Hoekstra (2b)", card.Texts);
        Assert.Contains("Sanne de Boer (2b)", card.Texts);
        await AssertValidAsync([card]);
    }

    [Fact]
    public async Task Docent_who_is_not_a_member_gets_the_refusal_and_nothing_about_the_case()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Docent);
        await flow.Send($"dossier {code}").AssertReply(DossierDialog.RefusalText).AssertNoReply().StartTestAsync();

        Assert.Empty(SentCards(adapter));
        Assert.All(adapter.SentActivities, a => Assert.DoesNotContain("Sanne", a.Text ?? "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-0999")]
    [InlineData("2031-0001")]
    [InlineData("geen-code")]
    public async Task Unknown_code_gets_the_same_refusal_as_a_forbidden_one(string code)
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (mentor, _) = bot.ChatAs(BotHarness.Mentor);
        var (docent, _) = bot.ChatAs(BotHarness.Docent);

        await mentor.Send($"dossier {code}").AssertReply(DossierDialog.RefusalText).StartTestAsync();
        await docent.Send($"dossier {code}").AssertReply(DossierDialog.RefusalText).StartTestAsync();
    }

    [Fact]
    public async Task Without_a_code_the_user_picks_one_of_their_open_cases()
    {
        await using var bot = await BotHarness.StartAsync();
        var sanne = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var emma = await bot.AddCaseAsync(Open(BotHarness.Emma, "1a", Opened.AddDays(5)), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send("dossier")
            .AssertCardContains(DossierDialog.ChoiceTitle)
            .ClickButton(DossierDialog.ShowButton, new Dictionary<string, string> { [DossierDialog.ChoiceInputId] = sanne })
            .AssertCardContains($"Dossier {sanne}")
            .StartTestAsync();

        var cards = SentCards(adapter);
        Assert.True(cards[0].ContainsText($"{emma} · Emma Postma · klas 1a"));
        Assert.True(cards[1].ContainsText("Sanne de Boer"));
        Assert.False(cards[1].ContainsText("Emma"));
        await AssertValidAsync(cards);
    }

    [Fact]
    public async Task The_dossier_button_on_the_overview_opens_the_dossier()
    {
        await using var bot = await BotHarness.StartAsync();
        var sanne = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, _) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send("overzicht").AssertCardContains(sanne)
            .ClickButton(OverviewCard.DossierButton).AssertCardContains($"Dossier {sanne}")
            .StartTestAsync();
    }

    [Fact]
    public async Task Without_open_cases_dossier_explains_how_to_open_a_closed_one()
    {
        await using var bot = await BotHarness.StartAsync();
        var (flow, _) = bot.ChatAs(BotHarness.Docent);
        await flow.Send("dossier").AssertReply(DossierDialog.NoOpenCasesText).StartTestAsync();
    }

    [Fact]
    public async Task A_closed_case_can_still_be_read_by_its_members()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = Open(BotHarness.Sanne, "2b", Opened);
        c.RejectSuspicion(MentorRef, Opened.AddDays(1), "Na het gesprek: geen pesten, wel ruzie die is bijgelegd.");
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code}").AssertCardContains("#2 Melding gesloten").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.Empty(ButtonCommands(card, OverviewCard.ContinueButton));
        Assert.True(card.ContainsText("Vermoeden niet bevestigd"));
        await AssertValidAsync([card]);
    }

    [Fact]
    public async Task A_dossier_of_a_hundred_entries_stays_under_80_KB_with_older_steps_folded_away()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = Open(BotHarness.Sanne, "2b", Opened);
        var note = string.Concat(Enumerable.Repeat("Gesprek gevoerd in de pauze, afspraken herhaald en genoteerd. ", 6));
        for (var i = 1; i < 100; i++)
        {
            c.AddNote(i % 2 == 0 ? MentorRef : CoordinatorRef, Opened.AddHours(i), $"{i}: {note}");
        }

        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code}").StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        Assert.True(card.Json.ToJsonString().Length * sizeof(char) <= 80 * 1024, $"{card.Json.ToJsonString().Length * 2} bytes");
        Assert.NotNull(card.FindAction(DossierCard.OlderButton));
        Assert.True(card.ContainsText("#100 Notitie bij Stap 1 – Vermoedens van pesten"));
        Assert.True(card.ContainsText("#81 Notitie"), "the newest 20 are on the card");
        Assert.True(card.ContainsText("#1 Stap 1 – Vermoedens van pesten"), "the oldest is under 'Oudere stappen'");
        await AssertValidAsync([card]);
    }
}
