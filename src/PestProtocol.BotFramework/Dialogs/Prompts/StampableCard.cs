using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PestProtocol.BotFramework.Cards;
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
        if (card is AdaptiveCard typed && TypedSlots.TryWrite(typed, dataKey, dataValue ?? string.Empty) is { } written)
        {
            return written;
        }

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

    /// <summary>
    /// A typed card written straight to bytes: the slot (and the extra data) are put into every button's data for the
    /// time of the write and taken out again, so the caller's card is left as it was. Only data this knows how to add
    /// to (a dictionary, a JSON object) and only buttons it can reach are handled; when the written card has a
    /// button without a slot (data of another kind, a button in extension data), the card goes the JSON-node way.
    /// </summary>
    private sealed class TypedSlots
    {
        private static readonly byte[] SubmitType = "\"type\":\"Action.Submit\""u8.ToArray();
        private static readonly byte[] ExecuteType = "\"type\":\"Action.Execute\""u8.ToArray();

        private readonly List<Action> _undo = [];
        private readonly string? _key;
        private readonly string _value;

        private TypedSlots(string? key, string value)
        {
            _key = key;
            _value = value;
        }

        public static StampableCard? TryWrite(AdaptiveCard card, string? key, string value)
        {
            var slots = new TypedSlots(key, value);
            try
            {
                if (!slots.Card(card))
                {
                    return null;
                }

                var utf8 = JsonSerializer.SerializeToUtf8Bytes(card, BotJson.Options);
                var found = FindSlots(utf8);
                return found.Length == Count(utf8, SubmitType) + Count(utf8, ExecuteType) ? new StampableCard(utf8, found, Unstamped.Length) : null;
            }
            finally
            {
                for (var i = slots._undo.Count - 1; i >= 0; i--)
                {
                    slots._undo[i]();
                }
            }
        }

        private static int Count(byte[] utf8, byte[] part)
        {
            var count = 0;
            for (var at = utf8.AsSpan().IndexOf(part); at >= 0;)
            {
                count++;
                var next = utf8.AsSpan(at + part.Length).IndexOf(part);
                at = next < 0 ? -1 : at + part.Length + next;
            }

            return count;
        }

        private bool Card(AdaptiveCard card) =>
            Elements(card.Body) && Actions(card.Actions) && Action(card.SelectAction) && Action(card.Refresh?.Action);

        private bool Elements(List<CardElement>? elements)
        {
            foreach (var element in elements ?? [])
            {
                if (!Element(element))
                {
                    return false;
                }
            }

            return true;
        }

        private bool Element(CardElement? element) => element switch
        {
            null => true,
            Container container => Elements(container.Items) && Action(container.SelectAction) && Element(element.Fallback?.Item),
            ColumnSet columns => columns.Columns.All(c => Elements(c.Items) && Action(c.SelectAction) && Column(c.Fallback?.Item)) && Action(columns.SelectAction) && Element(element.Fallback?.Item),
            ActionSet set => Actions(set.Actions) && Element(element.Fallback?.Item),
            Image image => Action(image.SelectAction) && Element(element.Fallback?.Item),
            RichTextBlock text => text.Inlines.All(r => Action(r.SelectAction)) && Element(element.Fallback?.Item),
            _ => Element(element.Fallback?.Item),
        };

        private bool Column(Column? column) => column is null || (Elements(column.Items) && Action(column.SelectAction) && Column(column.Fallback?.Item));

        private bool Actions(List<CardAction>? actions)
        {
            foreach (var action in actions ?? [])
            {
                if (!Action(action))
                {
                    return false;
                }
            }

            return true;
        }

        private bool Action(CardAction? action) => action switch
        {
            null => true,
            ActionSubmit submit => Data(submit.Data) && Action(action.Fallback?.Item),
            ActionExecute execute => Data(execute.Data) && Action(action.Fallback?.Item),
            ActionShowCard show => (show.Card is null || Card(show.Card)) && Action(action.Fallback?.Item),
            _ => Action(action.Fallback?.Item),
        };

        // As PromptCard.AddToActionData, then PromptCard.StampActions: the extra key, then the id, each added at the end
        // (or set where it already is). A button without data is left to the JSON-node way: there "data" is added after
        // the button's other properties, where a typed button would write it first.
        private bool Data(object? data)
        {
            switch (data)
            {
                case IDictionary<string, object?> dictionary:
                    if (_key is not null)
                    {
                        Put(dictionary, _key, _value);
                    }

                    Put(dictionary, PromptCard.CardIdKey, Unstamped);
                    return true;
                case JsonObject json:
                    if (_key is not null)
                    {
                        Put(json, _key, _value);
                    }

                    Put(json, PromptCard.CardIdKey, Unstamped);
                    return true;
                default:
                    return false;
            }
        }

        private void Put(IDictionary<string, object?> data, string key, string value)
        {
            if (data.TryGetValue(key, out var old))
            {
                _undo.Add(() => data[key] = old);
            }
            else
            {
                _undo.Add(() => data.Remove(key));
            }

            data[key] = value;
        }

        private void Put(JsonObject data, string key, string value)
        {
            if (data.TryGetPropertyValue(key, out var old))
            {
                // A node has one parent: the old value is detached while the slot is in, and put back after the write.
                data[key] = null;
                _undo.Add(() => data[key] = old);
            }
            else
            {
                _undo.Add(() => data.Remove(key));
            }

            data[key] = value;
        }
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
