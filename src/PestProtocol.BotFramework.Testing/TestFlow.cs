using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Testing;

/// <summary>A TestFlow expectation that did not hold.</summary>
public sealed class TestFlowAssertionException(string message) : Exception(message);

/// <summary>
/// A conversation script in the Bot Builder style: what the user does and what the bot must answer,
/// run in order by <see cref="StartTestAsync"/>.
/// <code>
/// await new TestFlow(adapter, bot.OnTurnAsync)
///     .Send("melding").AssertReplyContains("Wie")
///     .ClickButton("Route B", new { toelichting = "…" }).AssertReply("Opgeslagen.")
///     .StartTestAsync();
/// </code>
/// </summary>
public sealed class TestFlow
{
    private readonly TestAdapter _adapter;
    private readonly BotCallbackHandler _logic;
    private readonly List<(string Description, Func<CancellationToken, Task> Run)> _steps = [];
    private InvokeResponse? _lastInvokeResponse;
    private bool _hasInvoked;

    public TestFlow(TestAdapter adapter, BotCallbackHandler logic)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(logic);
        _adapter = adapter;
        _logic = logic;
    }

    public TestFlow(TestAdapter adapter, IBot bot)
        : this(adapter, (bot ?? throw new ArgumentNullException(nameof(bot))).OnTurnAsync)
    {
    }

    /// <summary>The user types <paramref name="text"/>.</summary>
    public TestFlow Send(string text) => Turn($"Send \"{text}\"", () => _adapter.MakeMessage(text));

    /// <summary>The user's client sends <paramref name="activity"/> (missing addressing is filled in).</summary>
    public TestFlow Send(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Turn($"Send {activity.Type}", () => Complete(activity));
    }

    /// <summary>An Action.Submit arrives with <paramref name="value"/> (data and inputs merged).</summary>
    public TestFlow Submit(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Turn("Submit", () => _adapter.MakeSubmit(value));
    }

    /// <summary>An Action.Execute arrives as an <c>adaptiveCard/action</c> invoke.</summary>
    public TestFlow Execute(string verb, object? data = null) => Turn($"Execute \"{verb}\"", () => _adapter.MakeExecute(verb, data));

    /// <summary>
    /// The user presses the button titled <paramref name="title"/> on the LAST card the bot sent (or, with
    /// <paramref name="cardsBack"/> = 1, 2 …, on an older card still in the chat), after filling in
    /// <paramref name="inputs"/> (an object or dictionary: input id → value). Action.Submit becomes a
    /// message with the merged data; Action.Execute an <c>adaptiveCard/action</c> invoke.
    /// </summary>
    public TestFlow ClickButton(string title, object? inputs = null, int cardsBack = 0) => Turn($"Click \"{title}\"", () =>
    {
        var cards = _adapter.SentActivities.Select(ReceivedCard.From).OfType<ReceivedCard>().ToList();
        var card = cards.Count > cardsBack ? cards[cards.Count - 1 - cardsBack]
            : throw new TestFlowAssertionException($"Click \"{title}\": the bot has sent {cards.Count} card(s).");
        var action = card.FindAction(title)
            ?? throw new TestFlowAssertionException($"Click \"{title}\": no such button on the last card (buttons: {string.Join(", ", card.ActionTitles)}).");
        var type = action["type"]?.GetValue<string>();
        var inputNode = inputs is null ? null : JsonSerializer.SerializeToNode(inputs, inputs.GetType(), BotJson.Options) as JsonObject;
        if (type == "Action.Submit" && action["data"] is JsonValue stringData && stringData.TryGetValue<string>(out var text))
        {
            return _adapter.MakeMessage(text);
        }

        var data = action["data"] is JsonObject d ? (JsonObject)d.DeepClone() : [];
        foreach (var (key, value) in inputNode ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return type switch
        {
            "Action.Submit" => _adapter.MakeSubmit(data),
            "Action.Execute" => _adapter.MakeExecute(action["verb"]?.GetValue<string>() ?? "", data, action["id"]?.GetValue<string>()),
            _ => throw new TestFlowAssertionException($"Click \"{title}\": a {type} does not send anything to the bot."),
        };
    });

    /// <summary>The next reply's text is exactly <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(string expected) => AssertReply(reply =>
    {
        if (reply.Text != expected)
        {
            throw new TestFlowAssertionException($"Expected the reply \"{expected}\" but got {Describe(reply)}.");
        }
    }, $"AssertReply \"{expected}\"");

    /// <summary>The next reply passes <paramref name="check"/> (throw to fail).</summary>
    public TestFlow AssertReply(Action<Activity> check, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        _steps.Add((description ?? "AssertReply", _ =>
        {
            var reply = _adapter.GetNextReply() ?? throw new TestFlowAssertionException("Expected a reply, but the bot sent nothing more.");
            check(reply);
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <summary>The next reply's text, or its card's texts, contain <paramref name="fragment"/> (case-insensitive).</summary>
    public TestFlow AssertReplyContains(string fragment) => AssertReply(reply =>
    {
        var inText = reply.Text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) ?? false;
        if (!inText && !(ReceivedCard.From(reply)?.ContainsText(fragment) ?? false))
        {
            throw new TestFlowAssertionException($"Expected a reply containing \"{fragment}\" but got {Describe(reply)}.");
        }
    }, $"AssertReplyContains \"{fragment}\"");

    /// <summary>The next reply carries an Adaptive Card that passes <paramref name="check"/> (return false or throw to fail).</summary>
    public TestFlow AssertCard(Func<ReceivedCard, bool> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return AssertReply(reply =>
        {
            var card = ReceivedCard.From(reply) ?? throw new TestFlowAssertionException($"Expected a card but got {Describe(reply)}.");
            if (!check(card))
            {
                throw new TestFlowAssertionException($"The card does not match: {card}.");
            }
        }, "AssertCard");
    }

    /// <summary>The next reply is a card with a text containing <paramref name="fragment"/>.</summary>
    public TestFlow AssertCardContains(string fragment) => AssertCard(card => card.ContainsText(fragment));

    /// <summary>The bot sent nothing (more) so far.</summary>
    public TestFlow AssertNoReply() => Do(() =>
    {
        var reply = _adapter.GetNextReply();
        return reply is null ? Task.CompletedTask : throw new TestFlowAssertionException($"Expected no reply but got {Describe(reply)}.");
    }, "AssertNoReply");

    /// <summary>The last turn was an invoke and its response passes <paramref name="check"/>.</summary>
    public TestFlow AssertInvokeResponse(Action<InvokeResponse> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Do(() =>
        {
            if (!_hasInvoked || _lastInvokeResponse is null)
            {
                throw new TestFlowAssertionException("Expected an invoke response, but the last turn set none.");
            }

            check(_lastInvokeResponse);
            return Task.CompletedTask;
        }, "AssertInvokeResponse");
    }

    /// <summary>
    /// The last invoke got HTTP <paramref name="status"/> and an <c>adaptiveCard/action</c> body of
    /// <paramref name="bodyType"/> whose value (text or card JSON) contains <paramref name="contains"/>.
    /// </summary>
    public TestFlow AssertInvokeResponse(int status, string? bodyType = null, string? contains = null) => AssertInvokeResponse(response =>
    {
        var body = response.Body is null ? null : JsonSerializer.SerializeToNode(response.Body, response.Body.GetType(), BotJson.Options);
        if (response.Status != status)
        {
            throw new TestFlowAssertionException($"Expected invoke status {status} but got {response.Status}: {body?.ToJsonString()}.");
        }

        if (bodyType is not null && body?["type"]?.GetValue<string>() != bodyType)
        {
            throw new TestFlowAssertionException($"Expected an invoke body of type {bodyType} but got {body?.ToJsonString()}.");
        }

        var value = body?["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : body?["value"]?.ToJsonString(BotJson.Options);
        if (contains is not null && !(value?.Contains(contains, StringComparison.OrdinalIgnoreCase) ?? false))
        {
            throw new TestFlowAssertionException($"Expected the invoke body to contain \"{contains}\" but got {body?.ToJsonString()}.");
        }
    });

    /// <summary>Runs any check or action at this point of the conversation.</summary>
    public TestFlow Do(Func<Task> action, string description = "Do")
    {
        ArgumentNullException.ThrowIfNull(action);
        _steps.Add((description, _ => action()));
        return this;
    }

    /// <summary>Plays the conversation; the first failing expectation throws, naming its step.</summary>
    public async Task StartTestAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _steps.Count; i++)
        {
            var (description, run) = _steps[i];
            try
            {
                await run(cancellationToken).ConfigureAwait(false);
            }
            catch (TestFlowAssertionException e)
            {
                throw new TestFlowAssertionException($"Step {i + 1} ({description}): {e.Message}");
            }
        }
    }

    private TestFlow Turn(string description, Func<Activity> makeActivity)
    {
        _steps.Add((description, async ct =>
        {
            var activity = makeActivity();
            var response = await _adapter.ProcessActivityAsync(activity, _logic, ct).ConfigureAwait(false);
            _hasInvoked = activity.Type == ActivityTypes.Invoke;
            _lastInvokeResponse = response;
        }));
        return this;
    }

    private Activity Complete(Activity activity)
    {
        var template = _adapter.MakeActivity(activity.Type ?? ActivityTypes.Message);
        activity.Id ??= template.Id;
        activity.Timestamp ??= template.Timestamp;
        activity.ChannelId ??= template.ChannelId;
        activity.ServiceUrl ??= template.ServiceUrl;
        activity.From ??= template.From;
        activity.Recipient ??= template.Recipient;
        activity.Conversation ??= template.Conversation;
        activity.Locale ??= template.Locale;
        activity.ChannelData ??= template.ChannelData;
        return activity;
    }

    private static string Describe(Activity reply)
    {
        var text = new StringBuilder();
        text.Append(reply.Type).Append(" \"").Append(reply.Text).Append('"');
        if (ReceivedCard.From(reply) is { } card)
        {
            text.Append(" with card [").Append(card).Append(']');
        }

        return text.ToString();
    }
}
