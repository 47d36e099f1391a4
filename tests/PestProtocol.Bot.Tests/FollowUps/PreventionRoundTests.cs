using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.Prevention;
using PestProtocol.Bot.Tests.Persistence;

namespace PestProtocol.Bot.Tests.FollowUps;

/// <summary>
/// The yearly prevention round with a clock the test moves: on the start day the coordinator gets the checklist and the
/// mentor a card for the classes, once; the mentor records a class; the coordinator sees it per class and is reminded
/// once, later, of what is not done.
/// </summary>
public sealed class PreventionRoundTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    /// <summary>Monday 31 August 2026, 09:00; the round starts on Tuesday 1 September (default 09-01).</summary>
    private static readonly DateTimeOffset BeforeStart = new(2026, 8, 31, 9, 0, 0, TimeSpan.FromHours(2));

    private static PreventionRound Round(FollowUpWorld world) => world.Services.GetRequiredService<PreventionRound>();

    private async Task<FollowUpWorld> WorldAsync() =>
        await FollowUpWorld.StartAsync(database.Provider, await database.CreateEmptyDatabaseAsync(), start: BeforeStart);

    [Fact]
    public async Task On_the_start_day_the_coordinator_and_the_mentor_get_their_cards_once_and_the_reminder_names_what_is_left()
    {
        await using var world = await WorldAsync();
        Assert.Equal(0, await Round(world).RunOnceAsync(CancellationToken.None));
        Assert.Empty(await world.OutboxAsync(PreventionPayload.ChecklistKind));

        world.MoveTo(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(1, await Round(world).RunOnceAsync(CancellationToken.None));
        var checklist = Assert.Single(await world.OutboxAsync(PreventionPayload.ChecklistKind));
        Assert.Equal(FollowUpWorld.Coordinator, checklist.RecipientId);
        var classes = Assert.Single(await world.OutboxAsync(PreventionPayload.ClassesKind));
        Assert.Equal(FollowUpWorld.Mentor, classes.RecipientId);
        Assert.Equal(0, await Round(world).RunOnceAsync(CancellationToken.None));

        var checklistCard = await world.RenderAsync(checklist);
        Assert.Contains("Preventie 2026-2027: Locatie De Wilgen", checklistCard, StringComparison.Ordinal);
        Assert.Contains("onder de aandacht gebracht bij de ouders/verzorgers", checklistCard, StringComparison.Ordinal);
        Assert.Contains("nog niet (Anouk de Vries)", checklistCard, StringComparison.Ordinal);
        Assert.Contains("Gedragsregels besproken met 2b", await world.RenderAsync(classes), StringComparison.Ordinal);

        world.MoveTo(new DateTimeOffset(2026, 9, 3, 15, 0, 0, TimeSpan.FromHours(2)));
        await world.Chat(FollowUpWorld.Mentor)
            .Submit(new JsonObject { ["command"] = "preventie", ["preventieKaart"] = "mentor", ["klas:2b"] = "true", ["datum:2b"] = "2026-09-02" })
            .AssertReplyContains("Vastgelegd: gedragsregels besproken met 2b")
            .AssertCard(card => card.ContainsText("Gedragsregels besproken met 2b (wo 2 sep)") && card.ContainsText("Gedragsregels besproken met 1a"))
            .StartTestAsync();
        Assert.Contains("besproken op wo 2 sep", await world.RenderAsync(checklist), StringComparison.Ordinal);

        // 20 school days after Tuesday 1 September: Tuesday 29 September.
        world.MoveTo(new DateTimeOffset(2026, 9, 28, 12, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(0, await Round(world).RunOnceAsync(CancellationToken.None));
        world.MoveTo(new DateTimeOffset(2026, 9, 29, 8, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(1, await Round(world).RunOnceAsync(CancellationToken.None));
        var reminder = Assert.Single(await world.OutboxAsync(PreventionPayload.ReminderKind));
        Assert.Equal(FollowUpWorld.Coordinator, reminder.RecipientId);
        var reminderCard = await world.RenderAsync(reminder);
        Assert.Contains("Herinnering preventie 2026-2027", reminderCard, StringComparison.Ordinal);
        Assert.Contains("Gedragsregels besproken met 1a", reminderCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Gedragsregels besproken met 2b", reminderCard, StringComparison.Ordinal);

        world.MoveTo(new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(0, await Round(world).RunOnceAsync(CancellationToken.None));
        Assert.Single(await world.OutboxAsync(PreventionPayload.ReminderKind));
    }

    [Fact]
    public async Task The_coordinator_ticks_items_and_a_future_date_or_a_teacher_is_refused()
    {
        await using var world = await WorldAsync();
        world.MoveTo(new DateTimeOffset(2026, 9, 3, 15, 0, 0, TimeSpan.FromHours(2)));
        var submit = new JsonObject { ["command"] = "preventie", ["preventieKaart"] = "coordinator", ["locatie"] = "dewilgen", ["item:beleid-collegas"] = "true", ["datum"] = "2026-09-02" };

        await world.Chat("e2e0c000-0000-4000-a000-000000000003")
            .Submit(submit.DeepClone())
            .AssertReplyContains("is voor de anti-pestcoördinator en de mentoren")
            .StartTestAsync();

        var future = (JsonObject)submit.DeepClone();
        future["datum"] = "2026-09-30";
        await world.Chat(FollowUpWorld.Coordinator)
            .Submit(future)
            .AssertCard(card => card.ContainsText("De datum ligt in de toekomst"))
            .Submit(submit.DeepClone())
            .AssertReplyContains("Vastgelegd in de preventieronde: Het schoolbeleid over pesten onder de aandacht gebracht bij de collega's")
            .AssertCard(card => card.ContainsText("✓ Het schoolbeleid over pesten onder de aandacht gebracht bij de collega's (wo 2 sep)"))
            .StartTestAsync();
    }
}
