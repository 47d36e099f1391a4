using PestProtocol.Bot.Cards;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using Choice = PestProtocol.BotFramework.Cards.Choice;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>
/// What every /melding card shares: the case header, appendix buttons, the answer buttons with their own
/// required inputs, and the usual inputs (note, date, toggle). Submit data: <c>keuze</c> names the button;
/// <c>vereist</c> (input id → label) must be filled in for that button; <c>aanvinken</c> (toggle id → label)
/// must be ticked for that button. <see cref="MeldingSubmitRules"/> checks both.
/// </summary>
public static class MeldingCardParts
{
    /// <summary>The submit data key naming the button that was pressed.</summary>
    public const string ChoiceKey = "keuze";

    /// <summary>The submit data key with the inputs this button needs (id → label).</summary>
    public const string RequiredKey = "vereist";

    /// <summary>The submit data key with the toggles this button needs ticked (id → label).</summary>
    public const string TickKey = "aanvinken";

    /// <summary>The "later verder" choice every step card has.</summary>
    public const string Later = "later";

    /// <summary>A step card: the step's title, the case code and class, and what the protocol asks.</summary>
    public static AdaptiveCard StepCard(string title, string code, Case @case, params string[] guidance)
    {
        var card = NewCard(Heading(title), Subtle($"Melding {code} · klas {@case.ClassName}"));
        foreach (var paragraph in guidance)
        {
            card.Body!.Add(Paragraph(paragraph));
        }

        card.Actions = [];
        return card;
    }

    /// <summary>A button that shows an appendix of the protocol inside the card.</summary>
    public static ActionShowCard AppendixButton(AppendixId id, string? title = null)
    {
        var appendix = ProtocolCards.Appendix(id);
        return new ActionShowCard
        {
            Title = title ?? AppendixCatalog.Get(id).Title,
            Card = new AdaptiveCard { Schema = null, Version = null, Body = appendix.Body },
        };
    }

    /// <summary>An answer button: <paramref name="choice"/> in the data, with the inputs it needs.</summary>
    public static ActionSubmit Answer(string title, string choice, IReadOnlyDictionary<string, string>? required = null, IReadOnlyDictionary<string, string>? ticked = null, ActionStyle? style = null)
    {
        var data = new Dictionary<string, object?> { [ChoiceKey] = choice };
        if (required is { Count: > 0 })
        {
            data[RequiredKey] = required;
        }

        if (ticked is { Count: > 0 })
        {
            data[TickKey] = ticked;
        }

        return new ActionSubmit(title) { Data = data, Style = style };
    }

    /// <summary>"Later verder": leaves the case where it is; sends no inputs.</summary>
    public static ActionSubmit LaterButton() => new("Later verder")
    {
        Data = new Dictionary<string, object?> { [ChoiceKey] = Later },
        AssociatedInputs = AssociatedInputs.None,
    };

    /// <summary>A text field.</summary>
    public static InputText Text(string id, string label, bool required = false, bool multiline = false, int maxLength = 2000, string? placeholder = null, string? value = null) => new(id)
    {
        Label = label,
        IsRequired = required ? true : null,
        ErrorMessage = required ? $"Vul '{label}' in." : null,
        IsMultiline = multiline ? true : null,
        MaxLength = maxLength,
        Placeholder = placeholder,
        Value = value,
    };

    /// <summary>A date picker.</summary>
    public static InputDate Date(string id, string label, DateOnly? value = null, DateOnly? min = null, bool required = false) => new(id)
    {
        Label = label,
        Value = value is { } v ? InputDate.Format(v) : null,
        Min = min is { } m ? InputDate.Format(m) : null,
        IsRequired = required ? true : null,
        ErrorMessage = required ? $"Kies een datum bij '{label}'." : null,
    };

    /// <summary>A check box.</summary>
    public static InputToggle Toggle(string id, string title, bool on = false) => new(id, title)
    {
        Wrap = true,
        Value = on ? "true" : null,
    };

    /// <summary>A drop-down or radio list.</summary>
    public static InputChoiceSet Choices(string id, string label, IEnumerable<Choice> choices, string? value = null, bool expanded = false, bool multi = false, bool required = false) => new(id)
    {
        Label = label,
        Choices = [.. choices],
        Value = value,
        Style = expanded ? ChoiceInputStyle.Expanded : ChoiceInputStyle.Compact,
        IsMultiSelect = multi ? true : null,
        IsRequired = required ? true : null,
        ErrorMessage = required ? $"Kies bij '{label}'." : null,
        Wrap = true,
    };

    /// <summary>
    /// A student field: a type-ahead over the directory (dataset "students"), starting with
    /// <paramref name="suggestions"/> ("Naam (klas)" → id) before anything is typed, and, for clients without
    /// type-ahead, a text field <c>{id}Naam</c> where the name can be typed.
    /// </summary>
    public static IEnumerable<CardElement> StudentField(string id, string label, IEnumerable<Choice> suggestions, string? typedHint = null)
    {
        yield return new InputChoiceSet(id)
        {
            Label = label,
            Choices = [.. suggestions],
            ChoicesData = new DataQuery("students"),
            Style = ChoiceInputStyle.Filtered,
            Placeholder = "Zoek op naam of klas",
        };
        yield return new InputText(id + "Naam")
        {
            Label = typedHint ?? "Of typ de naam (als zoeken niet lukt)",
            MaxLength = 100,
        };
    }

    /// <summary>A rule for an input.</summary>
    public static CardInputRule Rule(string id, string label, bool required = false, int? maxLength = null, IReadOnlyList<string>? allowed = null, bool multi = false) => new()
    {
        Id = id,
        Label = label,
        Required = required,
        MaxLength = maxLength,
        AllowedValues = allowed,
        MultiSelect = multi,
    };

    /// <summary>The role names as the protocol says them.</summary>
    public static string RoleName(StaffRole role) => role switch
    {
        StaffRole.Mentor => "de mentor",
        StaffRole.Docent => "de docent",
        StaffRole.Concierge => "de conciërge",
        StaffRole.AntiPestCoordinator => "de anti-pestcoördinator",
        StaffRole.Teamleider => "de teamleider",
        StaffRole.InternBegeleider => "de intern begeleider / zorgfunctionaris",
        StaffRole.Deelschoolleider => "de deelschoolleider",
        _ => "een medewerker",
    };

    /// <summary>"a, b en c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => string.Empty,
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " en " + list[^1],
        };
    }
}
