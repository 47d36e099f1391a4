using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Schema;

/// <summary>
/// Every activity the Agents Playground really sent parses into <see cref="Activity"/>, reads as the
/// protocol means it, and is written back without losing or changing anything.
/// </summary>
public class ActivityCorpusTests
{
    public static TheoryData<string> CorpusFiles() => new(Corpus.FileNames());

    [Fact]
    public void The_corpus_holds_every_captured_kind_of_activity()
    {
        var files = Corpus.FileNames().ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "conversationUpdate.json", "installationUpdate.json", "personal-message.json",
                "channel-message-mention.json", "action-submit.json", "adaptivecard-action-invoke.json",
            },
            files);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_captured_activity_survives_a_round_trip_unchanged(string fileName)
    {
        var original = Corpus.Text(fileName);

        var activity = BotJson.Deserialize<Activity>(original);
        var written = BotJson.Serialize(activity);

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)),
            $"{fileName} changed in the round trip:\n{written}");
        Assert.Equal(Corpus.Canonical(original), Corpus.Canonical(written));
    }

    [Theory]
    [InlineData("""{"a":1.50}""", """{"a":1.5}""")]
    [InlineData("""{"a":null,"b":1}""", """{"b":1}""")]
    [InlineData("""{"t":"2026-11-24T06:17:01.246Z"}""", """{"t":"2026-11-24T06:17:01.246+00:00"}""")]
    public void The_round_trip_comparison_notices_respelled_numbers_dropped_nulls_and_reformatted_dates(string original, string changed)
    {
        Assert.NotEqual(Corpus.Canonical(original), Corpus.Canonical(changed));
        Assert.Equal(Corpus.Canonical(original), Corpus.Canonical(original.Replace("{", "{\n  ")));
    }

    [Fact]
    public void The_round_trip_comparison_ignores_key_order()
    {
        Assert.Equal(Corpus.Canonical("""{"a":{"x":1,"y":[2,3]},"b":"c"}"""), Corpus.Canonical("""{"b":"c","a":{"y":[2,3],"x":1}}"""));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_captured_activity_has_the_basics_every_teams_activity_carries(string fileName)
    {
        var activity = Corpus.Load(fileName);

        Assert.False(string.IsNullOrEmpty(activity.Type));
        Assert.False(string.IsNullOrEmpty(activity.Id));
        Assert.Equal(Channels.MsTeams, activity.ChannelId);
        Assert.StartsWith("http://localhost:", activity.ServiceUrl);
        Assert.Equal(Corpus.BotId, activity.Recipient?.Id);
        Assert.Equal(Corpus.UserId, activity.From?.Id);
        Assert.Equal(Corpus.TenantId, activity.Conversation?.TenantId);
        Assert.Equal(Corpus.TenantId, activity.GetTeamsChannelData()?.Tenant?.Id);
        Assert.True(DateTimeOffset.TryParse(activity.Timestamp, out _), $"timestamp '{activity.Timestamp}'");
    }

    [Fact]
    public void ConversationUpdate_on_install_adds_the_user_and_the_bot()
    {
        var activity = Corpus.Load("conversationUpdate.json");

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.NotNull(activity.MembersAdded);
        Assert.Contains(activity.MembersAdded, m => m.Id == activity.Recipient!.Id && m.Id == Corpus.BotId);
        Assert.Contains(activity.MembersAdded, m => m.Id == Corpus.UserId && m.AadObjectId == Corpus.UserAadObjectId);
        Assert.Equal("personal", activity.Conversation?.ConversationType);
        Assert.Equal(Corpus.PersonalChatId, activity.Conversation?.Id);
    }

    [Fact]
    public void InstallationUpdate_says_the_app_was_added()
    {
        var activity = Corpus.Load("installationUpdate.json");

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal("add", activity.Action);
        Assert.Equal("personal", activity.Conversation?.ConversationType);
    }

    [Fact]
    public void A_personal_message_is_from_a_tenant_user_in_a_personal_chat()
    {
        var activity = Corpus.Load("personal-message.json");

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("Hallo PestProtocol", activity.Text);
        Assert.Equal("plain", activity.TextFormat);
        Assert.Equal("personal", activity.Conversation?.ConversationType);
        Assert.Null(activity.Conversation?.IsGroup);
        Assert.Equal(Corpus.PersonalChatId, activity.Conversation?.Id);
        Assert.Equal(Corpus.UserAadObjectId, activity.From?.AadObjectId);
        Assert.Equal("Anouk de Vries", activity.From?.Name);
        Assert.Equal("en-US", activity.Locale);
        Assert.Equal("UTC", activity.LocalTimezone);
        var clientInfo = Assert.Single(activity.Entities!, e => e.Type == "clientInfo");
        Assert.Equal("Web", clientInfo.Properties!["platform"].GetString());
    }

    [Fact]
    public void A_channel_message_mentions_the_bot_and_names_team_channel_and_tenant()
    {
        var activity = Corpus.Load("channel-message-mention.json");

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("channel", activity.Conversation?.ConversationType);
        Assert.True(activity.Conversation?.IsGroup);
        Assert.StartsWith(Corpus.ChannelId + ";messageid=", activity.Conversation?.Id);

        var mention = Assert.Single(activity.Entities!, e => e.Type == "mention");
        Assert.Equal(Corpus.BotId, mention.Mentioned?.Id);
        Assert.Equal("PestProtocol", mention.Mentioned?.Name);
        Assert.Equal("<at>PestProtocol</at>", mention.Text);
        Assert.StartsWith(mention.Text, activity.Text);
        Assert.Equal("<at>PestProtocol</at> hallo", activity.Text);

        var teams = activity.GetTeamsChannelData();
        Assert.NotNull(teams);
        Assert.Equal(Corpus.TeamId, teams.Team?.Id);
        Assert.Equal(Corpus.ChannelId, teams.Channel?.Id);
        Assert.Equal(Corpus.TenantId, teams.Tenant?.Id);
        Assert.Equal(Corpus.TeamId, teams.TeamsTeamId);
        Assert.Equal(Corpus.ChannelId, teams.TeamsChannelId);
    }

    [Fact]
    public void The_channel_conversationUpdate_is_a_team_member_added_event_with_the_team()
    {
        var activity = Corpus.Load("channel-conversationUpdate.json");

        var teams = activity.GetTeamsChannelData();
        Assert.Equal("teamMemberAdded", teams?.EventType);
        Assert.Equal(Corpus.TeamId, teams?.Team?.Id);
        Assert.Equal("Team Onderbouw", teams?.Team?.Name);
        Assert.Equal("e2e0d000-0000-4000-a000-00000000d001", teams?.Team?.AadGroupId);
        var added = Assert.Single(activity.MembersAdded!);
        Assert.Equal(Corpus.BotId, added.Id);
        Assert.Equal("Zorg en veiligheid", activity.Conversation?.Name);
    }

    [Fact]
    public void An_action_submit_is_a_message_whose_value_merges_the_data_and_the_inputs()
    {
        var activity = Corpus.Load("action-submit.json");

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Null(activity.Text);
        Assert.False(string.IsNullOrEmpty(activity.ReplyToId));
        Assert.NotNull(activity.Value);
        var value = activity.Value.Value;
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal("B", value.GetProperty("choice").GetString());
        Assert.Equal("een notitie", value.GetProperty("note").GetString());
    }

    [Fact]
    public void An_action_execute_is_an_adaptive_card_action_invoke_with_verb_and_merged_data()
    {
        var activity = Corpus.Load("adaptivecard-action-invoke.json");

        Assert.Equal(ActivityTypes.Invoke, activity.Type);
        Assert.Equal(InvokeNames.AdaptiveCardAction, activity.Name);
        Assert.NotNull(activity.Value);
        var value = BotJson.Deserialize<AdaptiveCardInvokeValue>(activity.Value.Value);
        Assert.NotNull(value?.Action);
        Assert.Equal("Action.Execute", value.Action.Type);
        Assert.Equal("take", value.Action.Verb);
        Assert.Equal("Take", value.Action.Properties!["title"].GetString());
        var data = value.Action.Data!.Value;
        Assert.Equal("x", data.GetProperty("caseId").GetString());
        Assert.Equal("een notitie", data.GetProperty("note").GetString());
    }
}
