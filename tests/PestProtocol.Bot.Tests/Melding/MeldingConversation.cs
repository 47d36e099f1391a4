using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// A /melding conversation as a TestFlow script that reads like what the user does: say, click (with inputs),
/// expect a text among the replies since the last expectation. Every card the bot sends can be validated afterwards.
/// </summary>
internal sealed class MeldingConversation
{
    private readonly TestFlow _flow;

    public MeldingConversation(BotHarness harness, string aadObjectId)
    {
        Adapter = harness.Chat(aadObjectId);
        _flow = new TestFlow(Adapter, harness.Bot);
    }

    private MeldingConversation(BotHarness harness, TestAdapter adapter)
    {
        Adapter = adapter;
        _flow = new TestFlow(Adapter, harness.Bot);
    }

    public TestAdapter Adapter { get; }

    /// <summary>A new script in the same chat (what was already run is not run again).</summary>
    public MeldingConversation Continue(BotHarness harness) => new(harness, Adapter);

    public static string Today => DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string InDays(int days) => DateOnly.FromDateTime(DateTime.Now).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public MeldingConversation Say(string text)
    {
        _flow.Send(text);
        return this;
    }

    public MeldingConversation Click(string title, IDictionary<string, object?>? inputs = null, int cardsBack = 0)
    {
        _flow.ClickButton(title, inputs is null ? null : new Dictionary<string, object?>(inputs), cardsBack);
        return this;
    }

    /// <summary>Presses a button on a card sent in another conversation object (e.g. by the bot before a restart).</summary>
    public MeldingConversation ClickOn(Activity card, string title, IDictionary<string, object?>? inputs = null)
    {
        var action = ReceivedCard.From(card)?.FindAction(title) ?? throw new TestFlowAssertionException($"No button \"{title}\" on that card.");
        var data = action["data"] is System.Text.Json.Nodes.JsonObject d ? (System.Text.Json.Nodes.JsonObject)d.DeepClone() : [];
        foreach (var (key, value) in inputs ?? new Dictionary<string, object?>())
        {
            data[key] = System.Text.Json.JsonSerializer.SerializeToNode(value, BotJson.Options);
        }

        _flow.Submit(data);
        return this;
    }

    /// <summary>Some reply not yet seen contains <paramref name="fragment"/> (text or card); replies before it are passed over.</summary>
    public MeldingConversation Expect(string fragment)
    {
        _flow.Do(() =>
        {
            var seen = new List<string>();
            while (Adapter.GetNextReply() is { } reply)
            {
                var card = ReceivedCard.From(reply);
                if ((reply.Text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) ?? false) || (card?.ContainsText(fragment) ?? false))
                {
                    return Task.CompletedTask;
                }

                seen.Add(reply.Text ?? card?.ToString() ?? reply.Type ?? "?");
            }

            throw new TestFlowAssertionException($"Expected a reply containing \"{fragment}\" but got: {string.Join(" || ", seen)}");
        }, $"Expect \"{fragment}\"");
        return this;
    }

    /// <summary>Some reply not yet seen contains all of <paramref name="fragments"/> (one card); replies before it are passed over.</summary>
    public MeldingConversation ExpectAll(params string[] fragments)
    {
        _flow.Do(() =>
        {
            var seen = new List<string>();
            while (Adapter.GetNextReply() is { } reply)
            {
                var card = ReceivedCard.From(reply);
                if (fragments.All(f => (reply.Text?.Contains(f, StringComparison.OrdinalIgnoreCase) ?? false) || (card?.ContainsText(f) ?? false)))
                {
                    return Task.CompletedTask;
                }

                seen.Add(reply.Text ?? card?.ToString() ?? reply.Type ?? "?");
            }

            throw new TestFlowAssertionException($"Expected a reply containing \"{string.Join("\", \"", fragments)}\" but got: {string.Join(" || ", seen)}");
        }, $"ExpectAll \"{string.Join("\", \"", fragments)}\"");
        return this;
    }

    /// <summary>No reply not yet seen contains <paramref name="fragment"/>.</summary>
    public MeldingConversation ExpectNone(string fragment)
    {
        _flow.Do(() =>
        {
            while (Adapter.GetNextReply() is { } reply)
            {
                if ((reply.Text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) ?? false) || (ReceivedCard.From(reply)?.ContainsText(fragment) ?? false))
                {
                    throw new TestFlowAssertionException($"Did not expect \"{fragment}\" in {reply.Text}");
                }
            }

            return Task.CompletedTask;
        }, $"ExpectNone \"{fragment}\"");
        return this;
    }

    public MeldingConversation Then(Func<Task> check)
    {
        _flow.Do(check);
        return this;
    }

    public Task RunAsync() => _flow.StartTestAsync();

    /// <summary>Every card the bot sent in this conversation, checked by both validators.</summary>
    public async Task AssertCardsValidAsync()
    {
        var cards = Adapter.SentActivities
            .SelectMany(a => a.Attachments ?? [])
            .Where(a => a.ContentType == Attachment.AdaptiveCardContentType)
            .Select(a => System.Text.Json.JsonSerializer.Serialize(a.Content, a.Content!.GetType(), BotJson.Options))
            .ToList();
        Assert.NotEmpty(cards);
        var schemaProblems = cards.SelectMany(CardValidator.ValidateAgainstSchema).Distinct().ToList();
        Assert.True(schemaProblems.Count == 0, string.Join("\n", schemaProblems));
        var jsProblems = await CardValidator.ValidateWithAdaptiveCardsJsAsync(cards);
        Assert.True(jsProblems.Count == 0, string.Join("\n", jsProblems));
    }
}

/// <summary>The inputs of the common /melding screens, as the user fills them in.</summary>
internal static class Fill
{
    public static Dictionary<string, object?> Intake(string description = "In de pauze wordt ze uitgelachen en staat ze alleen.", bool digital = false) => new()
    {
        ["klas"] = "2b",
        ["locatie"] = "dewilgen",
        ["aanleiding"] = "Signals",
        ["signalen.school.lichaam"] = "",
        ["signalen.school.anderen"] = "school.uitgelachen,school.geen-vrienden",
        ["signalen.school.gedrag"] = "",
        ["signalen.thuis.lichaam"] = "",
        ["signalen.thuis.anderen"] = "",
        ["digitaal"] = digital ? "true" : "false",
        ["beschrijving"] = description,
    };

    public static Dictionary<string, object?> Parents(Dictionary<string, object?>? more = null)
    {
        var inputs = new Dictionary<string, object?>
        {
            ["ouderDoor"] = "zelf",
            ["ouderDatum"] = MeldingConversation.Today,
            ["ouderHoe"] = "Phone",
        };
        foreach (var (key, value) in more ?? [])
        {
            inputs[key] = value;
        }

        return inputs;
    }

    public static Dictionary<string, object?> Text(string text, Dictionary<string, object?>? more = null)
    {
        var inputs = new Dictionary<string, object?> { ["tekst"] = text };
        foreach (var (key, value) in more ?? [])
        {
            inputs[key] = value;
        }

        return inputs;
    }

    public static Dictionary<string, object?> FollowUp(string text = "Gaat beter.") => new() { ["vervolgdatum"] = MeldingConversation.InDays(14), ["tekst"] = text };

    public static Dictionary<string, object?> AllTopics(Dictionary<string, object?> inputs)
    {
        for (var i = 1; i <= 4; i++)
        {
            inputs["onderwerp" + i] = "true";
        }

        return inputs;
    }
}
