using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Dialogs.Prompts;

/// <summary>
/// <see cref="PromptCard.Stamp"/> works on a copy: a card built once and sent by several prompts (a cached help card, a
/// card two conversations show at the same time) never carries another prompt's id, and every copy keeps the rest of the
/// activity (text, the other attachments) as it was.
/// </summary>
public sealed class PromptCardStampTests
{
    [Fact]
    public void Two_prompts_stamping_one_shared_json_card_each_get_their_own_id_and_the_card_stays_clean()
    {
        var shared = SimpleCard.ToActivity(SimpleCard.Create("Klopt het vermoeden?",
        [
            SimpleCard.SubmitAction("Ja", new JsonObject { ["keuze"] = "ja" }),
            SimpleCard.SubmitAction("Nee", new JsonObject { ["keuze"] = "nee" }),
        ]));
        shared.Text = "Stap 1";

        var first = PromptCard.Stamp(shared, "kaart-1");
        var second = PromptCard.Stamp(shared, "kaart-2");

        Assert.Equal(["kaart-1", "kaart-1"], CardIds(first));
        Assert.Equal(["kaart-2", "kaart-2"], CardIds(second));
        Assert.Empty(CardIds(shared));
        Assert.Equal(["ja", "nee"], Actions(first).Select(a => a["data"]!["keuze"]!.GetValue<string>()));
        Assert.Equal("Stap 1", first.Text);
        Assert.Equal("Stap 1", second.Text);
    }

    [Fact]
    public void A_typed_card_and_a_second_attachment_come_through_and_only_the_card_is_stamped()
    {
        var card = new AdaptiveCard { Body = [new TextBlock { Text = "Wat is er gebeurd?" }], Actions = [new ActionSubmit { Title = "Versturen", Data = new JsonObject { ["stap"] = "1" } }] };
        var image = new Attachment { ContentType = "image/png", ContentUrl = "https://example.org/a.png", Name = "a.png" };
        var activity = Activity.CreateAttachmentMessage(card.ToAttachment());
        activity.Attachments!.Add(image);

        var stamped = PromptCard.Stamp(activity, "kaart-3");

        Assert.Equal(["kaart-3"], CardIds(stamped));
        Assert.Equal(2, stamped.Attachments!.Count);
        Assert.Equal("https://example.org/a.png", stamped.Attachments[1].ContentUrl);
        Assert.Equal("a.png", stamped.Attachments[1].Name);
        Assert.Null(((JsonObject)((ActionSubmit)card.Actions![0]).Data!)[PromptCard.CardIdKey]);
        Assert.NotSame(activity.Attachments, stamped.Attachments);
        Assert.Equal(2, activity.Attachments.Count);
    }

    private static IEnumerable<JsonObject> Actions(Activity activity) =>
        ((JsonObject)JsonSerializer.SerializeToNode(activity.Attachments![0].Content, BotJson.Options)!)["actions"]!.AsArray().OfType<JsonObject>();

    private static List<string> CardIds(Activity activity) =>
        Actions(activity).Select(a => a["data"]?[PromptCard.CardIdKey]?.GetValue<string>()).OfType<string>().ToList();
}
