using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Tests.Notifications;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Bot.Tests.Alerts;

/// <summary>
/// No alert card ever shows a state the case has left: after every transition every posted copy (the mentor's and the
/// coordinator's chats and the coordinators' channel) is changed in place and shows where the case is now.
/// </summary>
public sealed class AlertStaysTrueTests : NotificationTests
{
    private const string ChannelId = "19:e2e-channel-zorg@thread.tacv2";

    private static Dictionary<string, string?> WithChannel() => new()
    {
        ["Directory:Locations:0:CoordinatorsChannel:TeamId"] = "19:e2e-team-general@thread.tacv2",
        ["Directory:Locations:0:CoordinatorsChannel:ChannelId"] = ChannelId,
        ["Directory:Locations:0:CoordinatorsChannel:Name"] = "Zorg en veiligheid",
    };

    [Fact]
    public async Task Every_copy_follows_the_case_through_every_step_close_reopen_and_step_4()
    {
        await using var bot = await StartAsync();
        var (caseId, _, _) = await bot.OpenCaseAsync(handedToMentor: true);
        await bot.WaitUntilSettledAsync(3);
        Assert.Equal(3, PostedCopies().Count); // mentor, coordinator, channel

        var transitions = new (string Name, Action<Case, StaffRef, DateTimeOffset> Step)[]
        {
            ("vermoeden bevestigd", (c, by, now) => c.ConfirmSuspicion(by, now, "Het vermoeden klopt.")),
            ("ouders ingelicht", (c, by, now) => c.InformParents(by, now, new ParentsInformation(by.StaffId, now, ParentContactMethod.Phone, "Mentor voert de gesprekken."))),
            ("route A gekozen", (c, by, now) => c.ChooseRoute(Route.A, true, by, now)),
            ("A.1", (c, by, now) => c.A1ThemeInClass(by, now, "Les over pesten gegeven.")),
            ("A.2", (c, by, now) => c.A2InformParents(by, now, new ParentsInformation(by.StaffId, now, ParentContactMethod.Phone))),
            ("A.3", (c, by, now) => c.A3FollowUp(by, now, now.AddDays(14))),
            ("afgesloten", (c, by, now) => c.Close(by, now, "Het gaat goed met de leerling.")),
            ("heropend", (c, by, now) => c.Reopen(by, now, "Het pesten is terug.")),
            ("stap 4", (c, by, now) => c.BullyingContinues(by, now, "Ze wordt weer uitgelachen.")),
            ("route E gekozen", (c, by, now) => c.ChooseRoute(Route.E, false, by, now)),
        };

        foreach (var (name, step) in transitions)
        {
            var copiesBefore = PostedCopies();
            var callsBefore = Connector.Calls.Count;
            var @case = await ApplyAsync(bot, caseId, step);
            await bot.WaitUntilSettledAsync(1);

            // Changed in place: each copy posted before the step got a PUT to its own address after it.
            var puts = Connector.Calls.Skip(callsBefore).Where(c => c.Operation == FakeConnectorOperation.UpdateActivity).ToList();
            foreach (var copy in copiesBefore)
            {
                Assert.True(puts.Any(p => p.ActivityId == copy.ActivityId && p.ConversationId == copy.ConversationId), $"{name}: copy {copy.ActivityId} in {copy.ConversationId} was not updated");
            }

            AssertEveryCopyShows(@case, name);
        }
    }

    [Fact]
    public async Task A_taken_alert_then_rejected_suspicion_leaves_every_copy_closed_without_buttons()
    {
        await using var bot = await StartAsync();
        var (caseId, entryId, _) = await bot.OpenCaseAsync(handedToMentor: true);
        await bot.WaitUntilSettledAsync(3);

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var taken = await scope.ServiceProvider.GetRequiredService<TakeCase>().ExecuteAsync(People.Coordinator, caseId, entryId, take: true, fromChannel: true, CancellationToken.None);
            Assert.Equal(TakeOutcome.Taken, taken.Outcome);
        }

        await bot.WaitUntilSettledAsync(1);
        foreach (var copy in PostedCopies())
        {
            var shown = Latest(copy);
            Assert.Contains(shown, t => t.StartsWith("Opgepakt door Jeroen Bakker", StringComparison.Ordinal));
            Assert.DoesNotContain("Ik pak dit op", shown);
        }

        var @case = await ApplyAsync(bot, caseId, (c, by, now) => c.RejectSuspicion(by, now, "Geen pesten, wel ruzie."));
        await bot.WaitUntilSettledAsync(1);

        Assert.True(@case.IsClosed);
        AssertEveryCopyShows(@case, "vermoeden klopt niet");
        foreach (var copy in PostedCopies())
        {
            var shown = string.Join("\n", Latest(copy));
            Assert.DoesNotContain("bevestig of verwerp", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_handover_updates_every_copy_to_the_new_holder()
    {
        await using var bot = await StartAsync();
        var (caseId, _, _) = await bot.OpenCaseAsync(handedToMentor: true);
        await bot.WaitUntilSettledAsync(3);
        var before = (await bot.OutboxAsync()).Count;

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var handed = await scope.ServiceProvider.GetRequiredService<HandOverCase>()
                .ExecuteAsync(People.Mentor, caseId, People.Coordinator, "De coördinator neemt het gesprek met de ouders over.", CancellationToken.None);
            Assert.Equal(HandOverOutcome.HandedOver, handed.Outcome);
        }

        // The new holder's card, and an update in place of each of the three posted copies (mentor, coordinator, channel).
        await bot.WaitUntilSettledAsync(before + 1 + 3);
        await using var read = bot.Services.CreateAsyncScope();
        var @case = (await read.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None))!;
        Assert.Equal(StaffRole.AntiPestCoordinator, @case.Owner.Role);
        AssertEveryCopyShows(@case, "overgedragen");
        foreach (var copy in PostedCopies())
        {
            Assert.DoesNotContain(DutchNames.Signaller(StaffRole.Mentor), Latest(copy));
        }
    }

    [Fact]
    public async Task A_refresh_shows_the_current_state_and_only_to_people_with_a_role_in_the_case()
    {
        await using var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var (caseId, entryId, _) = await bot.OpenCaseAsync(handedToMentor: true);
        var @case = await ApplyAsync(bot, caseId, (c, by, now) => c.ConfirmSuspicion(by, now, "Het vermoeden klopt."));
        var data = JsonSerializer.SerializeToElement(new { caseId = caseId.ToString("D"), entryId = entryId.ToString("D") });

        var mentor = await InvokeAsync(bot, People.Mentor, "29:mentor", CaseAlertCard.RefreshVerb, data);
        var card = Assert.IsType<AdaptiveCard>(mentor.Value);
        var shown = ShownTexts(JsonDocument.Parse(card.ToJson()).RootElement).ToList();
        Assert.Contains(StepTitles.For(ProtocolStep.Step1SuspicionConfirmed), shown);
        Assert.Contains("Wat nu: " + @case.NextAction, shown);
        Assert.Equal(["29:mentor"], card.Refresh!.UserIds);

        foreach (var (outsider, mri) in new[] { (People.Student, "29:student"), ("e2e0c000-0000-4000-a000-000000000005", "29:ib"), ("", "29:nobody") })
        {
            var answer = await InvokeAsync(bot, outsider, mri, CaseAlertCard.RefreshVerb, data);
            Assert.Equal("Je hebt geen toegang tot deze melding.", answer.Value);
        }

        var junk = await InvokeAsync(bot, People.Mentor, "29:mentor", CaseAlertCard.RefreshVerb, JsonSerializer.SerializeToElement(new { caseId = "niet-een-id" }));
        Assert.Equal("Je hebt geen toegang tot deze melding.", junk.Value);
        await using var scope = bot.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None);
        Assert.Equal(@case.Dossier.Count, stored!.Dossier.Count); // a refresh records nothing
    }

    private async Task<AdaptiveCardInvokeResponse> InvokeAsync(NotificationHarness bot, string aadObjectId, string teamsId, string verb, JsonElement data)
    {
        var handler = bot.Services.GetServices<ICardActionHandler>().Single(h => h.Verbs.Contains(verb));
        var activity = new Activity
        {
            Type = ActivityTypes.Invoke,
            Id = "invoke-1",
            ChannelId = Channels.MsTeams,
            ServiceUrl = Connector.ServiceUrl.ToString(),
            From = new ChannelAccount { Id = teamsId, AadObjectId = aadObjectId },
            Recipient = new ChannelAccount { Id = "28:bot-app-id" },
            Conversation = new ConversationAccount { Id = "a:invoke", ConversationType = "personal" },
        };
        var context = new TurnContext(new TestAdapter(), activity);
        await using var scope = bot.Services.CreateAsyncScope();
        context.TurnState.Set(new TurnServiceProvider(scope.ServiceProvider));
        return await handler.HandleAsync(context, verb, data, CancellationToken.None);
    }

    private async Task<NotificationHarness> StartAsync()
    {
        var settings = WithChannel();
        settings["Notifications:CoordinatorDigestWindow"] = "00:00:01";
        var bot = await NotificationHarness.CreateAsync(DatabaseFile, Connector, Graph, settings);
        await bot.SaveReferenceAsync(People.Mentor, "a:mentor-chat", "29:mentor");
        await bot.SaveReferenceAsync(People.Coordinator, "a:coordinator-chat", "29:coordinator");
        await bot.StartDispatcherAsync();
        return bot;
    }

    /// <summary>The mentor takes one step through the case use case, as the melding dialog does.</summary>
    private static async Task<Case> ApplyAsync(NotificationHarness bot, Guid caseId, Action<Case, StaffRef, DateTimeOffset> step)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplyStep>().ExecuteAsync(People.Mentor, caseId, (loaded, now) =>
        {
            step(loaded.Case, loaded.Actor, now);
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.True(result.Outcome == StepApplied.Saved, result.Reason);
        await using var read = bot.Services.CreateAsyncScope();
        return (await read.ServiceProvider.GetRequiredService<ICaseStore>().FindAsync(caseId, CancellationToken.None))!;
    }

    /// <summary>Every copy, as the reader sees it now, shows the case's next action (open) or no buttons and no next action (closed).</summary>
    private void AssertEveryCopyShows(Case @case, string transition)
    {
        foreach (var copy in PostedCopies())
        {
            var shown = Latest(copy);
            var now = StepTitles.For(@case.CurrentStep);
            Assert.True(shown.Contains(now), $"{transition}: copy {copy.ActivityId} does not show the current step '{now}': {string.Join(" | ", shown)}");
            foreach (var left in Enum.GetValues<ProtocolStep>().Where(s => s != @case.CurrentStep).Select(s => StepTitles.For(s)))
            {
                Assert.False(shown.Any(t => !t.StartsWith("Wat nu:", StringComparison.Ordinal) && t.Contains(left, StringComparison.Ordinal)), $"{transition}: copy {copy.ActivityId} still shows '{left}': {string.Join(" | ", shown)}");
            }

            if (@case.IsClosed)
            {
                Assert.DoesNotContain("Ik pak dit op", shown);
                Assert.DoesNotContain(shown, t => t.StartsWith("Wat nu:", StringComparison.Ordinal));
            }
            else
            {
                // "Ligt bij": who holds the case, as a role (the holder is often the signaller, who is never named on an alert).
                Assert.True(shown.Contains(DutchNames.Signaller(@case.Owner.Role)), $"{transition}: copy {copy.ActivityId} does not say who holds the case");
                Assert.True(shown.Contains("Wat nu: " + @case.NextAction), $"{transition}: copy {copy.ActivityId} does not show the next action '{@case.NextAction}': {string.Join(" | ", shown)}");
            }
        }
    }

    private sealed record Copy(string ConversationId, string ActivityId, string FirstBody, bool InChannel);

    /// <summary>Every case alert card posted so far (personal chats and channel threads), at the address Teams gave it.</summary>
    private List<Copy> PostedCopies()
    {
        var calls = Connector.Calls.ToList();
        var copies = new List<Copy>();
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var id = i + 1;
            if (call.Body.Contains("Er is iets veranderd in", StringComparison.Ordinal))
            {
                continue; // the coordinator's grouped card is no alert card (CoordinatorDigestTests)
            }

            if (call.Operation == FakeConnectorOperation.SendToConversation)
            {
                copies.Add(new Copy(call.ConversationId!, $"activity-{id}", call.Body, false));
            }
            else if (call.Operation == FakeConnectorOperation.CreateConversation)
            {
                copies.Add(new Copy($"{ChannelId};messageid={id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Body, true));
            }
        }

        return copies;
    }

    /// <summary>The texts the reader sees on the copy now: its last update, else what was posted.</summary>
    private List<string> Latest(Copy copy)
    {
        var update = Connector.Calls.LastOrDefault(c => c.Operation == FakeConnectorOperation.UpdateActivity && c.ActivityId == copy.ActivityId && c.ConversationId == copy.ConversationId);
        using var document = JsonDocument.Parse(update?.Body ?? copy.FirstBody);
        var activity = update is null && copy.InChannel ? document.RootElement.GetProperty("activity") : document.RootElement;
        return [.. ShownTexts(activity.GetProperty("attachments")[0].GetProperty("content"))];
    }

    private static IEnumerable<string> ShownTexts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var text in element.EnumerateArray().SelectMany(ShownTexts))
            {
                yield return text;
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "data" or "refresh" or "fallback")
                {
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.String && property.Name is "text" or "title" or "value")
                {
                    yield return property.Value.GetString()!;
                }
                else
                {
                    foreach (var text in ShownTexts(property.Value))
                    {
                        yield return text;
                    }
                }
            }
        }
    }
}
