using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Cards;

public class CardAttachmentTests
{
    [Fact]
    public void ToAttachment_carries_the_card_with_the_adaptive_card_content_type()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Melding ontvangen")] };

        var attachment = card.ToAttachment();

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Same(card, attachment.Content);
    }

    [Fact]
    public void A_message_activity_with_the_card_puts_the_card_JSON_in_the_attachment_content()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Melding ontvangen") { Wrap = true }] };

        var activity = JsonNode.Parse(BotJson.Serialize(Activity.CreateAttachmentMessage(card.ToAttachment())))!;
        var attachment = activity["attachments"]![0]!;

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal(card.ToJson(), attachment["content"]!.ToJsonString());
    }

    [Fact]
    public void Card_size_counts_two_bytes_per_UTF16_character_of_the_JSON()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("é€")] };

        Assert.Equal(card.ToJson().Length * 2, CardSize.Utf16Bytes(card));
        Assert.Contains("é€", card.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cards_over_80_KB_are_flagged_before_Teams_rejects_them_at_about_100_KB()
    {
        var small = new AdaptiveCard { Body = [new TextBlock("kort")] };
        var large = new AdaptiveCard { Body = [.. Enumerable.Range(0, 500).Select(i => new TextBlock(new string('x', 100)) { Id = $"t{i}" })] };

        Assert.True(CardSize.IsWithinRecommendedSize(small));
        Assert.False(CardSize.IsWithinRecommendedSize(large));
        Assert.True(CardSize.Utf16Bytes(large) > CardSize.RecommendedMaxBytes);
        Assert.True(CardSize.RecommendedMaxBytes < CardSize.TeamsMessageLimitBytes);
    }
}
