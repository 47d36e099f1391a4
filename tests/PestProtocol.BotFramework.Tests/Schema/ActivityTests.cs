using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Schema;

public class ActivityTests
{
    [Fact]
    public void A_reply_to_a_personal_message_goes_from_the_bot_to_the_sender_in_the_same_chat()
    {
        var incoming = Corpus.Load("personal-message.json");

        var reply = incoming.CreateReply("Dag!");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("Dag!", reply.Text);
        Assert.Equal(Corpus.BotId, reply.From?.Id);
        Assert.Equal("PestProtocol", reply.From?.Name);
        Assert.Equal(Corpus.UserId, reply.Recipient?.Id);
        Assert.Equal("Anouk de Vries", reply.Recipient?.Name);
        Assert.Equal(Corpus.PersonalChatId, reply.Conversation?.Id);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal(incoming.ServiceUrl, reply.ServiceUrl);
        Assert.Equal(Channels.MsTeams, reply.ChannelId);
        Assert.Equal("en-US", reply.Locale);
    }

    [Fact]
    public void A_reply_carries_nothing_of_what_the_user_sent_besides_the_addressing()
    {
        var incoming = Corpus.Load("action-submit.json");

        var written = JsonNode.Parse(BotJson.Serialize(incoming.CreateReply("Ontvangen")))!.AsObject();

        Assert.Equal(
            ["channelId", "conversation", "from", "locale", "recipient", "replyToId", "serviceUrl", "text", "type"],
            written.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reply_in_a_channel_stays_in_the_thread_of_the_mention()
    {
        var incoming = Corpus.Load("channel-message-mention.json");

        var reply = incoming.CreateReply();

        Assert.Equal(incoming.Conversation?.Id, reply.Conversation?.Id);
        Assert.Contains(";messageid=", reply.Conversation?.Id);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Null(reply.Text);
    }

    [Fact]
    public void A_conversation_reference_keeps_what_a_later_proactive_message_needs()
    {
        var incoming = Corpus.Load("conversationUpdate.json");

        var reference = incoming.GetConversationReference();

        Assert.Equal(incoming.Id, reference.ActivityId);
        Assert.Equal(Corpus.UserId, reference.User?.Id);
        Assert.Equal(Corpus.UserAadObjectId, reference.User?.AadObjectId);
        Assert.Equal(Corpus.BotId, reference.Bot?.Id);
        Assert.Equal(Corpus.PersonalChatId, reference.Conversation?.Id);
        Assert.Equal(Corpus.TenantId, reference.Conversation?.TenantId);
        Assert.Equal(Channels.MsTeams, reference.ChannelId);
        Assert.Equal(incoming.ServiceUrl, reference.ServiceUrl);
    }

    [Fact]
    public void A_stored_conversation_reference_reads_back_the_same()
    {
        var reference = Corpus.Load("channel-message-mention.json").GetConversationReference();

        var json = BotJson.Serialize(reference);
        var restored = BotJson.Deserialize<ConversationReference>(json);

        Assert.NotNull(restored);
        Assert.Equal(reference.Conversation?.Id, restored.Conversation?.Id);
        Assert.Equal("channel", restored.Conversation?.ConversationType);
        Assert.True(restored.Conversation?.IsGroup);
        Assert.Equal(Corpus.TenantId, restored.Conversation?.TenantId);
        Assert.Equal(Corpus.UserAadObjectId, restored.User?.AadObjectId);
        Assert.Equal(Corpus.BotId, restored.Bot?.Id);
        Assert.Equal(reference.ServiceUrl, restored.ServiceUrl);
        Assert.Equal("en-US", restored.Locale);
        Assert.Equal(json, BotJson.Serialize(restored));
    }

    /// <summary>The real personal message with properties this schema does not know at several depths.</summary>
    private static JsonObject PersonalMessageWithUnknowns()
    {
        var json = JsonNode.Parse(Corpus.Text("personal-message.json"))!.AsObject();
        json["x-activity"] = JsonNode.Parse("""{"nested":[1,1.50,1e3,null,true,"tekst"],"at":"2026-11-24T06:17:01.2460000+01:00"}""");
        json["x-activity-null"] = null;
        json["from"]!["x-from"] = "userRole";
        json["from"]!["x-from-null"] = null;
        json["conversation"]!["x-conversation"] = JsonNode.Parse("12.0");
        json["channelData"]!["tenant"]!["x-tenant"] = JsonNode.Parse("""{"region":"EU","since":-0.0}""");
        json["attachments"] = JsonNode.Parse("""
            [{
              "contentType": "application/vnd.microsoft.card.adaptive",
              "content": {"type": "AdaptiveCard", "version": "1.5", "minHeight": "50px", "x-size": 1.10, "body": []},
              "x-attachment": [null, {"deep": {"deeper": 0.000001}}]
            }]
            """);
        return json;
    }

    [Fact]
    public void Unknown_properties_at_every_depth_survive_a_round_trip_with_their_nulls_and_number_spelling()
    {
        var original = PersonalMessageWithUnknowns().ToJsonString();

        var written = BotJson.Serialize(BotJson.Deserialize<Activity>(original));

        Assert.Equal(Corpus.Canonical(original), Corpus.Canonical(written));
        Assert.Contains("1.50", written);
        Assert.Contains("1.10", written);
        Assert.Contains("12.0", written);
        Assert.Contains("\"x-activity-null\":null", written);
        Assert.Contains("\"x-from-null\":null", written);
    }

    [Fact]
    public void Unknown_properties_are_reachable_where_they_were_sent()
    {
        var activity = BotJson.Deserialize<Activity>(PersonalMessageWithUnknowns().ToJsonString())!;

        Assert.Equal(JsonValueKind.Object, activity.Properties!["x-activity"].ValueKind);
        Assert.Equal(JsonValueKind.Null, activity.Properties["x-activity-null"].ValueKind);
        Assert.Equal("userRole", activity.From!.Properties!["x-from"].GetString());
        Assert.Equal(JsonValueKind.Null, activity.From.Properties["x-from-null"].ValueKind);
        Assert.Equal("12.0", activity.Conversation!.Properties!["x-conversation"].GetRawText());
        Assert.Equal("EU", activity.GetTeamsChannelData()!.Tenant!.Properties!["x-tenant"].GetProperty("region").GetString());
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(Attachment.AdaptiveCardContentType, attachment.ContentType);
        Assert.Equal(JsonValueKind.Array, attachment.Properties!["x-attachment"].ValueKind);
        var content = Assert.IsType<JsonElement>(attachment.Content);
        Assert.Equal("1.10", content.GetProperty("x-size").GetRawText());
    }

    [Fact]
    public void A_bot_that_changes_a_known_property_keeps_the_unknown_ones()
    {
        var activity = BotJson.Deserialize<Activity>(PersonalMessageWithUnknowns().ToJsonString())!;

        activity.Text = "aangepast";
        activity.From!.Name = "Iemand anders";
        var written = JsonNode.Parse(BotJson.Serialize(activity))!;

        Assert.Equal("aangepast", written["text"]!.GetValue<string>());
        Assert.Equal("Iemand anders", written["from"]!["name"]!.GetValue<string>());
        Assert.Equal("userRole", written["from"]!["x-from"]!.GetValue<string>());
        Assert.Equal("EU", written["channelData"]!["tenant"]!["x-tenant"]!["region"]!.GetValue<string>());
        Assert.Equal("tekst", written["x-activity"]!["nested"]![5]!.GetValue<string>());
    }

    [Fact]
    public void Timestamps_are_kept_as_the_text_the_channel_sent()
    {
        var json = JsonNode.Parse(Corpus.Text("personal-message.json"))!.AsObject();
        json["timestamp"] = "2026-11-24T06:17:01.2460000Z";
        json["localTimestamp"] = "2026-11-24T07:17:01.246+01:00";

        var activity = BotJson.Deserialize<Activity>(json.ToJsonString())!;
        var written = JsonNode.Parse(BotJson.Serialize(activity))!;

        Assert.Equal("2026-11-24T06:17:01.2460000Z", activity.Timestamp);
        Assert.Equal("2026-11-24T06:17:01.2460000Z", written["timestamp"]!.GetValue<string>());
        Assert.Equal("2026-11-24T07:17:01.246+01:00", written["localTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void A_known_property_sent_as_null_reads_and_writes_as_absent()
    {
        // The Bot Framework treats a null property and a missing one alike; the playground sends neither.
        const string json = """{"type":"message","text":null,"value":null,"channelData":null,"from":null,"conversation":{"id":"c","isGroup":null}}""";

        var activity = BotJson.Deserialize<Activity>(json)!;

        Assert.Null(activity.Text);
        Assert.Null(activity.Value);
        Assert.Null(activity.ChannelData);
        Assert.Null(activity.GetTeamsChannelData());
        Assert.Null(activity.Properties);
        Assert.Equal("""{"type":"message","conversation":{"id":"c"}}""", BotJson.Serialize(activity));
    }

    [Fact]
    public void Teams_channel_data_reads_the_same_every_time_and_follows_a_new_channel_data()
    {
        var activity = BotJson.Deserialize<Activity>("""{"type":"message","channelData":{"tenant":{"id":"tenant-a"},"team":{"id":"19:team-a"}}}""")!;

        Assert.Equal("tenant-a", activity.GetTeamsChannelData()?.Tenant?.Id);
        Assert.Equal("19:team-a", activity.GetTeamsChannelData()?.Team?.Id);

        activity.ChannelData = JsonDocument.Parse("""{"tenant":{"id":"tenant-b"}}""").RootElement;
        Assert.Equal("tenant-b", activity.GetTeamsChannelData()?.Tenant?.Id);
        Assert.Null(activity.GetTeamsChannelData()?.Team);

        activity.ChannelData = null;
        Assert.Null(activity.GetTeamsChannelData());
        Assert.DoesNotContain("channelData", BotJson.Serialize(activity), StringComparison.Ordinal);
    }
}
