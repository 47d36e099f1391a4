using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Features.Overview;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Tests.Overview;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using static PestProtocol.Bot.Tests.Overview.OverviewTestCases;

namespace PestProtocol.Bot.Tests.Records;

public sealed class MagisterNoteTests
{
    [Fact]
    public async Task Mentor_gets_a_plain_text_note_in_a_copyable_text_field_with_date_step_what_who_and_next_action()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code} magister").AssertCardContains(MagisterNoteCard.Title).StartTestAsync();

        var card = Assert.Single(SentCards(adapter));
        var note = NoteOf(card);
        var lines = note.Split('\n');
        Assert.Equal($"Pestprotocol, melding {code} – Sanne de Boer, klas 2b, Locatie De Wilgen", lines[0]);
        Assert.Equal("Dossierstappen #1 t/m #3, overgenomen uit PestProtocol op di 24 nov 2026.", lines[1]);
        Assert.Equal("", lines[2]);
        Assert.Equal("ma 2 nov 2026, 10:15 – Stap 1 – Vermoedens van pesten (dossier #1)", lines[3]);
        Assert.Equal("Vastgelegd door: Anouk de Vries (mentor)", lines[4]);
        Assert.Equal("Wat er is gedaan: Na de gymles huilend in de kleedkamer gezien.", lines[5]);
        Assert.Contains("ma 2 nov 2026, 12:15 – Stap 1 – Vermoeden bevestigd (dossier #2)", lines);
        Assert.Contains("Wat er is gedaan: Oriënterend gesprek gevoerd; het vermoeden klopt.", lines);
        Assert.Contains("di 3 nov 2026, 10:15 – Stap 2 – Ouders informeren (dossier #3)", lines);
        Assert.Contains(lines, l => l.StartsWith("Ouders geïnformeerd: telefonisch door Anouk de Vries, di 3 nov 2026, 10:15", StringComparison.Ordinal));
        Assert.Contains("Stand nu: Stap 2 – Ouders informeren.", lines);
        Assert.Contains("Volgende actie: Stap 3: kies samen met de leerling route A, B of C.", lines);

        // Plain text that survives a paste: no markdown, no tabs, no carriage returns, every entry separated by one empty line.
        Assert.DoesNotContain("**", note, StringComparison.Ordinal);
        Assert.DoesNotContain("\t", note, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", note, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", note, StringComparison.Ordinal);
        Assert.Equal(4, lines.Count(l => l.Length == 0));

        var field = card.FindElement(MagisterNoteCard.NoteInputId)!;
        Assert.Equal("Input.Text", (string?)field["type"]);
        Assert.True((bool?)field["isMultiline"]);
        Assert.True(card.ContainsText("selecteer alles"));
        await AssertValidAsync([card]);
    }

    [Fact]
    // Issue 13 item 4: the note goes into the VICTIM's Magister logbook, so it names no other student, not even in the
    // free text where his name can be told apart: "de pester (zie dossier <code>)". (The dossier card now names him.)
    public async Task Victims_note_refers_to_the_bully_by_the_dossier_never_by_name_and_agreements_are_listed()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var at = Opened.AddDays(2);
        c.ChooseRoute(Route.B, chosenWithStudent: true, MentorRef, at);
        c.B1MediationConversation(MentorRef, at.AddDays(1), new MediationConversation(
            [new CaseParticipant(BotHarness.Sanne, ParticipantRole.Victim), new CaseParticipant("e2e0e000-0000-4000-a000-000000000102", ParticipantRole.Bully), new CaseParticipant(BotHarness.Coordinator, ParticipantRole.Staff)],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met beide leerlingen gevoerd.",
            ["Lars laat Sanne met rust in de pauze."]));
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code} magister vanaf stap 5").AssertCardContains(MagisterNoteCard.Title).StartTestAsync();

        var note = NoteOf(Assert.Single(SentCards(adapter)));
        Assert.StartsWith($"Pestprotocol, melding {code}", note, StringComparison.Ordinal);
        Assert.Contains("Dossierstap #5, overgenomen", note, StringComparison.Ordinal);
        Assert.DoesNotContain("(dossier #4)", note, StringComparison.Ordinal);
        Assert.Contains($"Betrokken: slachtoffer, de pester (zie dossier {code}), Jeroen Bakker", note, StringComparison.Ordinal);
        Assert.Contains($"Afspraken:\n- de pester (zie dossier {code}) laat Sanne met rust in de pauze.", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Lars", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoekstra", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bully_gets_his_own_note_with_his_part_and_the_victim_only_by_her_part()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var at = Opened.AddDays(2);
        c.ChooseRoute(Route.B, chosenWithStudent: true, MentorRef, at);
        c.B1MediationConversation(MentorRef, at.AddDays(1), new MediationConversation(
            [new CaseParticipant(BotHarness.Sanne, ParticipantRole.Victim), new CaseParticipant("e2e0e000-0000-4000-a000-000000000102", ParticipantRole.Bully)],
            [.. Domain.Appendices.Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id)],
            "Gesprek met Sanne de Boer en Lars gevoerd.",
            ["Lars laat Sanne met rust in de pauze."]));
        c.AddNote(MentorRef, at.AddDays(2), "Sanne voelt zich veiliger.");
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code}").AssertCardContains(DossierCard.BullyMagisterButton)
            .ClickButton(DossierCard.BullyMagisterButton).AssertCardContains(MagisterNoteCard.BullyTitle).StartTestAsync();

        var note = NoteOf(SentCards(adapter)[^1]);
        Assert.StartsWith($"Pestprotocol, melding {code} – Lars Hoekstra: als dader betrokken", note, StringComparison.Ordinal);
        Assert.Contains("(dossier #5)", note, StringComparison.Ordinal);
        Assert.DoesNotContain("(dossier #6)", note, StringComparison.Ordinal); // the note about the victim is not his part
        Assert.Contains($"Betrokken: het slachtoffer (zie dossier {code}), dader (deze leerling)", note, StringComparison.Ordinal);
        Assert.Contains($"Wat er is gedaan: Gesprek met het slachtoffer (zie dossier {code}) en Lars gevoerd.", note, StringComparison.Ordinal);
        Assert.Contains($"- Lars laat het slachtoffer (zie dossier {code}) met rust in de pauze.", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Sanne", note, StringComparison.Ordinal);
        await AssertValidAsync(SentCards(adapter));

        await using var scope = bot.Services.CreateAsyncScope();
        var kinds = await scope.ServiceProvider.GetRequiredService<Bot.Persistence.PestProtocolDbContext>().DossierAccessLog.Select(r => r.Kind).ToListAsync();
        Assert.Contains(DossierAccessKind.BullyMagisterNote, kinds);
        Assert.DoesNotContain(DossierAccessKind.MagisterNote, kinds); // the victim's entries are not marked as in her logbook
    }

    [Fact]
    public async Task A_case_without_a_named_bully_says_how_to_name_him()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, _) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code} magister dader").AssertCardContains("staat geen dader met naam").StartTestAsync();
    }

    [Fact]
    public async Task Exported_entries_are_marked_in_the_dossier_and_the_next_note_starts_after_them()
    {
        await using var bot = await BotHarness.StartAsync();
        var c = ParentsInformed(BotHarness.Sanne, "2b");
        var code = await bot.AddCaseAsync(c, MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code}").AssertCardContains($"Dossier {code}").StartTestAsync();
        Assert.False(SentCards(adapter)[^1].ContainsText(DossierCard.InMagisterMark));

        (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code} magister").AssertCardContains(MagisterNoteCard.Title)
            .Send($"dossier {code}").AssertCardContains(DossierCard.InMagisterMark)
            .StartTestAsync();
        var dossier = SentCards(adapter)[^1];
        Assert.Equal(3, dossier.Texts.Count(t => t.Contains(DossierCard.InMagisterMark, StringComparison.Ordinal)));

        // A new step later: "Kopieer voor Magister" proposes only what is not in Magister yet.
        bot.Clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Bot.Persistence.ICaseStore>();
            var stored = (await store.FindAsync(c.Id, CancellationToken.None))!;
            stored.ChooseRoute(Route.C, chosenWithStudent: true, MentorRef, BotHarness.Now.AddDays(1));
            await store.SaveAsync(stored, [], [], CancellationToken.None);
        }

        (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code}").AssertCardContains($"Dossier {code}")
            .ClickButton(DossierCard.MagisterMakeButton).AssertCardContains(MagisterNoteCard.Title)
            .StartTestAsync();
        var note = NoteOf(SentCards(adapter)[^1]);
        Assert.Contains("Dossierstap #4, overgenomen", note, StringComparison.Ordinal);
        Assert.DoesNotContain("(dossier #3)", note, StringComparison.Ordinal);

        (flow, adapter) = bot.ChatAs(BotHarness.Mentor);
        await flow.Send($"dossier {code}").AssertCardContains($"Dossier {code}")
            .ClickButton(DossierCard.MagisterMakeButton, new Dictionary<string, string> { [DossierCard.MagisterFromInputId] = "2" })
            .AssertCardContains("een deel van deze stappen stond al in een eerdere notitie")
            .StartTestAsync();
        Assert.Contains("Dossierstappen #2 t/m #4", NoteOf(SentCards(adapter)[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everything_already_in_Magister_or_a_step_that_does_not_exist_gets_a_clear_answer()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, _) = bot.ChatAs(BotHarness.Mentor);

        await flow.Send($"dossier {code} magister").AssertCardContains(MagisterNoteCard.Title)
            .Send($"dossier {code} magister").AssertCardContains("staan al in een eerdere notitie voor Magister")
            .Send($"dossier {code} magister vanaf 40").AssertCardContains("er is geen stap #40")
            .Send($"dossier {code} magister vanaf 1").AssertCardContains("Dossierstappen #1 t/m #3")
            .StartTestAsync();
    }

    [Fact]
    public async Task Someone_without_a_role_in_the_case_gets_the_refusal_and_no_note()
    {
        await using var bot = await BotHarness.StartAsync();
        var code = await bot.AddCaseAsync(ParentsInformed(BotHarness.Sanne, "2b"), MentorAndCoordinator);
        var (flow, adapter) = bot.ChatAs(BotHarness.Docent);

        await flow.Send($"dossier {code} magister").AssertReply(DossierDialog.RefusalText).StartTestAsync();
        Assert.Empty(SentCards(adapter));
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Bot.Persistence.PestProtocolDbContext>();
        Assert.Empty(db.DossierAccessLog);
    }

    [Theory]
    [InlineData("vanaf stap 3", 3)]
    [InlineData("vanaf #3", 3)]
    [InlineData(" van 12", 12)]
    [InlineData("3", 3)]
    [InlineData("vanaf stap drie", null)]
    [InlineData("vanaf -1", null)]
    [InlineData("", null)]
    public void The_first_step_is_read_from_the_words_after_magister(string words, int? expected) =>
        Assert.Equal(expected, MagisterNote.ParseFrom(words));

    internal static string NoteOf(ReceivedCard card) =>
        (string?)card.FindElement(MagisterNoteCard.NoteInputId)?["value"] ?? throw new Xunit.Sdk.XunitException("No note field: " + card);
}
