using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Tests.Hosting;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing.Authentication;
using PestProtocol.BotFramework.Testing.Cards;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>
/// Both halves of an anonymous report through the real HTTP pipeline: POST /api/messages with a channel token from a
/// local authority, replies and the outbox dispatcher's proactive sends to a fake Bot Connector, invokes answered in the
/// HTTP response. The mock school of the development settings (Daan Mulder is a student, Jeroen Bakker the coordinator).
/// </summary>
public sealed class AnonymousReportHttpTests : IAsyncLifetime
{
    private const string AppId = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    private const string TenantId = "e2e0a000-0000-4000-a000-00000000a001";
    private const string CoordinatorAad = "e2e0c000-0000-4000-a000-000000000002";
    private const string CoordinatorChat = "a:coordinator-personal-chat";
    private const string StudentAad = "e2e0c000-0000-4000-a000-000000000006";
    private const string StudentTeamsId = "29:daan-student-teams-id";
    private const string StudentChat = "a:daan-personal-chat";
    private const string Story = "Bij gym verstoppen ze steeds mijn kleren en lachen ze me daarna uit in de kleedkamer.";

    private static readonly string[] StudentIdentity = [StudentAad, StudentTeamsId, StudentChat, "Daan", "Mulder", "daan-"];

    private readonly List<string> _cards = [];
    private readonly List<string> _coordinatorInvokeAnswers = [];
    private FakeConnector _connector = null!;
    private FakeChannelAuthority _authority = null!;
    private TestSigningKey _channelKey = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _authority = await FakeChannelAuthority.StartAsync(TenantId);
        _channelKey = TestSigningKey.Create("channel-key-anon");
        _authority.PublishBotFrameworkKey(_channelKey, FakeChannelAuthority.TeamsEndorsements);
        _app = new BotApp(
            _connector,
            Hosting.AuthenticatedBotSettings.Create(AppId, TenantId, _authority, new Dictionary<string, string?>
            {
                ["Notifications:DispatcherEnabled"] = "true",
                ["Notifications:PollInterval"] = "00:00:00.050",
                ["Notifications:BackoffBase"] = "00:00:00.020",
                ["Notifications:BackoffMax"] = "00:00:00.200",
                ["Notifications:BotId"] = "28:" + AppId,
                ["Notifications:TenantId"] = TenantId,
                ["Notifications:DefaultServiceUrl"] = _connector.ServiceUrl.ToString(),
            }),
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedTokenProvider()));
                services.Replace(ServiceDescriptor.Singleton(new PassphraseHasher(new Argon2Parameters(1024, 1, 1))));
            });
        _ = _app.Services; // builds the host and starts the dispatcher
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _authority.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_student_reports_the_coordinator_takes_it_asks_a_question_the_student_answers_and_the_coordinator_opens_a_case_and_closes_it_without_ever_seeing_who()
    {
        // The coordinator has talked to the bot once: their personal chat is known.
        await PostAsync(Message(CoordinatorAad, "29:coordinator-teams-id", "Jeroen Bakker", CoordinatorChat, "help"));

        // The student reports, card by card, as Teams sends Action.Submit.
        await PostAsync(Message(StudentAad, StudentTeamsId, "Daan Mulder", StudentChat, "anoniem melden"));
        await ClickAsync("Wat is er gebeurd?", "Volgende", new { wat = Story });
        await ClickAsync("Gaat het over jou", "Over mij");
        await ClickAsync("Waar gebeurt het?", "Volgende", new { waar = "schoolplein" });
        await ClickAsync("Sinds wanneer", "Volgende", new { sinds = "paar-weken" });
        await ClickAsync("Hoe vaak", "Volgende", new { hoevaak = "vaak" });
        await ClickAsync("Je hoeft geen namen te noemen", "Volgende", new { wiedoethet = "", bijwie = "" });
        await ClickAsync("Klopt dit?", "Versturen");
        var sent = await WaitForCardAsync(StudentChat, "Je melding is verstuurd");
        var facts = BotHarness.FindFacts(sent).ToDictionary(f => f.Title, f => f.Value);
        var (code, passphrase) = (facts["Code"], facts["Wachtwoord"]);

        // The dispatcher posts the alert into the coordinator's chat.
        var alert = await WaitForCardAsync(CoordinatorChat, "Anonieme melding van een leerling", FakeConnectorOperation.SendToConversation);
        Assert.Contains(Story, alert.ToJsonString(), StringComparison.Ordinal);
        var reportId = FindString(alert, CoordinatorCards.ReportIdKey)!;

        // "Ik pak dit op": the HTTP answer holds the updated card.
        var taken = await CoordinatorExecuteAsync(CoordinatorCards.TakeVerb, new { reportId });
        Assert.Contains("Opgepakt door Jeroen Bakker", taken, StringComparison.Ordinal);
        Assert.DoesNotContain("Ik pak dit op", taken, StringComparison.Ordinal);

        // "Reageer anoniem" with a question; the posted copy is updated in place.
        const string question = "Dank je dat je dit meldt. In welke klas zit je, als je dat wilt zeggen?";
        var replied = await CoordinatorExecuteAsync(CoordinatorCards.ReplyVerb, new { reportId, antwoord = question });
        Assert.Contains("Je antwoord is verstuurd", replied, StringComparison.Ordinal);
        await WaitForCardAsync(CoordinatorChat, question, FakeConnectorOperation.UpdateActivity);

        // The student reads it with "status <code>" and the passphrase, and answers.
        await PostAsync(Message(StudentAad, StudentTeamsId, "Daan Mulder", StudentChat, "status " + code));
        await WaitForCardAsync(StudentChat, "Wachtwoord");
        var thread = await StudentExecuteAsync(StudentCards.UnlockVerb, new { code, wachtwoord = passphrase });
        Assert.Contains(question, thread.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("De anti-pestco", thread.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Jeroen", thread.ToJsonString(), StringComparison.Ordinal);
        const string answer = "Ik zit in 2b, het gebeurt op dinsdag bij gym.";
        var answered = await StudentExecuteAsync(StudentCards.ReplyVerb, new { sessie = FindString(thread, "sessie"), bericht = answer });
        Assert.Contains("Je bericht is verstuurd naar de school", answered.ToJsonString(), StringComparison.Ordinal);

        // The coordinator is told: the card is posted anew with the answer and a line saying the student wrote.
        var told = await WaitForCardAsync(CoordinatorChat, AnonymousReportCardRenderer.StudentAnsweredNotice, FakeConnectorOperation.SendToConversation);
        Assert.Contains(answer, told.ToJsonString(), StringComparison.Ordinal);

        // "Maak melding" opens step 1 without identity; "Sluiten" with a reason.
        var withCase = await CoordinatorExecuteAsync(CoordinatorCards.CaseVerb, new { reportId });
        Assert.Contains("Melding (stap 1)", withCase, StringComparison.Ordinal);
        var closed = await CoordinatorExecuteAsync(CoordinatorCards.CloseVerb, new { reportId, reden = "Besproken met de mentor; de gymdocent let erop." });
        Assert.Contains("Gesloten: Besproken met de mentor", closed, StringComparison.Ordinal);

        // The student's status says, kindly, that it is closed, and offers no reply box any more.
        var final = await StudentExecuteAsync(StudentCards.UnlockVerb, new { code, wachtwoord = passphrase });
        Assert.Contains("De school heeft je melding afgerond. Dank je wel dat je het durfde te melden.", final.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(final["actions"]);

        // Let the dispatcher finish (the case's own alerts), then: nothing the coordinator received names the student.
        await Task.Delay(500);
        var toStaff = _connector.Calls.Where(c => c.ConversationId != StudentChat).Select(c => c.Body).Concat(_coordinatorInvokeAnswers).ToList();
        Assert.True(toStaff.Count >= 6, $"only {toStaff.Count} messages to staff");
        foreach (var value in StudentIdentity)
        {
            Assert.DoesNotContain(toStaff, body => body.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        // Every card either side saw passes both validators.
        _cards.AddRange(_connector.Calls.SelectMany(c => CardsIn(c.Body)));
        Assert.True(_cards.Count >= 15, $"only {_cards.Count} cards");
        foreach (var card in _cards)
        {
            Assert.Empty(CardValidator.ValidateAgainstSchema(card));
        }

        Assert.Empty(await CardValidator.ValidateWithAdaptiveCardsJsAsync(_cards));
    }

    private Activity Message(string aad, string teamsId, string name, string conversationId, string? text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        ChannelId = Channels.MsTeams,
        ServiceUrl = _connector.ServiceUrl.ToString(),
        From = new ChannelAccount { Id = teamsId, Name = name, AadObjectId = aad },
        Recipient = new ChannelAccount { Id = "28:" + AppId, Name = "PestProtocol" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = TenantId },
        Locale = "nl-NL",
    };

    private async Task<HttpResponseMessage> PostAsync(Activity activity)
    {
        var response = await _app.PostAsync(activity, Mint());
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        return response;
    }

    /// <summary>Presses a button on the student's latest card that contains <paramref name="cardText"/> (Action.Submit: data merged with inputs).</summary>
    private async Task ClickAsync(string cardText, string title, object? inputs = null)
    {
        var card = await WaitForCardAsync(StudentChat, cardText);
        var action = FindAction(card, title) ?? throw new InvalidOperationException($"No button '{title}'.");
        var data = action["data"] is JsonObject d ? (JsonObject)d.DeepClone() : [];
        if (inputs is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(inputs)!.AsObject())
            {
                data[key] = value?.DeepClone();
            }
        }

        var message = Message(StudentAad, StudentTeamsId, "Daan Mulder", StudentChat, null);
        message.Value = JsonSerializer.SerializeToElement(data);
        await PostAsync(message);
    }

    private async Task<string> CoordinatorExecuteAsync(string verb, object data)
    {
        var (type, value) = await ExecuteAsync(CoordinatorAad, "29:coordinator-teams-id", "Jeroen Bakker", CoordinatorChat, verb, data);
        _coordinatorInvokeAnswers.Add(value.ToJsonString());
        Assert.Equal("application/vnd.microsoft.card.adaptive", type);
        _cards.Add(value.ToJsonString());
        return value.ToJsonString();
    }

    private async Task<JsonObject> StudentExecuteAsync(string verb, object data)
    {
        var (type, value) = await ExecuteAsync(StudentAad, StudentTeamsId, "Daan Mulder", StudentChat, verb, data);
        Assert.Equal("application/vnd.microsoft.card.adaptive", type);
        _cards.Add(value.ToJsonString());
        return value.AsObject();
    }

    /// <summary>An Action.Execute as Teams sends it; returns the invoke response's type and value from the HTTP answer.</summary>
    private async Task<(string? Type, JsonNode Value)> ExecuteAsync(string aad, string teamsId, string name, string conversationId, string verb, object data)
    {
        var payload = JsonSerializer.SerializeToNode(data)!.AsObject();
        payload["verb"] = verb;
        var invoke = Message(aad, teamsId, name, conversationId, null);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = payload },
            ["trigger"] = "manual",
        });
        var response = await PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]?.GetValue<int>() ?? 200);
        return (body["type"]?.GetValue<string>(), body["value"]!);
    }

    /// <summary>The latest card sent into <paramref name="conversationId"/> that contains <paramref name="text"/> (waits for the dispatcher).</summary>
    private async Task<JsonObject> WaitForCardAsync(string conversationId, string text, FakeConnectorOperation? operation = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var found = _connector.Calls
                .Where(c => c.ConversationId == conversationId && (operation is null || c.Operation == operation))
                .SelectMany(c => CardsIn(c.Body))
                .LastOrDefault(card => card.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return JsonNode.Parse(found)!.AsObject();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No card with '{text}' in the conversation.");
            }

            await Task.Delay(50);
        }
    }

    private static IEnumerable<string> CardsIn(string body)
    {
        if (string.IsNullOrEmpty(body) || JsonNode.Parse(body) is not JsonObject activity || activity["attachments"] is not JsonArray attachments)
        {
            yield break;
        }

        foreach (var attachment in attachments)
        {
            if (attachment?["contentType"]?.GetValue<string>() == Attachment.AdaptiveCardContentType && attachment["content"] is JsonObject content)
            {
                yield return content.ToJsonString();
            }
        }
    }

    private static JsonObject? FindAction(JsonNode? node, string title) => node switch
    {
        JsonObject obj when obj["title"]?.GetValue<string>() == title && obj["type"]?.GetValue<string>() is { } type && type.StartsWith("Action.", StringComparison.Ordinal) => obj,
        JsonObject obj => obj.Select(p => FindAction(p.Value, title)).FirstOrDefault(a => a is not null),
        JsonArray array => array.Select(n => FindAction(n, title)).FirstOrDefault(a => a is not null),
        _ => null,
    };

    private static string? FindString(JsonNode? node, string key) => node switch
    {
        JsonObject obj when obj[key] is JsonValue value && value.TryGetValue<string>(out var text) => text,
        JsonObject obj => obj.Select(p => FindString(p.Value, key)).FirstOrDefault(s => s is not null),
        JsonArray array => array.Select(n => FindString(n, key)).FirstOrDefault(s => s is not null),
        _ => null,
    };

    private string Mint() => Hosting.ChannelTokens.Mint(_channelKey, AppId, _connector.ServiceUrl.ToString());

    private sealed class FixedTokenProvider : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("outbound-test-token");
    }
}
