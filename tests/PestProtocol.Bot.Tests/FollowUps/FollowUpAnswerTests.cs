using PestProtocol.Bot.Tests.Persistence;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>
/// The mentor answers the card "Hoe gaat het met Sanne de Boer?" in the personal chat: the bullying goes on → stap 4 and
/// the /melding dialog asks for route D or E; it goes well → closed with the note; another follow-up → on a school day.
/// A missing note or a free day brings the card back with what was filled in; nobody else can answer.
/// </summary>
public sealed class FollowUpAnswerTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateOnly FollowUpDay = new(2026, 11, 16);

    private async Task<(FollowUpWorld World, Guid CaseId)> RemindedAsync()
    {
        var world = await FollowUpWorld.StartAsync(database.Provider, await database.CreateEmptyDatabaseAsync());
        var caseId = await world.RouteACaseAsync(FollowUpDay);
        world.MoveTo(new DateTimeOffset(2026, 11, 16, 8, 5, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await world.Scheduler().RunOnceAsync(CancellationToken.None));
        return (world, caseId);
    }

    [Fact]
    public async Task The_bullying_goes_on_leads_into_step_4_and_its_route_choice()
    {
        var (world, caseId) = await RemindedAsync();
        await using var _ = world;
        var submit = await world.ReminderButtonAsync("Het pesten gaat door", new Dictionary<string, string?> { ["toelichting"] = "Ze wordt weer uitgelachen, nu ook in de groepsapp." });

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(submit)
            .AssertReplyContains("Vastgelegd in melding 2026-0001: Stap 4")
            .AssertCardContains("Kies de route")
            .StartTestAsync();

        var c = await world.CaseAsync(caseId);
        Assert.Equal(ProtocolStep.Step4BullyingContinues, c.CurrentStep);
        Assert.Equal("Ze wordt weer uitgelachen, nu ook in de groepsapp.", c.Dossier[^1].Text);
        Assert.Null(c.PendingFollowUp);
    }

    [Fact]
    public async Task Without_a_note_the_card_comes_back_with_what_is_missing_and_nothing_changes()
    {
        var (world, caseId) = await RemindedAsync();
        await using var _ = world;
        var submit = await world.ReminderButtonAsync("Het pesten gaat door", new Dictionary<string, string?> { ["toelichting"] = "  ", ["vervolgdatum"] = "2026-11-30" });

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(submit)
            .AssertCard(card => card.ContainsText("Schrijf kort wat er nog gebeurt") && card.ContainsText("Hoe gaat het met Sanne de Boer?"))
            .StartTestAsync();

        Assert.Equal(ProtocolStep.A3FollowUp, (await world.CaseAsync(caseId)).CurrentStep);
    }

    [Fact]
    public async Task It_goes_well_closes_the_case_with_the_note()
    {
        var (world, caseId) = await RemindedAsync();
        await using var _ = world;
        var submit = await world.ReminderButtonAsync("Het gaat goed: melding afsluiten", new Dictionary<string, string?> { ["toelichting"] = "Sanne zit weer lekker in de klas." });

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(submit)
            .AssertReplyContains("Vastgelegd in melding 2026-0001")
            .AssertReplyContains("Melding 2026-0001 is afgesloten")
            .StartTestAsync();

        var c = await world.CaseAsync(caseId);
        Assert.True(c.IsClosed);
        Assert.Equal(DossierEntryKind.Closed, c.Dossier[^1].Kind);
        Assert.Contains("Sanne zit weer lekker in de klas.", c.Dossier[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_follow_up_must_be_on_a_school_day()
    {
        var (world, caseId) = await RemindedAsync();
        await using var _ = world;
        var onSaturday = await world.ReminderButtonAsync("Nieuwe vervolgafspraak", new Dictionary<string, string?> { ["vervolgdatum"] = "2026-11-28", ["toelichting"] = "Nog even volgen." });
        var onMonday = await world.ReminderButtonAsync("Nieuwe vervolgafspraak", new Dictionary<string, string?> { ["vervolgdatum"] = "2026-11-30", ["toelichting"] = "Nog even volgen." });

        await world.Chat(FollowUpWorld.Mentor)
            .Submit(onSaturday)
            .AssertCard(card => card.ContainsText("is geen schooldag") && card.ContainsText("ma 30 nov"))
            .Submit(onMonday)
            .AssertReplyContains("Vastgelegd in melding 2026-0001")
            .AssertReplyContains("Het volgende vervolgmoment is")
            .StartTestAsync();

        var pending = (await world.CaseAsync(caseId)).PendingFollowUp;
        Assert.NotNull(pending);
        Assert.Equal(FollowUpStage.Planned, pending.Stage);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(1)), pending.Day);
    }

    [Fact]
    public async Task A_colleague_without_a_role_in_the_case_cannot_answer()
    {
        var (world, caseId) = await RemindedAsync();
        await using var _ = world;
        var submit = await world.ReminderButtonAsync("Het gaat goed: melding afsluiten", new Dictionary<string, string?> { ["toelichting"] = "Gaat goed." });

        await world.Chat("e2e0c000-0000-4000-a000-000000000003")
            .Submit(submit)
            .AssertReplyContains("Deze melding kan ik niet voor je openen")
            .StartTestAsync();

        Assert.Equal(ProtocolStep.A3FollowUp, (await world.CaseAsync(caseId)).CurrentStep);
    }

    [Fact]
    public async Task Typing_vervolg_lists_the_planned_follow_ups()
    {
        var (world, _) = await RemindedAsync();
        await using var __ = world;
        await world.Chat(FollowUpWorld.Mentor)
            .Send("vervolg")
            .AssertReplyContains("2026-0001 (klas 2b): ma 16 nov")
            .StartTestAsync();
    }
}
