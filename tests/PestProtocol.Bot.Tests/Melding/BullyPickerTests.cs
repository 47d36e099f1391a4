using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// Issue 13 item 4: the step cards of route B (and D, E, the herstelgesprek) record the bully as a named participant,
/// picked from the directory or, for a student who is not in it, typed; a pick that is not a student is refused.
/// </summary>
public sealed class BullyPickerTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    [Fact]
    public async Task A_bully_not_in_the_directory_is_kept_by_his_typed_name_through_B1_and_B3_and_named_on_the_dossier_card()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap B.1")
            .Click("Gesprek vastleggen", Fill.AllTopics(new() { ["daderNaam"] = "  Kevin   Smit ", ["gesprekDoor"] = BotHarness.Anouk, ["tekst"] = "Gesprek met Kevin en Sanne gevoerd.", ["afspraken"] = "Kevin laat Sanne met rust" }))
            .Expect("Stap B.2")
            .Click("Gesprek met ouders vastleggen", Fill.Parents(new() { ["tekst"] = "Ouders, teamleider, coördinator en IB ingelicht." }))
            .ExpectAll("Stap B.3", "Nog een dader (niet verplicht)", "staat al in het dossier: Kevin Smit.")
            .Click("Vastleggen", Fill.Text("Uitschelden bij de bushalte.", new() { ["afspraken"] = "Kevin laat Sanne met rust" })).Expect("Stap B.4")
            .Click("Later verder").Expect("blijft staan")
            .Say($"dossier {CaseCodes.First}").ExpectAll("Betrokken leerlingen", "Pester", "Kevin Smit (niet in de schoolgegevens)")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        var dossier = await _bot.DossierAsync(@case.Id);
        var b1 = dossier.Single(e => e.Step == ProtocolStep.B1MediationConversation);
        var b3 = dossier.Single(e => e.Step == ProtocolStep.B3EventRecorded);
        Assert.Contains("\"name\":\"Kevin Smit\"", b1.Participants, StringComparison.Ordinal);
        Assert.Contains("buiten-directory-", b1.Participants, StringComparison.Ordinal);
        var reference = System.Text.RegularExpressions.Regex.Match(b1.Participants, "buiten-directory-[0-9a-f]{32}").Value;
        Assert.Contains(reference, b3.Participants, StringComparison.Ordinal);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task A_second_bully_picked_on_B3_joins_the_first_one()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap B.1")
            .Click("Gesprek vastleggen", Fill.AllTopics(new() { ["dader"] = BotHarness.Lars, ["gesprekDoor"] = BotHarness.Anouk, ["tekst"] = "Gesprek gevoerd.", ["afspraken"] = "Met rust laten" }))
            .Expect("Stap B.2")
            .Click("Gesprek met ouders vastleggen", Fill.Parents(new() { ["tekst"] = "Ingelicht." })).Expect("Stap B.3")
            .Click("Vastleggen", Fill.Text("Samen met een klasgenoot.", new() { ["afspraken"] = "Met rust laten", ["daderNaam"] = "Kevin Smit" })).Expect("Stap B.4")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        var b3 = (await _bot.DossierAsync(@case.Id)).Single(e => e.Step == ProtocolStep.B3EventRecorded);
        Assert.Contains(BotHarness.Lars, b3.Participants, StringComparison.Ordinal);
        Assert.Contains("Kevin Smit", b3.Participants, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pick_that_is_not_a_student_is_refused_and_nothing_is_recorded()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap B.1")
            .Click("Gesprek vastleggen", Fill.AllTopics(new() { ["dader"] = BotHarness.Jeroen, ["gesprekDoor"] = BotHarness.Anouk, ["tekst"] = "Gesprek gevoerd.", ["afspraken"] = "Met rust laten" }))
            .Expect("Die leerling kan ik niet vinden")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.DoesNotContain(await _bot.DossierAsync(@case.Id), e => e.Step == ProtocolStep.B1MediationConversation);
    }

    [Theory]
    [InlineData("true", "Bully")]
    [InlineData("false", "SuspectedBully")]
    public async Task E1_records_the_suspect_spoken_to_as_the_bully_once_he_admits_else_as_the_suspected_bully(string admitted, string role)
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route C", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap C.1")
            .Click("Gesprek vastleggen", Fill.Text("Geen idee wie het is.")).Expect("Stap C.2")
            .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap C.3")
            .Click("Notitie vastleggen", Fill.Text("Notitie.")).Expect("Stap C.4")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect($"Typ later 'melding {CaseCodes.First}'")
            .Say($"melding {CaseCodes.First}").Expect("Wat wil je nu doen?")
            .Click("Pesten gaat door", new Dictionary<string, object?> { ["toelichting"] = "Er komen weer berichten." }).Expect("Stap 4 – Keuze uit route D / E")
            .Click("Route E").ExpectAll("Stap E.1", "Met welke leerling sprak je?")
            .Click("Gesprek vastleggen", Fill.Text("Sanne verdenkt Lars; Lars is apart gesproken.", new() { ["verdachteOpSchool"] = "true", ["verdachteGeeftToe"] = admitted, ["daderNaam"] = "Lars" }))
            .Expect(admitted == "true" ? "Stap D.1" : "Stap E.2")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        var e1 = (await _bot.DossierAsync(@case.Id)).Single(e => e.Step == ProtocolStep.E1ConversationWithVictimAndParents);
        Assert.Contains($"{{\"reference\":\"{BotHarness.Lars}\",\"role\":\"{role}\"", e1.Participants, StringComparison.Ordinal);
        await talk.AssertCardsValidAsync();
    }
}
