using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Dialogs.Prompts;

/// <summary>
/// A prompt card serialised once, as the bytes that go out, with a slot for the prompt's card id in the data of every
/// Action.Submit / Action.Execute (<see cref="PromptCard"/>). Stamping it (<see cref="PromptCard.Stamp"/>) copies the
/// bytes with the id written into its slots: no JSON tree of the card is built, cloned or walked per send. Put it in
/// an attachment's <see cref="Attachment.Content"/>; it is written exactly as the card it was made from would be, after
/// <see cref="PromptCard.StampActions"/> (and <see cref="PromptCard.AddToActionData"/>, when given). Immutable: one
/// instance may be sent any number of times at once.
/// </summary>
[JsonConverter(typeof(StampableCardConverter))]
public sealed class StampableCard
{
    // What stands in a slot until the card is stamped; a card id of the same length, so that a stamp is a plain copy.
    private const string Unstamped = "00000000000000000000000000000000";

    private static readonly byte[] SlotStart = Encoding.UTF8.GetBytes($"\"{PromptCard.CardIdKey}\":\"");

    private readonly byte[] _utf8;
    private readonly int[] _slots;
    private readonly int _slotLength;

    private StampableCard(byte[] utf8, int[] slots, int slotLength)
    {
        _utf8 = utf8;
        _slots = slots;
        _slotLength = slotLength;
    }

    /// <summary>
    /// The card (an <c>AdaptiveCard</c> or any value that serialises to a card; a JSON node is copied, never changed) with
    /// a card-id slot in every action's data and, when <paramref name="dataKey"/> is given, <paramref name="dataKey"/> =
    /// <paramref name="dataValue"/> added to that data first (as <see cref="PromptCard.AddToActionData"/> does).
    /// </summary>
    public static StampableCard Of(object card, string? dataKey = null, string? dataValue = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var node = card is JsonNode json ? json.DeepClone() : JsonSerializer.SerializeToNode(card, card.GetType(), BotJson.Options)
            ?? throw new ArgumentException("The card serialises to nothing.", nameof(card));
        if (dataKey is not null)
        {
            PromptCard.AddToActionData(node, dataKey, dataValue ?? string.Empty);
        }

        PromptCard.StampActions(node, Unstamped);
        var utf8 = JsonSerializer.SerializeToUtf8Bytes(node, BotJson.Options);
        return new StampableCard(utf8, FindSlots(utf8), Unstamped.Length);
    }

    /// <summary>
    /// This card with <paramref name="cardId"/> in every slot: a <see cref="StampableCard"/> when the id is a plain token
    /// (letters, digits, '-', '_'; a prompt's ids are), otherwise the card as JSON nodes stamped the usual way.
    /// </summary>
    public object Stamp(string cardId)
    {
        ArgumentNullException.ThrowIfNull(cardId);
        if (!IsPlainToken(cardId))
        {
            var node = JsonNode.Parse(_utf8)!;
            PromptCard.StampActions(node, cardId);
            return node;
        }

        var length = _utf8.Length + (_slots.Length * (cardId.Length - _slotLength));
        var stamped = new byte[length];
        var slots = new int[_slots.Length];
        int from = 0, to = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            var before = _slots[i] - from;
            _utf8.AsSpan(from, before).CopyTo(stamped.AsSpan(to));
            to += before;
            slots[i] = to;
            to += Encoding.ASCII.GetBytes(cardId, stamped.AsSpan(to));
            from = _slots[i] + _slotLength;
        }

        _utf8.AsSpan(from).CopyTo(stamped.AsSpan(to));
        return new StampableCard(stamped, slots, cardId.Length);
    }

    /// <summary>The card's JSON.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_utf8);

    private static bool IsPlainToken(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    // A slot is the value of a "promptCardId" property. Inside a JSON string a quote is always escaped, so the quoted key
    // followed by a colon and a quote only occurs as a real property; its value (an id written by this class) holds no quote.
    private static int[] FindSlots(byte[] utf8)
    {
        var slots = new List<int>();
        var at = 0;
        while (at < utf8.Length)
        {
            var found = utf8.AsSpan(at).IndexOf(SlotStart);
            if (found < 0)
            {
                break;
            }

            var start = at + found + SlotStart.Length;
            var end = utf8.AsSpan(start).IndexOf((byte)'"');
            if (end < 0)
            {
                break;
            }

            slots.Add(start);
            at = start + end + 1;
        }

        return [.. slots];
    }

    private sealed class StampableCardConverter : JsonConverter<StampableCard>
    {
        public override StampableCard Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return Of(JsonNode.Parse(document.RootElement.GetRawText())!);
        }

        // Written by the serializer from a card: valid JSON by construction.
        public override void Write(Utf8JsonWriter writer, StampableCard value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}
