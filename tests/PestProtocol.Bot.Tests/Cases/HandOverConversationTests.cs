using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Tests.Melding;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Cases;

/// <summary>
/// Cases that pass between colleagues, as conversations: a teacher signals and the mentor takes over; only the one who
/// holds the case gets its step card; an owner hands over, a coordinator assigns, and refusals lose nothing.
/// </summary>
public sealed class HandOverConversationTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    [Fact]
    public async Task A_teacher_signals_the_mentor_gets_the_case_card_and_continues_while_the_teacher_is_told_who_has_it()
    {
        await SignalAsync(BotHarness.Fatima, expect: "Anouk de Vries (mentor) heeft de melding overgenomen");

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(BotHarness.Anouk, @case.OwnerStaffId);
        Assert.Equal(StaffRole.Mentor, @case.OwnerRole);
        var dossier = await _bot.DossierAsync(@case.Id);
        Assert.Equal(DossierEntryKind.HandedOver, dossier[1].Kind);
        Assert.StartsWith("Overgedragen aan Anouk de Vries (mentor): Gesignaleerd door een docent", dossier[1].Text, StringComparison.Ordinal);

        // The mentor's card in her personal chat: who signalled, and a button that opens step 1.
        var card = await RenderAsync(Assert.Single(await _bot.OutboxAsync(), o => o.Kind == CaseHandedOverPayload.Kind));
        Assert.Contains("Fatima El Amrani (docent) heeft een vermoeden van pesten gemeld over Sanne de Boer (2b)", card, StringComparison.Ordinal);
        Assert.Contains($"\"melding {CaseCodes.First}\"", card, StringComparison.Ordinal);
        Assert.Contains("Verder met stap 1", card, StringComparison.Ordinal);

        await new MeldingConversation(_bot, BotHarness.Anouk)
            .Say($"melding {CaseCodes.First}").Expect("Klopt het vermoeden?")
            .Click("Ja, het vermoeden klopt", new Dictionary<string, object?> { ["notitie"] = "Gesprek met Sanne gehad." }).Expect($"Vastgelegd in melding {CaseCodes.First}")
            .RunAsync();

        // The teacher opening the case sees who holds it, and no step card.
        await new MeldingConversation(_bot, BotHarness.Fatima)
            .Say($"melding {CaseCodes.First}").Expect($"Anouk de Vries (mentor) is aan zet bij melding {CaseCodes.First}")
            .ExpectNone("Wie gaat welke stappen ondernemen?")
            .RunAsync();
    }

    [Fact]
    public async Task A_mentor_who_signals_keeps_the_case_and_goes_on_with_step_1()
    {
        await SignalAsync(BotHarness.Anouk, expect: "Klopt het vermoeden?");

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(BotHarness.Anouk, @case.OwnerStaffId);
        Assert.DoesNotContain(await _bot.OutboxAsync(), o => o.Kind == CaseHandedOverPayload.Kind);
    }

    [Fact]
    public async Task The_owner_hands_the_case_over_the_colleague_gets_it_and_the_old_owner_can_no_longer_take_the_step()
    {
        await SignalAsync(BotHarness.Anouk, expect: "Klopt het vermoeden?");

        await new MeldingConversation(_bot, BotHarness.Anouk)
            .Say($"overdragen {CaseCodes.First}").Expect("Wil je stoppen met de melding?").Click("Ja").Expect($"Melding {CaseCodes.First} overdragen")
            .Click("Overdragen", new Dictionary<string, object?> { ["collega"] = BotHarness.Marco, ["reden"] = "Ik ben drie weken met verlof." })
            .Expect($"Melding {CaseCodes.First} is overgedragen aan Marco Jansen")
            .Say($"melding {CaseCodes.First}").Expect($"Marco Jansen (teamleider) is aan zet bij melding {CaseCodes.First}")
            .ExpectNone("Klopt het vermoeden?")
            .RunAsync();

        var @case = Assert.Single(await _bot.CasesAsync());
        Assert.Equal(BotHarness.Marco, @case.OwnerStaffId);
        Assert.Equal("Overgedragen aan Marco Jansen (teamleider): Ik ben drie weken met verlof.", (await _bot.DossierAsync(@case.Id))[^1].Text);
        var told = Assert.Single(await _bot.OutboxAsync(), o => o.Kind == CaseHandedOverPayload.Kind);
        Assert.Equal(BotHarness.Marco, told.RecipientId); // she handed it over herself: only the colleague gets a card
        Assert.Contains($"Melding {CaseCodes.First} is aan jou overgedragen", await RenderAsync(told), StringComparison.Ordinal);

        await new MeldingConversation(_bot, BotHarness.Marco)
            .Say($"melding {CaseCodes.First}").Expect("Klopt het vermoeden?")
            .RunAsync();
    }

    [Fact]
    public async Task A_coordinator_assigns_a_case_and_both_the_new_and_the_old_owner_are_told()
    {
        await SignalAsync(BotHarness.Anouk, expect: "Klopt het vermoeden?");

        await new MeldingConversation(_bot, BotHarness.Jeroen)
            .Say($"overdragen {CaseCodes.First}").Expect("Wijs de melding over Sanne de Boer toe")
            .Click("Overdragen", new Dictionary<string, object?> { ["collega"] = BotHarness.Marco, ["reden"] = "Anouk is ziek." })
            .Expect("overgedragen aan Marco Jansen")
            .RunAsync();

        var cards = (await _bot.OutboxAsync()).Where(o => o.Kind == CaseHandedOverPayload.Kind).ToList();
        Assert.Equal([BotHarness.Anouk, BotHarness.Marco], cards.Select(c => c.RecipientId).Order());
        var forAnouk = await RenderAsync(cards.Single(c => c.RecipientId == BotHarness.Anouk));
        Assert.Contains("Jeroen Bakker (anti-pestcoördinator) heeft de melding over Sanne de Boer (2b) overgedragen aan Marco Jansen (teamleider)", forAnouk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_does_not_hold_the_case_cannot_hand_it_over_and_nothing_changes()
    {
        await SignalAsync(BotHarness.Fatima, expect: "heeft de melding overgenomen");

        await new MeldingConversation(_bot, BotHarness.Fatima)
            .Say($"overdragen {CaseCodes.First}").Expect("Anouk de Vries (mentor) is aan zet").ExpectNone("Aan wie?")
            .RunAsync();

        Assert.Equal(BotHarness.Anouk, Assert.Single(await _bot.CasesAsync()).OwnerStaffId);
    }

    [Fact]
    public async Task A_handover_without_a_reason_brings_the_card_back_and_junk_colleagues_are_refused()
    {
        await SignalAsync(BotHarness.Anouk, expect: "Klopt het vermoeden?");

        await new MeldingConversation(_bot, BotHarness.Anouk)
            .Say($"overdragen {CaseCodes.First}").Expect("Wil je stoppen met de melding?").Click("Ja").Expect("Aan wie?")
            .Click("Overdragen", new Dictionary<string, object?> { ["collega"] = BotHarness.Marco, ["reden"] = " " }).Expect("Schrijf kort waarom")
            .Click("Overdragen", new Dictionary<string, object?> { ["collega"] = BotHarness.Sanne, ["reden"] = "Verlof." }).Expect("Kies een collega van dezelfde locatie")
            .Say("overdragen 2099-0001").Expect("Melding 2099-0001 kan ik niet voor je openen")
            .Say("overdragen").Expect("Welke melding wil je overdragen?")
            .RunAsync();

        Assert.Equal(BotHarness.Anouk, Assert.Single(await _bot.CasesAsync()).OwnerStaffId);
        Assert.DoesNotContain(await _bot.OutboxAsync(), o => o.Kind == CaseHandedOverPayload.Kind);
    }

    private Task SignalAsync(string staffId, string expect) => new MeldingConversation(_bot, staffId)
        .Say("melding").Expect("Over welke leerling")
        .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Sanne" }).Expect("Wat heb je gezien")
        .Click("Melding vastleggen", Fill.Intake()).Expect(expect)
        .RunAsync();

    private async Task<string> RenderAsync(PestProtocol.Bot.Persistence.Outbox.OutboxMessage message)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetServices<IAlertCardRenderer>().Single(r => r.Kind == CaseHandedOverPayload.Kind);
        var card = await renderer.RenderAsync(message, CancellationToken.None);
        Assert.NotNull(card);
        return JsonSerializer.Serialize(card, BotFramework.Schema.BotJson.Options);
    }
}
