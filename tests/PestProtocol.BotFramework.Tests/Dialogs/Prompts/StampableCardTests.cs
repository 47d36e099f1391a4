using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Dialogs.Prompts;

/// <summary>
/// A card serialised once (<see cref="StampableCard"/>) reaches the user exactly as the same card stamped the usual way:
/// same bytes, the prompt's id in every button (nested ones included), the resume command where it was asked for, and
/// what a person typed into the card's texts left alone.
/// </summary>
public sealed class StampableCardTests
{
    [Fact]
    public void A_stamped_card_is_written_byte_for_byte_as_the_card_stamped_as_json()
    {
        var card = Card("Melding 2026-0001 · klas 2b");

        var usual = PromptCard.Stamp(Activity.CreateAttachmentMessage(card.ToAttachment()), "0123456789abcdef0123456789abcdef");
        var once = PromptCard.Stamp(Message(StampableCard.Of(card)), "0123456789abcdef0123456789abcdef");

        Assert.Equal(BotJson.Serialize(usual), BotJson.Serialize(once));
        Assert.Equal(4, Count(BotJson.Serialize(once), "\"promptCardId\":\"0123456789abcdef0123456789abcdef\""));
    }

    [Fact]
    public void The_resume_command_goes_before_the_id_in_every_button_as_when_it_is_added_to_the_json()
    {
        var card = Card("Stap B.1");
        var node = JsonSerializer.SerializeToNode(card, BotJson.Options)!;
        PromptCard.AddToActionData(node, PromptCard.ResumeKey, "melding 2026-0007");

        var usual = PromptCard.Stamp(Message(node), "kaart-1");
        var once = PromptCard.Stamp(Message(StampableCard.Of(card, PromptCard.ResumeKey, "melding 2026-0007")), "kaart-1");

        Assert.Equal(BotJson.Serialize(usual), BotJson.Serialize(once));
        Assert.Contains("\"verderMet\":\"melding 2026-0007\",\"promptCardId\":\"kaart-1\"", BotJson.Serialize(once), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_prompts_sending_one_card_each_get_their_own_id_and_the_shared_card_keeps_none()
    {
        var shared = Message(StampableCard.Of(Card("Stap 2")));

        var first = BotJson.Serialize(PromptCard.Stamp(shared, "kaart-een"));
        var second = BotJson.Serialize(PromptCard.Stamp(shared, "een-veel-langere-kaart-id-dan-een-guid"));
        var again = BotJson.Serialize(PromptCard.Stamp(PromptCard.Stamp(shared, "kaart-een"), "kaart-twee"));

        Assert.Equal(4, Count(first, "\"promptCardId\":\"kaart-een\""));
        Assert.Equal(4, Count(second, "\"promptCardId\":\"een-veel-langere-kaart-id-dan-een-guid\""));
        Assert.Equal(4, Count(again, "\"promptCardId\":\"kaart-twee\""));
        Assert.DoesNotContain("kaart-een", again, StringComparison.Ordinal);
        Assert.DoesNotContain("kaart", BotJson.Serialize(shared), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_a_person_typed_that_looks_like_a_card_id_is_not_touched()
    {
        var typed = "\"promptCardId\":\"00000000000000000000000000000000\"";
        var card = Card(typed);

        var once = BotJson.Serialize(PromptCard.Stamp(Message(StampableCard.Of(card)), "kaart-1"));

        Assert.Equal(BotJson.Serialize(PromptCard.Stamp(Activity.CreateAttachmentMessage(card.ToAttachment()), "kaart-1")), once);
        var text = JsonNode.Parse(once)!["attachments"]![0]!["content"]!["body"]![1]!["text"]!.GetValue<string>();
        Assert.Equal(typed, text);
    }

    [Fact]
    public void An_id_that_needs_escaping_is_stamped_as_json_and_still_reads_back()
    {
        var stamped = PromptCard.Stamp(Message(StampableCard.Of(Card("Stap 3"))), "kaart \"1\"");

        var json = BotJson.Serialize(stamped);

        Assert.Equal(4, Count(json, "\"promptCardId\":\"kaart \\\"1\\\"\""));
    }

    [Fact]
    public void The_card_it_was_made_from_is_left_as_it_was()
    {
        var card = Card("Stap 1");
        var before = card.ToJson();

        var once = StampableCard.Of(card, PromptCard.ResumeKey, "melding 2026-0001");

        Assert.Equal(before, card.ToJson());
        Assert.Equal(4, Count(once.ToString(), "\"verderMet\":\"melding 2026-0001\""));
    }

    [Fact]
    public void Buttons_with_json_data_string_data_no_data_or_a_fallback_button_come_out_as_when_stamped_as_json()
    {
        var card = Card("Stap 4");
        card.Actions!.Add(new ActionSubmit("Als tekst") { Data = "tekst" });
        card.Actions.Add(new ActionSubmit("Zonder data"));
        card.Actions.Add(new ActionSubmit("Als JSON") { Data = new JsonObject { ["keuze"] = "json", [PromptCard.CardIdKey] = "oud" } });
        card.Actions.Add(new ActionOpenUrl("https://example.org/") { Title = "Lees meer", Fallback = new ActionSubmit("Terug") { Data = new Dictionary<string, object?> { ["keuze"] = "terug" } } });
        var withoutText = Card("Stap 5");
        withoutText.Actions!.AddRange(card.Actions.Skip(5));

        foreach (var each in new[] { card, withoutText, Card("Stap 6") })
        {
            var node = JsonSerializer.SerializeToNode(each, BotJson.Options)!;
            PromptCard.AddToActionData(node, PromptCard.ResumeKey, "melding 2026-0003");
            var usual = BotJson.Serialize(PromptCard.Stamp(Message(node), "kaart-9"));

            Assert.Equal(usual, BotJson.Serialize(PromptCard.Stamp(Message(StampableCard.Of(each, PromptCard.ResumeKey, "melding 2026-0003")), "kaart-9")));
        }
    }

    private static Activity Message(object content) =>
        Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = content });

    /// <summary>Buttons at the bottom, in an action set in a column, and inside a card that opens on a click.</summary>
    private static AdaptiveCard Card(string subtitle) => new()
    {
        Body =
        [
            new TextBlock { Text = "Stap 1 – Vermoedens van pesten", Wrap = true },
            new TextBlock { Text = subtitle, Wrap = true },
            new ColumnSet { Columns = [new Column { Items = [new ActionSet(new ActionSubmit("In de kolom") { Data = new Dictionary<string, object?> { ["keuze"] = "kolom" } })] }] },
            new InputText("notitie") { Label = "Notitie" },
        ],
        Actions =
        [
            new ActionSubmit("Ja, het vermoeden klopt") { Data = new Dictionary<string, object?> { ["keuze"] = "ja", ["vereist"] = new Dictionary<string, string> { ["notitie"] = "Notitie" } } },
            new ActionSubmit("Later verder") { Data = new Dictionary<string, object?> { ["keuze"] = "later" }, AssociatedInputs = AssociatedInputs.None },
            new ActionShowCard { Title = "Bijlage 3", Card = new AdaptiveCard { Schema = null, Version = null, Body = [new ActionSet(new ActionSubmit("Gelezen") { Data = new JsonObject { ["keuze"] = "gelezen" } })] } },
        ],
    };

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
