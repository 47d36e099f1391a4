using System.Text.Json;
using PestProtocol.Bot.Tests.Melding;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.StudentSide;

/// <summary>Where others read along: a Teams group chat ("Zorgoverleg onderbouw") and a team channel.</summary>
public enum SharedPlace
{
    GroupChat,
    Channel,
}

/// <summary>A person writing to the bot in a group chat or channel (with the @mention Teams adds), and what the bot sent where.</summary>
internal static class SharedChats
{
    public const string GroupChatId = "19:zorgoverleg-onderbouw@thread.v2";
    public const string ChannelId = "19:channel-zorg@thread.tacv2";
    public const string TeamId = "19:team-general@thread.tacv2";

    /// <summary>Everything the bot could show of a student or case: names, class, case codes, anonymous report words.</summary>
    public static readonly string[] CaseTraces = ["Sanne", "de Boer", "Daan", "Mulder", "Lars", "(2b)", "Klas", "Melding over", "Dossier", "Anonieme melding", "Wat is er gebeurd", "Vertel het je mentor", "Wat naar dat je"];

    public static TestAdapter In(BotHarness bot, SharedPlace place, string aadObjectId)
    {
        var adapter = new TestAdapter();
        adapter.Conversation.User!.AadObjectId = aadObjectId;
        adapter.Conversation.User.Id = "29:" + aadObjectId;
        adapter.Conversation.Conversation!.Id = place == SharedPlace.GroupChat ? GroupChatId : ChannelId + ";messageid=1700000000001";
        adapter.Conversation.Conversation.ConversationType = place == SharedPlace.GroupChat ? "groupChat" : "channel";
        adapter.Conversation.Conversation.IsGroup = true;
        return adapter.WithProductionMiddleware(bot.Services);
    }

    /// <summary>A message that @mentions the bot, as Teams sends it in a group chat or channel.</summary>
    public static Activity Mention(TestAdapter adapter, SharedPlace place, string text)
    {
        var activity = adapter.MakeMessage($"<at>PestProtocol</at> {text}");
        activity.Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = adapter.Conversation.Bot!.Id, Name = "PestProtocol" }, Text = "<at>PestProtocol</at>" }];
        if (place == SharedPlace.Channel)
        {
            activity.ChannelData = JsonSerializer.SerializeToElement(new
            {
                team = new { id = TeamId, name = "Team De Wilgen" },
                channel = new { id = ChannelId, name = "Zorg en veiligheid" },
                tenant = new { id = "test-tenant" },
                teamsTeamId = TeamId,
                teamsChannelId = ChannelId,
            });
        }

        return activity;
    }

    /// <summary>Runs one activity through the real bot; returns the invoke response, if any.</summary>
    public static Task<InvokeResponse?> SendAsync(BotHarness bot, TestAdapter adapter, Activity activity) =>
        adapter.ProcessActivityAsync(activity, bot.Bot.OnTurnAsync);

    /// <summary>What the bot sent into the shared conversation.</summary>
    public static List<Activity> Shared(TestAdapter adapter) =>
        [.. adapter.SentActivities.Where(a => a.Conversation?.Id is { } id && !id.StartsWith("a:", StringComparison.Ordinal))];

    /// <summary>What the bot sent into the person's own chat.</summary>
    public static List<Activity> Personal(TestAdapter adapter, string aadObjectId) =>
        [.. adapter.SentActivities.Where(a => a.Conversation?.Id == "a:chat-" + aadObjectId)];

    /// <summary>An activity as the JSON that would go over the wire (text and cards).</summary>
    public static string Json(Activity activity) => JsonSerializer.Serialize(activity, BotJson.Options);

    public static string Json(IEnumerable<Activity> activities) => string.Join("\n", activities.Select(Json));
}
