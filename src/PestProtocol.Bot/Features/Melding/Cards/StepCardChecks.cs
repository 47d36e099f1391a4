using System.Text.Json;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>
/// The checks a /melding card can do itself before sending (issue 15 item 2). Each answer button names the inputs it
/// needs filled in (<see cref="MeldingCardParts.RequiredKey"/>) and the boxes it needs ticked
/// (<see cref="MeldingCardParts.TickKey"/>); the server checks those per button. An input that EVERY button sending
/// inputs needs is marked <c>isRequired</c> with an <c>errorMessage</c>, so Teams refuses the click and says what is
/// missing before anything is sent (B.1 "alle vier onderwerpen", C.1 "tips gegeven"). An input only some buttons
/// need (a note for "Ja" but not for "Dat weet ik nog niet") is left to the server, which brings the card back filled in.
/// </summary>
public static class StepCardChecks
{
    /// <summary>Marks the inputs every input-sending button needs; returns the same card.</summary>
    public static AdaptiveCard Apply(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var needs = Actions(card).Where(SendsInputs).Select(Needs).ToList();
        if (needs.Count == 0)
        {
            return card;
        }

        var always = needs.Skip(1).Aggregate(new Dictionary<string, string>(needs[0]), (all, next) =>
        {
            foreach (var id in all.Keys.Where(id => !next.ContainsKey(id)).ToList())
            {
                all.Remove(id);
            }

            return all;
        });

        foreach (var input in Inputs(card.Body ?? []).Where(i => i.Id is not null && always.ContainsKey(i.Id)))
        {
            input.IsRequired = true;
            if (input is InputToggle toggle && toggle.Label is null)
            {
                // A required input needs a label (screen readers announce it; Teams marks it with *).
                var name = Short(always[input.Id!]);
                toggle.Label = name == toggle.Title ? "Verplicht om vast te leggen" : name;
            }

            input.ErrorMessage ??= input switch
            {
                InputToggle => $"Vink '{Short(always[input.Id!])}' aan.",
                InputChoiceSet or InputDate => $"Kies bij '{always[input.Id!]}'.",
                _ => $"Vul '{always[input.Id!]}' in.",
            };
        }

        return card;
    }

    /// <summary>"Onderwerp 4: Maak de pester bewust …" → "Onderwerp 4": the error sits right under the box, its text is in sight.</summary>
    private static string Short(string label) => label.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? label[..colon] : label;

    private static IEnumerable<CardAction> Actions(AdaptiveCard card) =>
        (card.Actions ?? []).Concat(Elements(card.Body ?? []).OfType<ActionSet>().SelectMany(s => s.Actions));

    private static bool SendsInputs(CardAction action) => action switch
    {
        ActionSubmit submit => submit.AssociatedInputs != AssociatedInputs.None,
        ActionExecute execute => execute.AssociatedInputs != AssociatedInputs.None,
        _ => false,
    };

    /// <summary>Input id → label of what this button needs filled in or ticked.</summary>
    private static Dictionary<string, string> Needs(CardAction action)
    {
        var data = action switch { ActionSubmit s => s.Data, ActionExecute e => e.Data, _ => null };
        var needs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is null)
        {
            return needs;
        }

        if (data is IReadOnlyDictionary<string, object?> built)
        {
            // An answer button built by MeldingCardParts.Answer: read as it is, no JSON of it.
            foreach (var key in new[] { MeldingCardParts.RequiredKey, MeldingCardParts.TickKey })
            {
                if (built.TryGetValue(key, out var list) && list is IEnumerable<KeyValuePair<string, string>> labels)
                {
                    foreach (var (id, label) in labels)
                    {
                        needs[id] = label;
                    }
                }
                else if (list is not null)
                {
                    return NeedsFromJson(data);
                }
            }

            return needs;
        }

        return NeedsFromJson(data);
    }

    private static Dictionary<string, string> NeedsFromJson(object data)
    {
        var needs = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = JsonSerializer.SerializeToElement(data, BotJson.Options);
        foreach (var key in new[] { MeldingCardParts.RequiredKey, MeldingCardParts.TickKey })
        {
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Object)
            {
                foreach (var item in list.EnumerateObject())
                {
                    needs[item.Name] = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString()! : item.Name;
                }
            }
        }

        return needs;
    }

    private static IEnumerable<CardInput> Inputs(IEnumerable<CardElement> elements) => Elements(elements).OfType<CardInput>();

    private static IEnumerable<CardElement> Elements(IEnumerable<CardElement> elements)
    {
        foreach (var element in elements)
        {
            yield return element;
            var inner = element switch
            {
                Container container => Elements(container.Items),
                ColumnSet columns => Elements(columns.Columns.SelectMany(c => c.Items)),
                _ => [],
            };
            foreach (var child in inner)
            {
                yield return child;
            }
        }
    }
}
