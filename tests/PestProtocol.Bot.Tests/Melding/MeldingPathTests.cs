using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>Every path through the flowchart, walked by a mentor through the real bot, checked in the dossier.</summary>
public sealed class MeldingPathTests : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private DateTimeOffset _started;

    public async Task InitializeAsync()
    {
        _started = DateTimeOffset.UtcNow.AddSeconds(-1);
        _bot = await BotHarness.StartAsync();
    }

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    /// <summary>Intake about Sanne, suspicion confirmed, parents informed: the route card is showing.</summary>
    internal static MeldingConversation UpToRouteChoice(MeldingConversation talk, bool digital = false) => talk
        .Say("melding").Expect("Over welke leerling gaat het?")
        .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien of gehoord?")
        .Click("Melding vastleggen", Fill.Intake(digital: digital)).Expect("Klopt het vermoeden?")
        .Click("Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }).Expect("Vastgelegd in melding").Expect("Wie gaat welke stappen ondernemen?")
        .Click("Ouders zijn geïnformeerd", Fill.Parents(new() { ["wieWelkeStappen"] = "De mentor praat met Sanne; de coördinator kijkt mee." }))
        .Expect("Kies samen met de leerling een route");

    internal static MeldingConversation RouteB(MeldingConversation talk) => talk
        .Click("Route B", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap B.1 – Bemiddelingsgesprek")
        .Click("Gesprek vastleggen", Fill.AllTopics(new() { ["daderNaam"] = "Lars", ["gesprekDoor"] = BotHarness.Anouk, ["tekst"] = "Gesprek met Lars en Sanne gevoerd.", ["afspraken"] = "Lars laat Sanne met rust\nSanne meldt het bij de mentor" }))
        .Expect("Stap B.2")
        .Click("Gesprek met ouders vastleggen", Fill.Parents(new() { ["tekst"] = "Ouders, teamleider, coördinator en IB ingelicht." })).Expect("Stap B.3")
        .Click("Vastleggen", Fill.Text("Uitschelden in de pauze, twee weken lang.", new() { ["afspraken"] = "Lars laat Sanne met rust\nSanne meldt het bij de mentor" })).Expect("Stap B.4");

    /// <summary>Route A to its follow-up, then "pesten gaat door" and route E with the bully unknown, E.1 to E.4.</summary>
    internal static MeldingConversation RouteAThenE(MeldingConversation talk) => talk
        .Click("Route A", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap A.1")
        .Click("Vastleggen", Fill.Text("Thema in de klas.")).Expect("Stap A.2")
        .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap A.3")
        .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later")
        .Say($"melding {CaseCodes.First}").Expect("Wat wil je nu doen?")
        .Click("Pesten gaat door", new Dictionary<string, object?> { ["toelichting"] = "Het gaat door." }).Expect("Stap 4")
        .Click("Route E").Expect("Stap E.1")
        .Click("Gesprek vastleggen", Fill.Text("Niemand bekend.")).Expect("Stap E.2")
        .Click("Vastleggen", Fill.Text("Data vastgelegd.")).Expect("Stap E.3")
        .Click("Gesprek met ouders vastleggen", Fill.Parents(new() { ["tekst"] = "Iedereen ingelicht." })).Expect("Stap E.4")
        .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later");

    [Fact]
    public async Task Route_b_walks_b1_to_b4_and_leaves_every_step_in_the_dossier()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await RouteB(UpToRouteChoice(talk))
            .Click("Vervolgafspraak plannen", new Dictionary<string, object?> { ["afsprakenNagekomen"] = "true", ["pestenHoudtAan"] = "false", ["vervolgdatum"] = MeldingConversation.InDays(14), ["tekst"] = "Afspraken worden nagekomen." })
            .Expect("Vastgelegd in melding").Expect("Typ later 'melding 20")
            .RunAsync();

        var dossier = await AssertDossierAsync(
            ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed, ProtocolStep.Step3RouteB,
            ProtocolStep.B1MediationConversation, ProtocolStep.B2Reported, ProtocolStep.B3EventRecorded, ProtocolStep.B4FollowUpMeeting);
        Assert.All(dossier, e => Assert.Equal(BotHarness.Anouk, e.ActorStaffId));
        var b1 = dossier.Single(e => e.Step == ProtocolStep.B1MediationConversation);
        Assert.Contains(BotHarness.Lars, b1.Participants, StringComparison.Ordinal);
        Assert.Contains("Lars laat Sanne met rust", b1.Agreements, StringComparison.Ordinal);
        Assert.True(dossier.Single(e => e.Step == ProtocolStep.Step3RouteB).ChosenWithStudent);
        Assert.Equal(ParentContactMethod.Phone, dossier.Single(e => e.Step == ProtocolStep.Step2ParentsInformed).ParentsContactMethod);
        Assert.NotNull(dossier[^1].FollowUpDate);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Route_a_walks_a1_to_a3()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await UpToRouteChoice(talk)
            .Click("Route A", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap A.1")
            .Click("Vastleggen", Fill.Text("Les over pesten en de gevolgen, met een pesttest.", new() { ["tipsGegeven"] = "true" })).Expect("Stap A.2")
            .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap A.3")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later 'melding 20")
            .RunAsync();

        await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
            ProtocolStep.Step3RouteA, ProtocolStep.A1ThemeInClass, ProtocolStep.A2ParentsInformed, ProtocolStep.A3FollowUp);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Route_c_with_digital_bullying_needs_the_bijlage_5_tips()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await UpToRouteChoice(talk, digital: true)
            .Click("Route C", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap C.1")
            .Click("Gesprek vastleggen", Fill.Text("Ze weet niet wie de berichten stuurt.")).Expect("Vink 'De tips van bijlage 5 zijn gegeven' aan.")
            .Click("Gesprek vastleggen", Fill.Text("Ze weet niet wie de berichten stuurt.", new() { ["tipsGegeven"] = "true" })).Expect("Stap C.2")
            .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap C.3")
            .Click("Notitie vastleggen", Fill.Text("Screenshots bewaard.")).Expect("Stap C.4")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later 'melding 20")
            .RunAsync();

        var dossier = await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
            ProtocolStep.Step3RouteC, ProtocolStep.C1ConversationWithStudent, ProtocolStep.C2ParentsInformed, ProtocolStep.C3DossierNote, ProtocolStep.C4FollowUp);
        Assert.True(dossier.Single(e => e.Step == ProtocolStep.C1ConversationWithStudent).DigitalTipsGiven);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Route_d_after_b4_when_the_bullying_persists_then_herstelgesprek_is_not_offered_before_d5()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await RouteB(UpToRouteChoice(talk))
            .Click("Vervolgafspraak plannen", new Dictionary<string, object?> { ["afsprakenNagekomen"] = "false", ["pestenHoudtAan"] = "true", ["tekst"] = "Lars gaat gewoon door." })
            .Expect("Stap 4 – Keuze uit route D / E")
            .Then(() =>
            {
                var card = BotFramework.Testing.ReceivedCard.From(talk.Adapter.SentActivities[^1])!;
                Assert.Contains("Route D", card.ActionTitles);
                Assert.DoesNotContain("Route E", card.ActionTitles);
                return Task.CompletedTask;
            })
            .Click("Route D").Expect("Stap D.1")
            .Click("Vastleggen", Fill.Text("Teamleider en IB ingeschakeld.")).Expect("Stap D.2")
            .Click("Gesprek vastleggen", Fill.Text("Confronterend gesprek met Lars en zijn ouders.", new() { ["afspraken"] = "Excuses aan Sanne" })).Expect("Stap D.3")
            .Click("Ouders zijn ingelicht", Fill.Parents()).Expect("Stap D.4")
            .Click("Notitie vastleggen", Fill.Text("Alles vastgelegd.")).Expect("Stap D.5")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later 'melding 20")
            .RunAsync();

        var dossier = await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
            ProtocolStep.Step3RouteB, ProtocolStep.B1MediationConversation, ProtocolStep.B2Reported, ProtocolStep.B3EventRecorded, ProtocolStep.B4FollowUpMeeting,
            ProtocolStep.Step4BullyingContinues, ProtocolStep.Step4RouteD, ProtocolStep.D1TeamleiderInvolved, ProtocolStep.D2ConfrontingConversation,
            ProtocolStep.D3VictimParentsInformed, ProtocolStep.D4DossierNote, ProtocolStep.D5FollowUp);
        Assert.True(dossier.Single(e => e.Step == ProtocolStep.B4FollowUpMeeting).BullyingPersists);
        Assert.Contains(BotHarness.Lars, dossier.Single(e => e.Step == ProtocolStep.D2ConfrontingConversation).Participants, StringComparison.Ordinal);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Route_e_then_d_when_the_suspect_admits_via_step_4_from_a_follow_up()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await UpToRouteChoice(talk)
            .Click("Route C", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap C.1")
            .Click("Gesprek vastleggen", Fill.Text("Geen idee wie het is.")).Expect("Stap C.2")
            .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap C.3")
            .Click("Notitie vastleggen", Fill.Text("Notitie.")).Expect("Stap C.4")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect($"Typ later 'melding {CaseCodes.First}'")
            .Say($"melding {CaseCodes.First}").Expect("Wat wil je nu doen?")
            .Then(() =>
            {
                var titles = BotFramework.Testing.ReceivedCard.From(talk.Adapter.SentActivities[^1])!.ActionTitles.ToList();
                Assert.Equal(["Nieuwe vervolgafspraak", "Pesten gaat door", "Melding afsluiten", "Later verder"], titles);
                return Task.CompletedTask;
            })
            .Click("Pesten gaat door", new Dictionary<string, object?> { ["toelichting"] = "Er komen weer berichten." }).Expect("Stap 4 – Keuze uit route D / E")
            .Click("Route E").Expect("Stap E.1")
            .Click("Gesprek vastleggen", Fill.Text("Sanne verdenkt Lars; Lars is apart gesproken.", new() { ["verdachteOpSchool"] = "true", ["verdachteGeeftToe"] = "true" }))
            .Expect("Stap D.1")
            .RunAsync();

        var dossier = await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
            ProtocolStep.Step3RouteC, ProtocolStep.C1ConversationWithStudent, ProtocolStep.C2ParentsInformed, ProtocolStep.C3DossierNote, ProtocolStep.C4FollowUp,
            ProtocolStep.Step4BullyingContinues, ProtocolStep.Step4RouteE, ProtocolStep.E1ConversationWithVictimAndParents, ProtocolStep.Step4RouteD);
        Assert.Equal(DossierEntryKind.RouteSwitched, dossier[^1].Kind);
        Assert.Equal(Route.D, dossier[^1].Route);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Route_e_walks_e1_to_e4_when_the_bully_stays_unknown()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await RouteAThenE(UpToRouteChoice(talk))
            .RunAsync();

        await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
            ProtocolStep.Step3RouteA, ProtocolStep.A1ThemeInClass, ProtocolStep.A2ParentsInformed, ProtocolStep.A3FollowUp,
            ProtocolStep.Step4BullyingContinues, ProtocolStep.Step4RouteE, ProtocolStep.E1ConversationWithVictimAndParents, ProtocolStep.E2DataRecorded,
            ProtocolStep.E3Reported, ProtocolStep.E4FollowUp);
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Herstelgesprek_after_b_keeps_the_signing_order_and_then_the_case_closes()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await RouteB(UpToRouteChoice(talk))
            .Click("Vervolgafspraak plannen", new Dictionary<string, object?> { ["afsprakenNagekomen"] = "true", ["pestenHoudtAan"] = "false", ["vervolgdatum"] = MeldingConversation.InDays(7), ["tekst"] = "Gaat goed." })
            .Expect("Typ later")
            .Say($"melding {CaseCodes.First}").Expect("Wat wil je nu doen?")
            .Click("Herstelgesprek").Expect("Bijlage 8")
            .Click("Overeenkomst vastleggen", new Dictionary<string, object?> { ["overeenkomst"] = "We laten elkaar met rust.", ["handtekening1"] = "slachtoffer", ["handtekening2"] = "dader", ["handtekening3"] = "ondersteuners" })
            .Expect("volgorde")
            .Click("Overeenkomst vastleggen", new Dictionary<string, object?> { ["overeenkomst"] = "We laten elkaar met rust.", ["handtekening1"] = "dader", ["handtekening2"] = "slachtoffer", ["handtekening3"] = "ondersteuners" })
            .Expect("Vastgelegd in melding").Expect("Typ later")
            .Say($"melding {CaseCodes.First}").Expect("Wat wil je nu doen?")
            .Click("Melding afsluiten", new Dictionary<string, object?> { ["toelichting"] = "Opgelost." }).Expect("Melding gesloten")
            .RunAsync();

        var dossier = await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed, ProtocolStep.Step2ParentsInformed,
            ProtocolStep.Step3RouteB, ProtocolStep.B1MediationConversation, ProtocolStep.B2Reported, ProtocolStep.B3EventRecorded, ProtocolStep.B4FollowUpMeeting,
            ProtocolStep.Herstelgesprek, ProtocolStep.Closed);
        var herstel = dossier.Single(e => e.Step == ProtocolStep.Herstelgesprek);
        Assert.True(herstel.Signatures.IndexOf("\"bully\"", StringComparison.OrdinalIgnoreCase) < herstel.Signatures.IndexOf("\"victim\"", StringComparison.OrdinalIgnoreCase)
            || herstel.Signatures.IndexOf(BotHarness.Lars, StringComparison.Ordinal) < herstel.Signatures.IndexOf(BotHarness.Sanne, StringComparison.Ordinal));
        await talk.AssertCardsValidAsync();
    }

    [Fact]
    public async Task Not_confirmed_closes_with_the_note_and_can_be_reopened()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await talk
            .Say("melding").Expect("Over welke leerling gaat het?")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien of gehoord?")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .Click("Nee, het klopt niet").Expect("Vul 'Notitie' in.")
            .Click("Nee, het klopt niet", new Dictionary<string, object?> { ["notitie"] = "Na het gesprek: het was een ruzie die is bijgelegd." })
            .Expect("Vermoeden niet bevestigd. Blijf alert").Expect("om de melding te heropenen")
            .Say($"melding {CaseCodes.First}").Expect("Reden om te heropenen")
            .Click("Heropenen", new Dictionary<string, object?> { ["toelichting"] = "Nieuwe signalen in de klas." }).Expect("Klopt het vermoeden?")
            .RunAsync();

        var dossier = await AssertDossierAsync(ProtocolStep.Step1Suspicion, ProtocolStep.Closed, ProtocolStep.Step1Suspicion);
        Assert.Equal(DossierEntryKind.Closed, dossier[1].Kind);
        Assert.Contains("ruzie", dossier[1].Text, StringComparison.Ordinal);
        Assert.Equal(DossierEntryKind.Reopened, dossier[2].Kind);
        await talk.AssertCardsValidAsync();
    }

    /// <summary>The one case's dossier has exactly these steps, in order, recorded during this test.</summary>
    private async Task<List<PestProtocol.Bot.Persistence.Records.DossierEntryRecord>> AssertDossierAsync(params ProtocolStep[] steps)
    {
        var @case = Assert.Single(await _bot.CasesAsync());
        var dossier = await _bot.DossierAsync(@case.Id);
        Assert.Equal(steps, dossier.Select(e => e.Step));
        Assert.Equal(Enumerable.Range(1, dossier.Count), dossier.Select(e => e.Sequence));
        Assert.All(dossier, e => Assert.InRange(e.RecordedAt, _started, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.True(dossier.Zip(dossier.Skip(1)).All(p => p.First.RecordedAt <= p.Second.RecordedAt));
        Assert.All(dossier, e => Assert.False(string.IsNullOrEmpty(e.ActorStaffId)));
        Assert.All(dossier.Where(e => e.ActorStaffId == BotHarness.Anouk), e => Assert.Equal(StaffRole.Mentor, e.ActorRole));
        return dossier;
    }
}
