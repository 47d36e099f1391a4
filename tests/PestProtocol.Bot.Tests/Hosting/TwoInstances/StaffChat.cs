using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Hosting.TwoInstances;

/// <summary>
/// A staff member's personal chat with the bot, driven over HTTP: each turn is posted to the instance the test names
/// (as a load balancer would pick one), and the turn's replies are read from the connector. A click presses a button on
/// the last card the bot sent in this chat, with the inputs filled in, as the Teams client does.
/// </summary>
internal sealed class StaffChat(ConnectorBetweenInstances connector, string aadObjectId, string name)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<string> _sentIds = [];
    private ReceivedCard? _lastCard;

    public string AadObjectId { get; } = aadObjectId;

    /// <summary>The staff member's (invented) name.</summary>
    public string Name { get; } = name;

    public string ConversationId { get; } = "a:two-instances-" + Guid.NewGuid().ToString("N");

    /// <summary>The ids of the activities this chat sent, in order.</summary>
    public IReadOnlyList<string> SentIds => _sentIds;

    public Task<IReadOnlyList<Activity>> SayAsync(BotProcess instance, string text)
    {
        var activity = NewActivity();
        activity.Text = text;
        activity.TextFormat = "plain";
        return TurnAsync(instance, activity);
    }

    public Task<IReadOnlyList<Activity>> ClickAsync(BotProcess instance, string title, IDictionary<string, object?>? inputs = null)
    {
        var action = _lastCard?.FindAction(title) ?? throw new InvalidOperationException($"No button \"{title}\" on the last card ({string.Join(", ", _lastCard?.ActionTitles ?? [])}).");
        if (action["type"]?.GetValue<string>() != "Action.Submit")
        {
            throw new InvalidOperationException($"\"{title}\" is a {action["type"]}; this chat only presses Action.Submit.");
        }

        var data = action["data"] is JsonObject d ? (JsonObject)d.DeepClone() : [];
        foreach (var (key, value) in inputs ?? new Dictionary<string, object?>())
        {
            data[key] = JsonSerializer.SerializeToNode(value, BotJson.Options);
        }

        var activity = NewActivity();
        activity.Value = JsonSerializer.SerializeToElement(data, BotJson.Options);
        return TurnAsync(instance, activity);
    }

    private async Task<IReadOnlyList<Activity>> TurnAsync(BotProcess instance, Activity activity)
    {
        _sentIds.Add(activity.Id!);
        using var content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(instance.Url, "/api/messages"), content);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new InvalidOperationException($"Bot {instance.Name} answered {(int)response.StatusCode}:\n{instance.OutputTail}");
        }

        // The adapter posts a turn's replies before it answers the request.
        var replies = connector.Replies.Where(r => r.ConversationId == ConversationId && r.ReplyToId == activity.Id).Select(r => r.Activity).ToList();
        if (replies.Select(ReceivedCard.From).LastOrDefault(c => c is not null) is { } card)
        {
            _lastCard = card;
        }

        return replies;
    }

    private Activity NewActivity() => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ChannelId = Channels.MsTeams,
        ServiceUrl = connector.ServiceUrl.ToString(),
        From = new ChannelAccount { Id = "29:" + AadObjectId, Name = Name, AadObjectId = AadObjectId },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "PestProtocol" },
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", TenantId = "e2e0a000-0000-4000-a000-00000000a001" },
        Locale = "nl-NL",
        ChannelData = JsonSerializer.SerializeToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = "e2e0a000-0000-4000-a000-00000000a001" } }, BotJson.Options),
    };
}
