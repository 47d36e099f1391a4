using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Notifications.Delivery;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Alerts;

/// <summary>
/// The coordinator hears when the protocol involves them (confirmed, not confirmed, step 4, closed), once per event, and
/// what happens within one window arrives as one card when the window ends. A controllable clock; the dispatcher is run by hand.
/// </summary>
public sealed class CoordinatorDigestTests : NotificationTests
{
    private const string Heading = "Er is iets veranderd in";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly SteppingClock _clock = new();

    [Fact]
    public async Task Two_events_in_one_window_make_one_card_sent_once_by_two_instances_when_the_window_ends()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        await first.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (confirmed, _, _) = await first.OpenCaseAsync(handedToMentor: true);
        var (rejected, _, _) = await first.OpenCaseAsync(handedToMentor: true);
        await first.Dispatcher.DispatchOnceAsync(CancellationToken.None); // the step-1 alerts

        await ApplyAsync(first, confirmed, (c, by, now) => c.ConfirmSuspicion(by, now, "Het vermoeden klopt."));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await ApplyAsync(first, rejected, (c, by, now) => c.RejectSuspicion(by, now, "Geen pesten, wel ruzie."));

        var digest = Assert.Single(await first.OutboxAsync(), o => o.Kind == CoordinatorDigestPayload.Kind);
        Assert.Equal(People.Coordinator, digest.RecipientId);
        Assert.Equal(CoordinatorDigestPlanner.WindowOf(_clock.GetUtcNow(), Window).Until, digest.NextAttemptAt);

        // Not before the window ends.
        _clock.Advance(TimeSpan.FromMinutes(3));
        await first.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Empty(DigestCards());

        // When it ends, two instances run at once: one card.
        _clock.Advance(Window);
        await Task.WhenAll(first.Dispatcher.DispatchOnceAsync(CancellationToken.None), second.Dispatcher.DispatchOnceAsync(CancellationToken.None));
        await first.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        var card = Assert.Single(DigestCards());
        Assert.Equal("a:coordinator-chat", card.ConversationId);
        var text = card.Body;
        Assert.Contains("Het vermoeden is bevestigd door de mentor.", text, StringComparison.Ordinal);
        Assert.Contains("Het vermoeden klopt niet volgens de mentor; de melding is afgesloten.", text, StringComparison.Ordinal);
        Assert.Contains("Daan", text, StringComparison.Ordinal);

        // The Teams notification a coordinator sees says that something changed, not that a new case came in.
        Assert.Contains(DeliveryTexts.CoordinatorDigestSummary, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DeliveryTexts.Summary, text, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await first.OutboxAsync(), o => o.Kind == CoordinatorDigestPayload.Kind).Status);
    }

    [Fact]
    public void The_grouped_card_reached_by_feed_or_mail_says_a_case_changed_not_that_a_new_one_came_in()
    {
        var message = OutboxMessage.Create(CoordinatorDigestPayload.Kind, "k", new CoordinatorDigestPayload("loc-1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(10)), People.Coordinator, DateTimeOffset.UnixEpoch);

        Assert.Equal(DeliveryTexts.CoordinatorDigestSummary, DeliveryTexts.MailSubjectFor(message.Kind));
        Assert.Equal(DeliveryTexts.CoordinatorDigestSummary + ".", DeliveryTexts.FeedNotice(message, "https://teams.example/app").PreviewText);
        Assert.Equal(DeliveryTexts.Summary, DeliveryTexts.MailSubjectFor(CaseAlertPayload.Kind));
    }

    [Fact]
    public async Task An_event_in_the_next_window_is_a_new_card_and_no_event_is_told_twice()
    {
        await using var bot = await StartAsync();
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, _, _) = await bot.OpenCaseAsync(handedToMentor: true);
        await bot.Dispatcher.DispatchOnceAsync(CancellationToken.None);

        await ApplyAsync(bot, caseId, (c, by, now) => c.ConfirmSuspicion(by, now, "Het vermoeden klopt."));
        _clock.Advance(Window);
        await ApplyAsync(bot, caseId, (c, by, now) => c.InformParents(by, now, new Domain.Dossier.ParentsInformation(by.StaffId, now, Domain.Dossier.ParentContactMethod.Phone, "Mentor belt.")));
        await bot.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        var firstCard = Assert.Single(DigestCards());
        Assert.Contains("bevestigd", firstCard.Body, StringComparison.Ordinal);

        // Informing parents is no coordinator event; choosing a route neither: nothing more.
        _clock.Advance(Window);
        await bot.Dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Single(DigestCards());
        Assert.Single(await bot.OutboxAsync(), o => o.Kind == CoordinatorDigestPayload.Kind);
    }

    [Fact]
    public async Task The_coordinator_who_acted_is_not_told_about_their_own_step()
    {
        await using var bot = await StartAsync();
        var (caseId, _, _) = await bot.OpenCaseAsync(handedToMentor: true);

        await ApplyAsync(bot, caseId, (c, by, now) => c.ConfirmSuspicion(by, now, "Het vermoeden klopt."), People.Coordinator);

        Assert.DoesNotContain(await bot.OutboxAsync(), o => o.Kind == CoordinatorDigestPayload.Kind);
    }

    private IReadOnlyList<RecordedCall> DigestCards() =>
        [.. Connector.Calls.Where(c => c.Operation == FakeConnectorOperation.SendToConversation && c.Body.Contains(Heading, StringComparison.Ordinal))];

    private Task<NotificationHarness> StartAsync() => NotificationHarness.CreateAsync(
        DatabaseFile,
        Connector,
        Graph,
        new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false", ["Notifications:CoordinatorDigestWindow"] = "00:10:00" },
        s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));

    private static async Task ApplyAsync(NotificationHarness bot, Guid caseId, Action<Case, StaffRef, DateTimeOffset> step, string actor = People.Mentor)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplyStep>().ExecuteAsync(actor, caseId, (loaded, now) =>
        {
            step(loaded.Case, loaded.Actor, now);
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.True(result.Outcome == StepApplied.Saved, result.Reason);
    }

    /// <summary>A clock that starts one minute into a ten-minute window (after now) and moves only when told.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = CoordinatorDigestPlanner.WindowOf(DateTimeOffset.UtcNow, Window).Until + TimeSpan.FromMinutes(1);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
