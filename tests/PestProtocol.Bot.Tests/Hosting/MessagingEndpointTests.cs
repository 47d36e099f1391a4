using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Connector;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>POST /api/messages as Teams and the Agents Playground use it, with replies to a fake connector.</summary>
public sealed class MessagingEndpointTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private FakeConnector _connector = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = new BotApp(_connector);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Installing_the_bot_greets_the_user_with_the_welcome_card()
    {
        var update = _app.Message("");
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [new ChannelAccount { Id = "28:bot" }, new ChannelAccount { Id = "29:http-test-user" }];

        var response = await _app.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _connector.WaitForCallsAsync(1, Wait);
        var card = CardJson(calls[0].Activity!);
        Assert.Contains("Welkom bij PestProtocol", card, StringComparison.Ordinal);
        Assert.Contains("Anoniem melden", card, StringComparison.Ordinal);
        Assert.Contains("Voor medewerkers", card, StringComparison.Ordinal);
        Assert.Equal("a:http-test-conversation", calls[0].ConversationId);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("Help")]
    [InlineData("/help")]
    [InlineData("hulp")]
    public async Task Help_in_any_case_answers_with_the_help_card(string text)
    {
        var response = await _app.PostAsync(_app.Message(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _connector.WaitForCallsAsync(1, Wait);
        Assert.Contains("Wat kan ik voor je doen?", CardJson(calls[0].Activity!), StringComparison.Ordinal);
        Assert.Equal(FakeConnectorOperation.ReplyToActivity, calls[0].Operation);
    }

    [Fact]
    public async Task Help_in_a_new_chat_stores_no_dialog_state_and_help_during_a_melding_keeps_it()
    {
        var storage = _app.Services.GetRequiredService<PestProtocol.BotFramework.State.ConversationState>().Storage;
        const string key = "msteams/conversations/a:http-test-conversation";

        await _app.PostAsync(_app.Message("help"));
        await _connector.WaitForCallsAsync(1, Wait);
        Assert.Empty(await storage.ReadAsync([key]));

        await _app.PostAsync(_app.Message("melding"));
        await _connector.WaitForCallsAsync(2, Wait);
        var melding = (await storage.ReadAsync([key]))[key].Document.GetRawText();
        Assert.Contains("dialogStack", melding, StringComparison.Ordinal);

        await _app.PostAsync(_app.Message("help"));
        var calls = await _connector.WaitForCallsAsync(4, Wait);
        Assert.Contains("Wat kan ik voor je doen?", CardJson(calls[2].Activity!), StringComparison.Ordinal);
        Assert.Contains("Over welke leerling", CardJson(calls[1].Activity!), StringComparison.Ordinal);
        Assert.Contains("Over welke leerling", CardJson(calls[3].Activity!), StringComparison.Ordinal);   // the melding's card again
        Assert.Equal(melding, (await storage.ReadAsync([key]))[key].Document.GetRawText());
    }

    [Fact]
    public async Task Malformed_json_is_400_and_reaches_no_handler()
    {
        var response = await _app.PostAsync("{\"type\": \"message\", \"text\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNoConnectorCallsAsync();
    }

    [Theory]
    [InlineData("type")]
    [InlineData("serviceUrl")]
    [InlineData("conversation")]
    public async Task An_activity_without_a_required_field_is_400(string field)
    {
        var activity = _app.Message("help");
        switch (field)
        {
            case "type": activity.Type = null; break;
            case "serviceUrl": activity.ServiceUrl = null; break;
            case "conversation": activity.Conversation = null; break;
        }

        var response = await _app.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoConnectorCallsAsync();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var response = await _app.PostAsync(_app.Message(new string('x', 300 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNoConnectorCallsAsync();
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("somethingNew")]
    public async Task Other_activity_types_are_acknowledged_and_ignored(string type)
    {
        var activity = _app.Message("help");
        activity.Type = type;

        var response = await _app.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNoConnectorCallsAsync();
    }

    [Fact]
    public async Task An_unknown_invoke_is_answered_400_with_the_documented_error_body()
    {
        var invoke = _app.Message("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "composeExtension/somethingElse";

        var response = await _app.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_card_action_from_a_finished_conversation_gets_200_and_a_clear_Dutch_answer()
    {
        var invoke = _app.Message("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = InvokeNames.AdaptiveCardAction;
        invoke.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb = "volgende", data = new { promptCardId = "old-card" } },
            trigger = "manual",
        });

        var response = await _app.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("afgerond", body.RootElement.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_student_who_types_a_staff_command_is_told_kindly_how_to_report_anonymously()
    {
        await _app.PostAsync(_app.Message("overzicht", aadObjectId: "e2e0c000-0000-4000-a000-000000000006"));

        var calls = await _connector.WaitForCallsAsync(1, Wait);
        var card = CardJson(calls[0].Activity!);
        Assert.Contains("voor medewerkers", card, StringComparison.Ordinal);
        Assert.Contains("anoniem", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e2e0c000-0000-4000-a000-000000000001", true)]
    [InlineData("e2e0c000-0000-4000-a000-000000000006", false)]
    public async Task The_student_picker_searches_the_directory_for_staff_only(string aadObjectId, bool isStaff)
    {
        var invoke = _app.Message("", aadObjectId);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = InvokeNames.ApplicationSearch;
        invoke.Value = JsonSerializer.SerializeToElement(new { kind = "search", queryText = "sanne", dataset = "students", queryOptions = new { skip = 0, top = 15 } });

        var response = await _app.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("application/vnd.microsoft.search.searchResponse", json.RootElement.GetProperty("type").GetString());
        var results = json.RootElement.GetProperty("value").GetProperty("results");
        if (isStaff)
        {
            Assert.Contains(results.EnumerateArray(), r => r.GetProperty("title").GetString()!.StartsWith("Sanne de Boer", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal(0, results.GetArrayLength());
        }
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Fifty_turns_at_once_on_one_conversation_get_one_reply_each()
    {
        var posts = Enumerable.Range(0, 50).Select(_ => _app.PostAsync(_app.Message("help")));

        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var calls = await _connector.WaitForCallsAsync(50, Wait);
        Assert.Equal(50, calls.Count);
        Assert.Equal(50, calls.Select(c => c.Activity!.ReplyToId).Distinct().Count());
        await AssertNoConnectorCallsAsync(expected: 50);
    }

    [Fact]
    public async Task A_failing_turn_gets_a_friendly_Dutch_message_and_the_log_holds_no_personal_data()
    {
        await using var app = new BotApp(_connector, services: s => s.AddSingleton<IDirectory, BrokenDirectory>());
        var message = app.Message("help");
        message.From!.Name = "Zacharias Onvindbaar";

        var response = await app.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _connector.WaitForCallsAsync(1, Wait);
        Assert.Equal(TurnErrorMiddleware.FriendlyMessage, calls[0].Activity!.Text);
        string log;
        lock (app.LogLines)
        {
            log = string.Join('\n', app.LogLines);
        }

        Assert.Contains("A turn failed", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Zacharias", log, StringComparison.Ordinal);
        Assert.DoesNotContain("29:http-test-user", log, StringComparison.Ordinal);
        Assert.DoesNotContain("a:http-test-conversation", log, StringComparison.Ordinal);
        Assert.DoesNotContain("e2e0c000-0000-4000-a000-000000000001", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_directory_is_down_the_user_is_treated_as_a_student_for_that_turn()
    {
        await using var app = new BotApp(_connector, services: s => s.AddSingleton<IDirectory, UnavailableDirectory>());

        await app.PostAsync(app.Message("help"));

        var card = CardJson((await _connector.WaitForCallsAsync(1, Wait))[0].Activity!);
        Assert.Contains("Kindertelefoon", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Mijn meldingen", card, StringComparison.Ordinal);
    }

    private async Task AssertNoConnectorCallsAsync(int expected = 0)
    {
        // Replies go out inside the turn, before the HTTP answer: nothing more can arrive later.
        await Task.Delay(100);
        Assert.Equal(expected, _connector.Calls.Count);
    }

    private static string CardJson(Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(Attachment.AdaptiveCardContentType, attachment.ContentType);
        return JsonSerializer.Serialize(attachment.Content);
    }

    private sealed class UnavailableDirectory : IDirectory
    {
        public Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken) =>
            throw new DirectoryUnavailableException("find person") { StatusCode = 503 };

        public Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken) => throw new DirectoryUnavailableException("search") { StatusCode = 503 };

        public Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken) => throw new DirectoryUnavailableException("roles") { StatusCode = 503 };

        public Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken) => throw new DirectoryUnavailableException("mentor") { StatusCode = 503 };

        public Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken) => throw new DirectoryUnavailableException("locations") { StatusCode = 503 };
    }

    private sealed class BrokenDirectory : IDirectory
    {
        public Task<DirectoryPerson?> FindPersonAsync(string aadObjectId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Directory down for " + aadObjectId);

        public Task<IReadOnlyList<DirectoryPerson>> SearchStudentsAsync(string query, int top, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<IReadOnlyList<DirectoryPerson>> GetRoleHoldersAsync(string locationId, StaffRole role, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<DirectoryPerson?> GetMentorAsync(string studentId, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<IReadOnlyList<SchoolLocation>> GetLocationsAsync(CancellationToken cancellationToken) => throw new InvalidOperationException();
    }
}
