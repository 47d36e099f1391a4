using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.BotFramework.Tests.Dialogs;

/// <summary>The test adapter and TestFlow themselves: a test that should fail must fail.</summary>
public sealed class TestFlowTests
{
    [Fact]
    public async Task Incoming_activities_look_like_a_teams_personal_chat()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var adapter = new TestAdapter(clock);
        Activity? seen = null;

        await new TestFlow(adapter, (tc, _) => { seen = tc.Activity; return Task.CompletedTask; })
            .Send("hallo")
            .StartTestAsync();

        Assert.NotNull(seen);
        Assert.Equal(ActivityTypes.Message, seen.Type);
        Assert.Equal("msteams", seen.ChannelId);
        Assert.Equal("https://test.local/", seen.ServiceUrl);
        Assert.Equal("personal", seen.Conversation!.ConversationType);
        Assert.StartsWith("29:", seen.From!.Id);
        Assert.StartsWith("28:", seen.Recipient!.Id);
        Assert.False(string.IsNullOrEmpty(seen.Id));
        Assert.StartsWith("2026-11-24T08:00:00", seen.Timestamp);
        Assert.Equal("test-tenant", seen.GetTeamsChannelData()!.Tenant!.Id);
    }

    [Fact]
    public async Task Replies_get_ids_and_are_addressed_back_to_the_user()
    {
        var adapter = new TestAdapter();

        await new TestFlow(adapter, async (tc, ct) =>
            {
                var sent = await tc.SendActivityAsync("eerste", ct);
                await tc.UpdateActivityAsync(new Activity { Id = sent.Id, Type = ActivityTypes.Message, Text = "bijgewerkt" }, ct);
                await tc.DeleteActivityAsync(sent.Id!, ct);
            })
            .Send("hallo")
            .AssertReply(reply =>
            {
                Assert.Equal("eerste", reply.Text);
                Assert.StartsWith("reply-", reply.Id);
                Assert.Equal("29:test-user", reply.Recipient!.Id);
                Assert.Equal("a:test-conversation", reply.Conversation!.Id);
            })
            .StartTestAsync();

        Assert.Equal("bijgewerkt", Assert.Single(adapter.UpdatedActivities).Text);
        Assert.Equal(adapter.SentActivities[0].Id, Assert.Single(adapter.DeletedActivityIds));
    }

    [Fact]
    public async Task A_wrong_expectation_fails_and_names_its_step()
    {
        var flow = new TestFlow(new TestAdapter(), (tc, ct) => tc.SendActivityAsync("ja", ct))
            .Send("vraag").AssertReply("nee");

        var error = await Assert.ThrowsAsync<TestFlowAssertionException>(() => flow.StartTestAsync());
        Assert.Contains("Step 2", error.Message);
        Assert.Contains("\"nee\"", error.Message);
    }

    [Fact]
    public async Task A_missing_reply_and_an_unexpected_reply_both_fail()
    {
        await Assert.ThrowsAsync<TestFlowAssertionException>(() =>
            new TestFlow(new TestAdapter(), (_, _) => Task.CompletedTask).Send("x").AssertReplyContains("iets").StartTestAsync());
        await Assert.ThrowsAsync<TestFlowAssertionException>(() =>
            new TestFlow(new TestAdapter(), (tc, ct) => tc.SendActivityAsync("toch", ct)).Send("x").AssertNoReply().StartTestAsync());
    }

    [Fact]
    public async Task Execute_sends_an_adaptive_card_invoke_and_returns_the_turns_invoke_response()
    {
        string? verb = null;
        await new TestFlow(new TestAdapter(), (tc, _) =>
            {
                verb = PromptCard.GetVerb(tc.Activity);
                tc.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Message("Gelukt"));
                return Task.CompletedTask;
            })
            .Execute("opslaan", new { id = 7 })
            .AssertInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, "Gelukt")
            .StartTestAsync();

        Assert.Equal("opslaan", verb);
    }

    [Fact]
    public async Task ClickButton_sends_the_buttons_data_merged_with_the_inputs_and_reads_nested_cards()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = "Kies" },
                new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray(new JsonObject { ["title"] = "Locatie", ["value"] = "Noord" }) }),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.ShowCard", ["title"] = "Meer",
                ["card"] = new JsonObject
                {
                    ["type"] = "AdaptiveCard",
                    ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Submit", ["title"] = "Route B", ["data"] = new JsonObject { ["route"] = "B" } }),
                },
            }),
        };
        Activity? submitted = null;
        var adapter = new TestAdapter();

        await new TestFlow(adapter, async (tc, ct) =>
            {
                if (tc.Activity.Text == "kaart")
                {
                    await tc.SendActivityAsync(SimpleCard.ToActivity(card), ct);
                }
                else
                {
                    submitted = tc.Activity;
                }
            })
            .Send("kaart")
            .AssertCard(c => c.Texts.SequenceEqual(["Kies", "Locatie", "Noord", "Meer", "Route B"]))
            .ClickButton("route b", new { toelichting = "na de gymles" })
            .StartTestAsync();

        Assert.Equal(ActivityTypes.Message, submitted!.Type);
        Assert.Equal("B", submitted.Value!.Value.GetProperty("route").GetString());
        Assert.Equal("na de gymles", submitted.Value!.Value.GetProperty("toelichting").GetString());
    }
}
