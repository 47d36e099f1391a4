using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Schema;

/// <summary>
/// The compile-time metadata behind <see cref="BotJson.Options"/> reads and writes exactly what the reflection resolver
/// did: the same bytes out for what the bot sends and stores, the same activity in for what a channel may send (names
/// in any casing, numbers as strings, fields nobody modelled at any depth), and the same refusals.
/// </summary>
public class BotJsonContextTests
{
    /// <summary>The options as they were before the context: same settings, reflection only.</summary>
    private static readonly JsonSerializerOptions Reflection = CreateReflectionOptions();

    private static JsonSerializerOptions CreateReflectionOptions()
    {
        var options = new JsonSerializerOptions(BotJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.MakeReadOnly();
        return options;
    }

    public static TheoryData<string> CorpusFiles() => new(Corpus.FileNames());

    [Theory]
    [InlineData(typeof(Activity))]
    [InlineData(typeof(ConversationReference))]
    [InlineData(typeof(TeamsChannelData))]
    [InlineData(typeof(AdaptiveCardInvokeResponse))]
    [InlineData(typeof(DialogState))]
    [InlineData(typeof(PromptOptions))]
    public void The_schema_and_the_dialog_state_come_from_compile_time_metadata(Type type)
    {
        Assert.IsType<BotJsonContext>(BotJson.Options.GetTypeInfo(type).OriginatingResolver);
    }

    [Fact]
    public void A_type_outside_the_context_still_works_through_the_reflection_resolver()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Melding ontvangen")] };

        Assert.IsType<DefaultJsonTypeInfoResolver>(BotJson.Options.GetTypeInfo(typeof(AdaptiveCard)).OriginatingResolver);
        Assert.Equal(JsonSerializer.Serialize(card, Reflection), BotJson.Serialize(card));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_captured_activity_reads_and_writes_the_same_as_with_reflection(string fileName)
    {
        var text = Corpus.Text(fileName);

        var ours = JsonSerializer.Deserialize<Activity>(text, BotJson.Options)!;
        var theirs = JsonSerializer.Deserialize<Activity>(text, Reflection)!;

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(theirs, Reflection), JsonSerializer.SerializeToUtf8Bytes(ours, BotJson.Options));
        Assert.Equal(JsonSerializer.Serialize(theirs.GetTeamsChannelData(), Reflection), JsonSerializer.Serialize(ours.GetTeamsChannelData(), BotJson.Options));
    }

    public static TheoryData<string, object> Outbound() => new()
    {
        { "message with an Adaptive Card", CardMessage() },
        { "message with Dutch text, markup characters and an emoji", DutchMessage() },
        { "conversation update with members", ConversationUpdate() },
        { "Teams channel data", TeamsData() },
        { "adaptiveCard/action answer with a card", AdaptiveCardInvokeResponse.Card(new AdaptiveCard { Body = [new TextBlock("Stap 2 – Ouders informeren")] }) },
        { "adaptiveCard/action answer with an error", AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Dit formulier hoort bij een oude vraag.") },
        { "application/search answer", new SearchInvokeResponse { Value = new SearchResults { Results = [new SearchResult("Sanne de Boer (2B)", "leerling-1")] } } },
        { "conversation reference", CardMessage().GetConversationReference() },
        { "create-conversation body", new ConversationParameters { IsGroup = false, Bot = new ChannelAccount { Id = "28:bot" }, Members = [new ChannelAccount { Id = "29:mentor" }], TenantId = "t-1", Activity = DutchMessage(), ChannelData = new { tenant = new { id = "t-1" } } } },
        { "dialog state with a prompt", DialogStateWithPrompt() },
        { "prompt options", new PromptOptions { Prompt = CardMessage(), MaxAttempts = 3, Validations = [new CardInputRule { Id = "leerlingNaam", Label = "Naam", Required = true, AllowedValues = ["a", "b"] }] } },
    };

    [Theory]
    [MemberData(nameof(Outbound))]
    public void What_the_bot_sends_and_stores_is_byte_for_byte_what_reflection_wrote(string what, object value)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Reflection);

        var written = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), BotJson.Options);

        Assert.True(expected.AsSpan().SequenceEqual(written), $"{what}:\n{System.Text.Encoding.UTF8.GetString(expected)}\n{System.Text.Encoding.UTF8.GetString(written)}");
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.SerializeToNode(value, value.GetType(), Reflection), Reflection), JsonSerializer.Serialize(JsonSerializer.SerializeToNode(value, value.GetType(), BotJson.Options), BotJson.Options));
    }

    [Fact]
    public void Dutch_text_stays_readable_on_the_wire()
    {
        var written = BotJson.Serialize(DutchMessage());

        Assert.Contains("Sanne wordt al weken gepest – ‘grapjes’ & <dreigingen>", written, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> OddButValidInbound() => new()
    {
        {
            "names in other casings at every level",
            """{"TYPE":"message","Text":"help","ID":"a1","ServiceUrl":"https://smba.trafficmanager.net/emea/","ChannelId":"msteams","FROM":{"Id":"29:u","NAME":"Anouk","AadObjectId":"o-1"},"Conversation":{"ID":"a:c","IsGroup":false,"ConversationType":"personal","TenantID":"t-1"},"Recipient":{"id":"28:b"},"ChannelData":{"Tenant":{"Id":"t-1"}},"Entities":[{"TYPE":"mention","Mentioned":{"ID":"28:b"},"TEXT":"<at>b</at>"}]}"""
        },
        {
            "numbers as strings",
            """{"type":"invoke","name":"application/search","id":"a2","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams","from":{"id":"29:u"},"conversation":{"id":"a:c"},"recipient":{"id":"28:b"},"value":{"kind":"search","queryText":"san","queryOptions":{"skip":"0","top":"15"},"dataset":"leerlingen"}}"""
        },
        {
            "unknown fields at several levels",
            """{"type":"message","text":"hoi","id":"a3","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams","futureField":{"x":[1,2.50,"3"]},"from":{"id":"29:u","userRole":"user","x":null},"conversation":{"id":"a:c","extra":true},"recipient":{"id":"28:b","more":1e3},"attachments":[{"contentType":"text/html","content":"<p>hoi</p>","unknownAttachmentField":{"a":1}}],"entities":[{"type":"clientInfo","locale":"nl-NL","country":"NL","platform":"Web"}],"channelData":{"tenant":{"id":"t-1","region":"eu"},"notification":{"alert":true,"alertInMeeting":false},"legacy":{"replyToId":"1"}}}"""
        },
        {
            "nulls, empty lists and a submit value",
            """{"type":"message","text":null,"id":"a4","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams","from":{"id":"29:u","name":null},"conversation":{"id":"a:c"},"recipient":{"id":"28:b"},"membersAdded":[],"attachments":null,"value":{"promptCardId":"p-1","leerlingNaam":"Sanne de Boer","signalen":"a,b"},"replyToId":"r-1","relatesTo":{"activityId":"x","conversation":{"id":"a:c"},"bot":{"id":"28:b"}}}"""
        },
        {
            "an adaptiveCard/action invoke",
            """{"type":"invoke","name":"adaptiveCard/action","id":"a5","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams","from":{"id":"29:u"},"conversation":{"id":"a:c","conversationType":"personal"},"recipient":{"id":"28:b"},"value":{"action":{"type":"Action.Execute","id":"ok","verb":"bevestig","data":{"caseId":"42","n":1.50},"new":1},"trigger":"manual","state":"s","unknown":[null]}}"""
        },
        {
            "a duplicated property",
            """{"type":"message","text":"eerst","text":"daarna","id":"a6","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams","from":{"id":"29:u"},"conversation":{"id":"a:c"},"recipient":{"id":"28:b"}}"""
        },
    };

    [Theory]
    [MemberData(nameof(OddButValidInbound))]
    public void An_odd_but_valid_activity_reads_the_same_as_with_reflection(string what, string json)
    {
        var theirs = JsonSerializer.Deserialize<Activity>(json, Reflection)!;

        var ours = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;

        Assert.Equal(JsonSerializer.Serialize(theirs, Reflection), JsonSerializer.Serialize(ours, BotJson.Options));
        Assert.Equal(JsonSerializer.Serialize(theirs.GetTeamsChannelData(), Reflection), JsonSerializer.Serialize(ours.GetTeamsChannelData(), BotJson.Options));
        Assert.Equal(theirs.From?.Name, ours.From?.Name);
        Assert.Equal(theirs.Conversation?.IsGroup, ours.Conversation?.IsGroup);
        if (ours.Name == InvokeNames.ApplicationSearch)
        {
            var search = ours.Value!.Value.Deserialize<SearchInvokeValue>(BotJson.Options)!;
            Assert.Equal(15, search.QueryOptions?.Top);
            Assert.Equal(JsonSerializer.Serialize(theirs.Value!.Value.Deserialize<SearchInvokeValue>(Reflection), Reflection), JsonSerializer.Serialize(search, BotJson.Options));
        }

        if (ours.Name == InvokeNames.AdaptiveCardAction)
        {
            var action = ours.Value!.Value.Deserialize<AdaptiveCardInvokeValue>(BotJson.Options)!;
            Assert.Equal("bevestig", action.Action?.Verb);
            Assert.Equal(JsonSerializer.Serialize(theirs.Value!.Value.Deserialize<AdaptiveCardInvokeValue>(Reflection), Reflection), JsonSerializer.Serialize(action, BotJson.Options));
        }

        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [InlineData("""{"type":"message","text":5}""")]
    [InlineData("""{"type":"message","conversation":{"id":"a:c","isGroup":"true"}}""")]
    [InlineData("""{"type":"message","membersAdded":{"id":"29:u"}}""")]
    [InlineData("""{"type":"message","from":"29:u"}""")]
    [InlineData("""{"type":"message","text":"hoi",}""")]
    [InlineData("""[{"type":"message"}]""")]
    public void A_malformed_activity_is_refused_by_both(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Activity>(json, Reflection));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Activity>(json, BotJson.Options));
    }

    [Fact]
    public void A_card_input_rule_without_its_id_is_refused_by_both()
    {
        const string json = """{"validations":[{"label":"Naam","required":true}]}""";

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<PromptOptions>(json, Reflection));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<PromptOptions>(json, BotJson.Options));
    }

    [Fact]
    public void Stored_dialog_state_reads_back_the_same_as_with_reflection()
    {
        var stored = JsonSerializer.Serialize(DialogStateWithPrompt(), Reflection);

        var ours = JsonSerializer.Deserialize<DialogState>(stored, BotJson.Options)!;
        var theirs = JsonSerializer.Deserialize<DialogState>(stored, Reflection)!;

        Assert.Equal("melding", ours.DialogStack[0].Id);
        Assert.Equal(JsonSerializer.Serialize(theirs, Reflection), JsonSerializer.Serialize(ours, BotJson.Options));
    }

    private static Activity CardMessage()
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock("Klopt het vermoeden?") { Wrap = true }],
            Actions = [new ActionSubmit("Ja, het vermoeden klopt") { Data = new Dictionary<string, object?> { ["keuze"] = "ja", ["promptCardId"] = "p-1" } }],
        };
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.From = new ChannelAccount { Id = "28:bot", Name = "PestProtocol" };
        activity.Recipient = new ChannelAccount { Id = "29:mentor", Name = "Anouk de Vries", AadObjectId = "o-1" };
        activity.Conversation = new ConversationAccount { Id = "a:personal", ConversationType = "personal", TenantId = "t-1" };
        activity.ChannelId = Channels.MsTeams;
        activity.ServiceUrl = "https://smba.trafficmanager.net/emea/";
        activity.ReplyToId = "r-1";
        activity.Locale = "nl-NL";
        return activity;
    }

    private static Activity DutchMessage()
    {
        var activity = CardMessage().CreateReply("Sanne wordt al weken gepest – ‘grapjes’ & <dreigingen> 😟 ë é \"citaat\" \\ \n nieuwe regel");
        activity.Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "29:mentor" }, Text = "<at>Anouk</at>" }];
        activity.Properties = new Dictionary<string, JsonElement> { ["futureField"] = JsonElement.Parse("""{"a":[1,2.50,"x"]}""") };
        return activity;
    }

    private static Activity ConversationUpdate() => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = "c-1",
        ChannelId = Channels.MsTeams,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount { Id = "29:u", AadObjectId = "o-1", Role = "user" },
        Recipient = new ChannelAccount { Id = "28:b" },
        Conversation = new ConversationAccount { Id = "19:c@thread.tacv2", IsGroup = true, ConversationType = "channel", TenantId = "t-1" },
        MembersAdded = [new ChannelAccount { Id = "28:b" }, new ChannelAccount { Id = "29:v", Name = "Jeroen Bakker" }],
        ChannelData = JsonElement.Parse("""{"eventType":"teamMemberAdded","team":{"id":"19:t@thread.tacv2","name":"Zorgteam"},"tenant":{"id":"t-1"}}"""),
    };

    private static TeamsChannelData TeamsData() => new()
    {
        Tenant = new TenantInfo { Id = "t-1" },
        Team = new TeamInfo { Id = "19:t@thread.tacv2", Name = "Zorgteam – onderbouw", AadGroupId = "g-1" },
        Channel = new ChannelInfo { Id = "19:c@thread.tacv2", Name = "Meldingen" },
        EventType = "channelCreated",
        Notification = new NotificationInfo { Alert = true },
        Settings = JsonElement.Parse("""{"selectedChannel":{"id":"19:c@thread.tacv2"}}"""),
        Properties = new Dictionary<string, JsonElement> { ["onBehalfOf"] = JsonElement.Parse("[]") },
    };

    private static DialogState DialogStateWithPrompt()
    {
        var prompt = new DialogState
        {
            DialogStack =
            [
                new DialogInstance
                {
                    Id = "stapPrompt",
                    State = new JsonObject { ["options"] = JsonSerializer.SerializeToNode(new PromptOptions { Prompt = CardMessage() }, Reflection), ["attempts"] = 1, ["cardId"] = "p-1" },
                },
            ],
        };
        return new DialogState
        {
            DialogStack =
            [
                new DialogInstance { Id = "melding", State = new JsonObject { ["stepIndex"] = 2, ["values"] = new JsonObject { ["leerling"] = "Sanne de Boer", ["n"] = 1.5 } }, Inner = prompt },
            ],
        };
    }
}
