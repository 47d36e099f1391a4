using System.Text.Json;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using Microsoft.Extensions.DependencyInjection;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>Who may do what in /melding, stale cards, a restart mid-dialog, the step-1 alerts and the student search.</summary>
public sealed class MeldingGuardTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    [Fact]
    public async Task A_student_typing_melding_gets_the_kind_explanation_and_no_case_is_made()
    {
        await new MeldingConversation(_bot, BotHarness.Daan)
            .Say("melding").Expect("Dit onderdeel is voor medewerkers van de school.")
            .ExpectNone("Over welke leerling")
            .RunAsync();

        Assert.Empty(await _bot.CasesAsync());
    }

    [Fact]
    public async Task A_staff_member_who_is_not_involved_cannot_continue_a_case_by_its_code()
    {
        await OpenCaseAsync(BotHarness.Anouk);

        await new MeldingConversation(_bot, BotHarness.Marco)
            .Say($"melding {CaseCodes.First}").Expect($"Melding {CaseCodes.First} kan ik niet voor je openen")
            .ExpectNone("Klopt het vermoeden?")
            .Say($"melding {CaseCodes.Nth(999)}").Expect($"Melding {CaseCodes.Nth(999)} kan ik niet voor je openen")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Single(await _bot.DossierAsync(@case.Id));
    }

    [Fact]
    public async Task The_coordinator_is_a_member_from_step_1_and_can_continue_the_case()
    {
        await OpenCaseAsync(BotHarness.Anouk);

        await new MeldingConversation(_bot, BotHarness.Jeroen)
            .Say($"melding {CaseCodes.First}").Expect("Klopt het vermoeden?")
            .Click("Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }).Expect($"Vastgelegd in melding {CaseCodes.First}").Expect("Wie gaat welke stappen ondernemen?")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        var dossier = await _bot.DossierAsync(@case.Id);
        Assert.Equal(BotHarness.Jeroen, dossier[^1].ActorStaffId);
        Assert.Equal(StaffRole.AntiPestCoordinator, dossier[^1].ActorRole);
    }

    [Fact]
    public async Task A_button_of_an_earlier_card_gets_the_engines_answer_and_changes_nothing()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await talk
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .Click("Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }).Expect("Wie gaat welke stappen ondernemen?")
            // The step-1 card is still in the chat: pressing "Nee" there must not close the case.
            .Click("Nee, het klopt niet", new Dictionary<string, object?> { ["notitie"] = "toch niet" }, cardsBack: 1)
            .Expect("Deze kaart hoort bij een eerdere vraag")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal([ProtocolStep.Step1Suspicion, ProtocolStep.Step1SuspicionConfirmed], (await _bot.DossierAsync(@case.Id)).Select(e => e.Step));
        Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, @case.CurrentStep);
    }

    [Fact]
    public async Task When_a_colleague_took_the_step_first_the_user_gets_the_protocols_reason_and_the_current_step()
    {
        var anouk = new MeldingConversation(_bot, BotHarness.Anouk);
        await anouk
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .RunAsync();
        await new MeldingConversation(_bot, BotHarness.Jeroen)
            .Say($"melding {CaseCodes.First}").Expect("Klopt het vermoeden?")
            .Click("Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }).Expect("Wie gaat welke stappen ondernemen?")
            .RunAsync();

        // Anouk's step-1 card is still open in her chat; she confirms too.
        await anouk.Continue(_bot)
            .Click("Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }).ExpectNone("Vastgelegd")
            .RunAsync();
        var card = BotFramework.Testing.ReceivedCard.From(anouk.Adapter.SentActivities[^1]);
        Assert.True(card?.ContainsText("Wie gaat welke stappen ondernemen?"));
        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Single(await _bot.DossierAsync(@case.Id), e => e.Step == ProtocolStep.Step1SuspicionConfirmed);
    }

    [Fact]
    public async Task A_route_needs_the_choice_made_together_with_the_student()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route B").Expect("Vink 'Deze keuze is samen met de leerling gemaakt' aan.")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(ProtocolStep.Step2ParentsInformed, @case.CurrentStep);
    }

    [Fact]
    public async Task After_a_restart_the_dialog_goes_on_exactly_where_it_was()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await talk
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .RunAsync();

        var file = _bot.DatabaseFile;
        var lastCard = talk.Adapter.SentActivities[^1];
        await _bot.DisposeAsync();
        _bot = await BotHarness.StartAsync(file);

        // The restarted bot gets a press on the card the old one sent.
        var restarted = new MeldingConversation(_bot, BotHarness.Anouk);
        await restarted
            .ClickOn(lastCard, "Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Oriënterend gesprek gevoerd; het vermoeden klopt." }).Expect($"Vastgelegd in melding {CaseCodes.First}").Expect("Wie gaat welke stappen ondernemen?")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(ProtocolStep.Step1SuspicionConfirmed, @case.CurrentStep);
    }

    [Fact]
    public async Task When_a_docent_signals_the_mentor_and_the_coordinator_are_alerted_and_the_mentor_gets_the_case_through_the_outbox()
    {
        // Handover branch: the docent records step 1 and is done; the mentor holds the case and gets one card for it.
        await new MeldingConversation(_bot, BotHarness.Fatima)
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Anouk de Vries (mentor) heeft de melding overgenomen")
            .ExpectNone("Klopt het vermoeden?")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        var step1 = (await _bot.DossierAsync(@case.Id))[0];
        Assert.Equal(StaffRole.Docent, step1.ActorRole);
        var outbox = await _bot.OutboxAsync();
        var alerts = outbox.Where(o => o.Kind == CaseAlertPayload.Kind).ToList();
        Assert.Equal([BotHarness.Anouk, BotHarness.Jeroen], alerts.Select(o => o.RecipientId).Order());
        Assert.All(alerts, o => Assert.Contains(step1.Id.ToString("N"), o.DedupKey, StringComparison.Ordinal));
        var handedOver = Assert.Single(outbox, o => o.Kind == Features.Cases.CaseHandedOverPayload.Kind);
        Assert.Equal(BotHarness.Anouk, handedOver.RecipientId);
    }

    [Fact]
    public async Task A_typed_name_that_fits_several_students_offers_a_choice_and_one_that_fits_none_asks_again()
    {
        await new MeldingConversation(_bot, BotHarness.Anouk)
            .Say("melding").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Zwanenburg" }).Expect("Ik vind geen leerling die past bij 'Zwanenburg'").Expect("Over welke leerling")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "1a" }).Expect("Welke leerling bedoel je?")
            .Click("Deze leerling", new Dictionary<string, object?> { ["leerling"] = "e2e0e000-0000-4000-a000-000000000104" }).Expect("Noah Dijkstra (1a)")
            .RunAsync();
    }

    [Fact]
    public async Task The_student_search_answers_with_name_and_class_and_the_directory_id()
    {
        var search = _bot.Services.GetRequiredService<StudentSearch>();
        var answer = await search.AnswerAsync(new SearchInvokeValue { QueryText = "sanne", Dataset = StudentSearch.Dataset }, CancellationToken.None);

        var result = Assert.Single(answer.Value.Results);
        Assert.Equal("Sanne de Boer (2b)", result.Title);
        Assert.Equal(BotHarness.Sanne, result.Value);
        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("\"results\"", JsonSerializer.Serialize(answer, BotJson.Options), StringComparison.Ordinal);
        Assert.Empty((await search.AnswerAsync(new SearchInvokeValue { QueryText = " " }, CancellationToken.None)).Value.Results);
    }

    private Task OpenCaseAsync(string staffId) => new MeldingConversation(_bot, staffId)
        .Say("melding").Expect("Over welke leerling")
        .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
        .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
        .RunAsync();
}
