using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.BotFramework.Testing;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>
/// Issue 13 item 4, D.5/E.4 "blijf zowel slachtoffer als dader volgen": on the follow-up day the mentor gets a card for
/// the victim and a card of its own for the bully; each answer is its own dossier entry.
/// </summary>
public sealed class BullyFollowUpTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateOnly FollowUpDay = new(2026, 11, 16);

    private async Task<(FollowUpWorld World, Guid CaseId)> RemindedInRouteDAsync()
    {
        var world = await FollowUpWorld.StartAsync(database.Provider, await database.CreateEmptyDatabaseAsync());
        var now = world.Clock.GetUtcNow();
        var mentor = new StaffRef(FollowUpWorld.Mentor, StaffRole.Mentor);
        var c = Case.Open(new NewSuspicion(FollowUpWorld.Sanne, "2b", "dewilgen", mentor, [], false, "Ze wordt in de pauze uitgelachen."), now);
        c.ConfirmSuspicion(mentor, now, "Het vermoeden klopt.");
        c.InformParents(mentor, now, new ParentsInformation(FollowUpWorld.Mentor, now, ParentContactMethod.Phone, "De mentor voert de gesprekken."));
        c.ChooseRoute(Route.C, true, mentor, now);
        c.C1ConversationWithStudent(mentor, now, "Gesprek met Sanne.", false);
        c.C2InformParents(mentor, now, new ParentsInformation(FollowUpWorld.Mentor, now, ParentContactMethod.Phone));
        c.C3DossierNote(mentor, now, "Notitie.");
        c.C4FollowUp(mentor, now, now.AddDays(1));
        c.BullyingContinues(mentor, now, "Het pesten gaat door.");
        c.ChooseRoute(Route.D, false, mentor, now);
        c.D1InvolveTeamleider(mentor, now, "Teamleider ingeschakeld.");
        c.D2ConfrontingConversation(mentor, now, new ConfrontingConversation(
            [new(FollowUpWorld.Lars, ParticipantRole.Bully), new(FollowUpWorld.Lars, ParticipantRole.BullyParents)], "Gesprek met Lars en zijn ouders.", ["Lars laat Sanne met rust."]));
        c.D3InformVictimParents(mentor, now, new ParentsInformation(FollowUpWorld.Mentor, now, ParentContactMethod.Phone));
        c.D4DossierNote(mentor, now, "Notitie.");
        c.D5FollowUp(mentor, now, SchoolTime.FollowUpMoment(FollowUpDay));
        await using (var scope = world.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ICaseStore>().AddAsync(c, [new CaseMember(FollowUpWorld.Mentor, StaffRole.Mentor)], [], CancellationToken.None);
        }

        world.MoveTo(new DateTimeOffset(2026, 11, 16, 8, 5, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        return (world, c.Id);
    }

    private static ReceivedCard Card(string json) =>
        ReceivedCard.From(PestProtocol.BotFramework.Schema.Activity.CreateAttachmentMessage(PestProtocol.BotFramework.Cards.AdaptiveCard.FromJson(json).ToAttachment()))!;

    private static async Task<System.Text.Json.Nodes.JsonObject> BullyButtonAsync(FollowUpWorld world, string note)
    {
        var message = Assert.Single(await world.OutboxAsync(FollowUpBullyReminderPayload.Kind));
        var json = await world.RenderAsync(message);
        Assert.NotNull(json);
        var card = ReceivedCard.From(PestProtocol.BotFramework.Schema.Activity.CreateAttachmentMessage(PestProtocol.BotFramework.Cards.AdaptiveCard.FromJson(json).ToAttachment()))!;
        var data = (System.Text.Json.Nodes.JsonObject)card.FindAction(FollowUpCards.BullyButton)!["data"]!.DeepClone();
        data[FollowUpCards.Note] = note;
        return data;
    }

    [Fact]
    public async Task The_victim_and_the_bully_each_get_their_own_card_on_the_follow_up_day()
    {
        var (world, _) = await RemindedInRouteDAsync();
        await using var _w = world;

        var victim = Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind));
        var bully = Assert.Single(await world.OutboxAsync(FollowUpBullyReminderPayload.Kind));
        Assert.Equal(FollowUpWorld.Mentor, bully.RecipientId);
        Assert.DoesNotContain("Lars", bully.Payload, StringComparison.Ordinal);

        var victimCard = await world.RenderAsync(victim);
        Assert.Contains("Hoe gaat het met Sanne de Boer?", victimCard, StringComparison.Ordinal);
        Assert.Contains("eigen kaart", victimCard, StringComparison.Ordinal);
        var bullyCard = await world.RenderAsync(bully);
        Assert.Contains("Hoe gaat het met Lars Hoekstra? (dader)", bullyCard, StringComparison.Ordinal);
        Assert.Contains("Lars Hoekstra (2b)", bullyCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Het gaat goed: melding afsluiten", bullyCard, StringComparison.Ordinal);
        await Overview.OverviewTestCases.AssertValidAsync([Card(bullyCard!), Card(victimCard!)]);
    }

    [Fact]
    public async Task The_bullys_answer_is_his_own_dossier_entry_and_the_victims_follow_up_stays_open()
    {
        var (world, caseId) = await RemindedInRouteDAsync();
        await using var _w = world;
        var submit = await BullyButtonAsync(world, "Lars houdt zich aan de afspraken; hij zoekt Sanne niet meer op.");

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(submit)
            .AssertReplyContains("Vastgelegd in melding 2026-0001")
            .AssertReplyContains("Het vervolg van Lars Hoekstra staat in het dossier")
            .StartTestAsync();

        var c = await world.CaseAsync(caseId);
        var entry = c.Dossier[^1];
        Assert.Equal(DossierEntryKind.BullyFollowUp, entry.Kind);
        Assert.Equal(FollowUpWorld.Lars, Assert.Single(entry.Participants).Reference);
        Assert.Equal("Lars houdt zich aan de afspraken; hij zoekt Sanne niet meer op.", entry.Text);
        Assert.Equal(ProtocolStep.D5FollowUp, c.CurrentStep);
        Assert.Equal(FollowUpStage.Reminded, c.PendingFollowUp!.Stage);

        // Answered: the card is not sent again (a late delivery), and the victim's card is still to be answered.
        Assert.Null(await world.RenderAsync(Assert.Single(await world.OutboxAsync(FollowUpBullyReminderPayload.Kind))));
        Assert.NotNull(await world.RenderAsync(Assert.Single(await world.OutboxAsync(FollowUpReminderPayload.Kind))));
        var victim = await world.ReminderButtonAsync("Het gaat goed: melding afsluiten", new Dictionary<string, string?> { ["toelichting"] = "Sanne zit weer lekker in de klas." });
        await world.Chat(FollowUpWorld.Mentor).Submit(victim).AssertReplyContains("Vastgelegd in melding").StartTestAsync();
        Assert.True((await world.CaseAsync(caseId)).IsClosed);
    }

    [Fact]
    public async Task Without_a_note_the_bullys_card_comes_back_and_nothing_is_recorded()
    {
        var (world, caseId) = await RemindedInRouteDAsync();
        await using var _w = world;
        var before = (await world.CaseAsync(caseId)).Dossier.Count;
        var submit = await BullyButtonAsync(world, "   ");

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(submit)
            .AssertCard(card => card.ContainsText("Schrijf kort hoe het met Lars Hoekstra gaat") && card.ContainsText(FollowUpCards.BullyButton))
            .StartTestAsync();

        Assert.Equal(before, (await world.CaseAsync(caseId)).Dossier.Count);
    }

    [Fact]
    public async Task A_card_naming_a_student_who_is_not_a_bully_of_the_case_changes_nothing()
    {
        var (world, caseId) = await RemindedInRouteDAsync();
        await using var _w = world;
        var before = (await world.CaseAsync(caseId)).Dossier.Count;
        var submit = await BullyButtonAsync(world, "Gaat goed.");
        submit[FollowUpCards.BullyKey] = FollowUpWorld.Sanne;

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(submit)
            .AssertReplyContains("staat niet (meer) open")
            .StartTestAsync();

        Assert.Equal(before, (await world.CaseAsync(caseId)).Dossier.Count);
    }

    [Fact]
    public async Task Typing_vervolg_with_the_code_shows_both_cards_again()
    {
        var (world, _) = await RemindedInRouteDAsync();
        await using var _w = world;

        await world.Chat(FollowUpWorld.Mentor)
            .Send("vervolg 2026-0001")
            .AssertCardContains("Hoe gaat het met Sanne de Boer?")
            .AssertCardContains("Hoe gaat het met Lars Hoekstra? (dader)")
            .StartTestAsync();
    }
}
