using System.Text.Json;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Tests.Persistence.CaseSteps;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>Staff cards that respect a mentor's time (issue 15, item 7): the right people to pick, the right question at the right moment.</summary>
public sealed class StaffCardTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    [Fact]
    public async Task B1_lets_the_mentor_pick_the_intern_begeleider_and_the_team_leader_as_people_who_held_the_conversation()
    {
        const string ingrid = "e2e0c000-0000-4000-a000-000000000005"; // intern begeleider / zorgfunctionaris of De Wilgen
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" })
            .ExpectAll("Stap B.1", "Ikzelf (Anouk", "Ingrid Visser (intern begeleider / zorgfunctionaris)", "Marco Jansen (teamleider)")
            .Click("Gesprek vastleggen", Fill.AllTopics(new() { ["daderNaam"] = "Lars", ["gesprekDoor"] = $"{BotHarness.Anouk},{ingrid}", ["tekst"] = "Gesprek met Lars en Sanne gevoerd, samen met de IB.", ["afspraken"] = "Lars laat Sanne met rust" }))
            .Expect("Stap B.2")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        var b1 = (await _bot.DossierAsync(@case.Id)).Single(e => e.Step == ProtocolStep.B1MediationConversation);
        Assert.Contains(ingrid, b1.Participants, StringComparison.Ordinal);
        Assert.Contains(BotHarness.Anouk, b1.Participants, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_melding_card_says_to_type_melding_with_the_case_code_and_records_nothing()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap B.1")
            .Click("Later verder").Expect("blijft staan")
            .Click("Gesprek vastleggen", Fill.AllTopics(new() { ["daderNaam"] = "Lars", ["gesprekDoor"] = BotHarness.Anouk, ["tekst"] = "Te laat geklikt.", ["afspraken"] = "Lars laat Sanne met rust" }))
            .Expect("met deze knop gebeurt niets meer. Verder gaan? Typ 'melding 20")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.DoesNotContain(await _bot.DossierAsync(@case.Id), e => e.Step == ProtocolStep.B1MediationConversation);
    }

    [Fact]
    public void B4_plans_the_follow_up_meeting_until_its_day_has_come_and_only_then_asks_how_it_went()
    {
        var @case = Open("dewilgen");
        @case.ConfirmSuspicion(Mentor, At(1), "Het vermoeden klopt.");
        @case.InformParents(Mentor, At(2), Parents(2));
        @case.ChooseRoute(Route.B, chosenWithStudent: true, Mentor, At(3));
        @case.B1MediationConversation(Mentor, At(4), new MediationConversation(
            [Victim, Bully], Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id).ToList(), "Gesprek gevoerd.", ["Met rust laten."], null, null, DigitalTipsGiven: true));
        @case.B2Report(Mentor, At(5), Parents(5), "Gemeld.");
        @case.B3RecordEvent(Mentor, At(6), "Gebeurtenis genoteerd.", ["Met rust laten."], [Victim, Bully]);

        var planning = Json(RouteBCards.B4("2026-0001", @case, Day(6)));
        Assert.Contains(RouteBCards.WhatSoFar, planning, StringComparison.Ordinal);
        Assert.Contains("Plan de vervolgafspraak", planning, StringComparison.Ordinal);
        Assert.Contains("Vervolgafspraak plannen", planning, StringComparison.Ordinal);
        Assert.DoesNotContain(RouteBCards.HowDidItGo, planning, StringComparison.Ordinal);

        @case.B4FollowUpMeeting(Mentor, At(7), agreementsKept: true, bullyingPersists: false, At(21), "Het gaat tot nu toe goed.");
        var beforeTheDay = Json(RouteBCards.B4("2026-0001", @case, Day(10)));
        Assert.DoesNotContain(RouteBCards.HowDidItGo, beforeTheDay, StringComparison.Ordinal);
        Assert.Contains(RouteBCards.WhatSoFar, beforeTheDay, StringComparison.Ordinal);

        var onTheDay = Json(RouteBCards.B4("2026-0001", @case, Day(21)));
        Assert.Contains(RouteBCards.HowDidItGo, onTheDay, StringComparison.Ordinal);
        Assert.Contains("Vervolgafspraak vastleggen", onTheDay, StringComparison.Ordinal);
        Assert.DoesNotContain(RouteBCards.WhatSoFar, onTheDay, StringComparison.Ordinal);
    }

    private static DateOnly Day(int day) => DateOnly.FromDateTime(At(day).DateTime);

    private static string Json(PestProtocol.BotFramework.Cards.AdaptiveCard card) =>
        JsonSerializer.Serialize(card, new JsonSerializerOptions(BotJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
