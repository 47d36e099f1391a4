using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Tests.Notifications;

/// <summary>"Ik pak dit op" on an alert card, and the conversation-reference hook.</summary>
public sealed class CaseTakeTests : NotificationTests
{

    [Fact]
    public async Task Taking_an_alert_shows_who_took_it_updates_every_other_copy_and_a_second_taker_is_told_who_has_it()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph);
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        var (caseId, entryId, _) = await bot.OpenCaseAsync();
        await bot.StartDispatcherAsync();
        await bot.WaitUntilSettledAsync(2);
        var mentorCopy = Connector.Calls.Single(c => c.ConversationId == "a:mentor-chat");
        var mentorActivityId = $"activity-{Connector.Calls.ToList().IndexOf(mentorCopy) + 1}";

        var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });
        var answer = await InvokeAsync(bot, People.Coordinator, "29:coordinator", CaseAlertCard.TakeVerb, data);

        Assert.Equal(AdaptiveCardInvokeResponse.CardType, answer.Type);
        var card = Assert.IsType<AdaptiveCard>(answer.Value);
        var json = card.ToJson();
        Assert.Matches("Opgepakt door Jeroen Bakker \\(anti-pestcoördinator\\) om \\d\\d:\\d\\d", json);
        Assert.DoesNotContain("Ik pak dit op", json, StringComparison.Ordinal);
        Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]));

        var outbox = await bot.WaitUntilSettledAsync(3);
        var update = Assert.Single(outbox, o => o.Kind == AlertUpdatePayload.Kind);
        Assert.Equal(People.Mentor, update.RecipientId);
        var put = Assert.Single(Connector.Calls, c => c.Operation == FakeConnectorOperation.UpdateActivity);
        Assert.Equal("a:mentor-chat", put.ConversationId);
        Assert.Equal(mentorActivityId, put.ActivityId);
        Assert.Contains("Opgepakt door Jeroen Bakker", put.Body, StringComparison.Ordinal);
        Assert.Equal(3, Connector.Calls.Count);

        var second = await InvokeAsync(bot, People.Mentor, "29:mentor", CaseAlertCard.TakeVerb, data);
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, second.Type);
        Assert.StartsWith("Deze melding is al opgepakt door Jeroen Bakker (anti-pestcoördinator) om", (string)second.Value!, StringComparison.Ordinal);

        await using var scope = bot.Services.CreateAsyncScope();
        var @case = await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None);
        var note = Assert.Single(@case!.Dossier, e => e.Kind == DossierEntryKind.Note);
        Assert.Equal(People.Coordinator, note.Actor.StaffId);
        await Task.Delay(200);
        Assert.Single(await bot.OutboxAsync(), o => o.Kind == AlertUpdatePayload.Kind);
    }

    [Fact]
    public async Task Someone_outside_the_case_cannot_take_it_whatever_the_card_says()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var (caseId, entryId, _) = await bot.OpenCaseAsync();
        var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });

        var byStudent = await InvokeAsync(bot, People.Student, "29:student", CaseAlertCard.TakeVerb, data);
        var byOutsider = await InvokeAsync(bot, "e2e0c000-0000-4000-a000-000000000005", "29:ib", CaseAlertCard.TakeVerb, data);

        Assert.Equal("Je hebt geen toegang tot deze melding.", byStudent.Value);
        Assert.Equal("Je hebt geen toegang tot deze melding.", byOutsider.Value);
        await using var scope = bot.Services.CreateAsyncScope();
        var @case = await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None);
        Assert.DoesNotContain(@case!.Dossier, e => e.Kind == DossierEntryKind.Note);
    }

    [Fact]
    public async Task Only_staff_personal_chats_are_remembered_and_only_when_the_reference_changed()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var hook = bot.Services.GetRequiredService<ConversationReferenceMiddleware>();

        Assert.True(await hook.RememberAsync(Turn(People.Mentor, "29:mentor", "a:mentor-chat", "m1"), CancellationToken.None));
        Assert.False(await hook.RememberAsync(Turn(People.Mentor, "29:mentor", "a:mentor-chat", "m2"), CancellationToken.None));
        Assert.True(await hook.RememberAsync(Turn(People.Mentor, "29:mentor", "a:mentor-new-chat", "m3"), CancellationToken.None));
        Assert.False(await hook.RememberAsync(Turn(People.Student, "29:student", "a:student-chat", "s1"), CancellationToken.None));

        await using var scope = bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();
        Assert.Equal("a:mentor-new-chat", (await store.FindAsync(People.Mentor, CancellationToken.None))?.Conversation?.Id);
        Assert.Null(await store.FindAsync(People.Student, CancellationToken.None));
    }

    private Activity Turn(string aadObjectId, string teamsId, string conversationId, string activityId) => new()
    {
        Type = ActivityTypes.Message,
        Id = activityId,
        ChannelId = Channels.MsTeams,
        ServiceUrl = Connector.ServiceUrl.ToString(),
        From = new ChannelAccount { Id = teamsId, AadObjectId = aadObjectId },
        Recipient = new ChannelAccount { Id = "28:bot-app-id" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal" },
        Text = "hallo",
    };

    private async Task<AdaptiveCardInvokeResponse> InvokeAsync(NotificationHarness bot, string aadObjectId, string teamsId, string verb, JsonElement data)
    {
        var handler = bot.Services.GetServices<ICardActionHandler>().Single(h => h.Verbs.Contains(verb));
        var activity = Turn(aadObjectId, teamsId, "a:invoke", "invoke-1");
        activity.Type = ActivityTypes.Invoke;
        var context = new TurnContext(new TestAdapter(), activity);
        await using var scope = bot.Services.CreateAsyncScope();
        context.TurnState.Set(new TurnServiceProvider(scope.ServiceProvider));
        return await handler.HandleAsync(context, verb, data, CancellationToken.None);
    }
}
