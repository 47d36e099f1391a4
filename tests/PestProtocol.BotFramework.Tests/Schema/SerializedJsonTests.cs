using System.Text.Json;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Schema;

public sealed class SerializedJsonTests
{
    private static AdaptiveCard Card() => new()
    {
        Body = [new TextBlock("Typ \"melding\" om een vermoeden vast te leggen.\nOf 'help' — ik leg het uit <hier>.")],
        FallbackText = "Café ü € 😀",
    };

    private static Activity Reply(object content) => new()
    {
        Type = ActivityTypes.Message,
        Conversation = new ConversationAccount { Id = "a:1xY-conv" },
        Attachments =
        [
            new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = content },
            new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = content },
        ],
        Text = "na de kaart",
    };

    [Fact]
    public void A_card_serialised_once_goes_out_as_the_same_bytes_as_the_card_itself()
    {
        var card = Card();

        var once = JsonSerializer.SerializeToUtf8Bytes(Reply(SerializedJson.Of(card)), BotJson.Options);
        var each = JsonSerializer.SerializeToUtf8Bytes(Reply(card), BotJson.Options);

        Assert.Equal(each, once);
        using var parsed = JsonDocument.Parse(once);
        Assert.Equal("Café ü € 😀", parsed.RootElement.GetProperty("attachments")[1].GetProperty("content").GetProperty("fallbackText").GetString());
        Assert.Equal("na de kaart", parsed.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void A_serialised_card_read_back_from_the_wire_is_the_same_card()
    {
        var json = BotJson.Serialize(SerializedJson.Of(Card()));

        var read = BotJson.Deserialize<SerializedJson>(json)!;

        Assert.Equal(BotJson.Serialize(Card()), read.ToString());
    }
}
