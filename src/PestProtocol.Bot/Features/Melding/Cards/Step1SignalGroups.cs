using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Appendices;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>
/// The Bijlage 1 signals on the step-1 card, grouped so that the card fits one laptop screen: one line per group
/// (its title and how many of its signals are chosen); a click opens the group's check boxes
/// (Action.ToggleVisibility). The signals keep the protocol's words; the group titles are ours.
/// A group where something is chosen is opened when the card is shown again (see
/// <see cref="CardPrompt.Filled"/>: a hidden part holding a filled input is shown, and its
/// <c>&lt;input id&gt;.aantal</c> line counts the chosen values).
/// </summary>
public static class Step1SignalGroups
{
    /// <summary>The input ids of the first version of the card (one list at school, one at home); still read, for a card sent before an update.</summary>
    public static readonly IReadOnlyList<string> EarlierInputIds = ["signalenSchool", "signalenThuis"];

    /// <summary>Suffix of the id of a group's count line ("0 van 3 gekozen").</summary>
    public const string CountSuffix = CardPrompt.ChoiceCountSuffix;

    /// <summary>Suffix of the id of a group's (hidden) container with its check boxes.</summary>
    public const string GroupSuffix = ".groep";

    /// <summary>The five groups: three at school, two at home; every Bijlage 1 signal in exactly one.</summary>
    public static readonly IReadOnlyList<Step1SignalGroup> All =
    [
        Group("signalen.school.lichaam", "Op school: lichaam en spullen", "school.blauwe-plekken", "school.spullen-kapot", "school.buikpijn-hoofdpijn"),
        Group("signalen.school.anderen", "Op school: met anderen", "school.geen-vrienden", "school.laatste-gekozen", "school.dicht-bij-leerkracht", "school.uitgelachen", "school.afkoopgedrag", "school.signalen-klasgenoten"),
        Group("signalen.school.gedrag", "Op school: gevoel, gedrag en schoolwerk", "school.geen-zin-school", "school.angstig-onzeker", "school.bang-neerslachtig", "school.verminderde-resultaten", "school.clownesk-gedrag"),
        Group("signalen.thuis.lichaam", "Thuis: lichaam, spullen en geld", "thuis.kapotte-spullen", "thuis.blauwe-plekken", "thuis.vraagt-steelt-geld"),
        Group("signalen.thuis.anderen", "Thuis: vrienden, school en slaap", "thuis.geen-klasgenoten-mee", "thuis.niet-uitgenodigd", "thuis.bang-naar-school", "thuis.onlogische-route", "thuis.slaapt-onrustig", "thuis.gestrest-zondagavond"),
    ];

    /// <summary>
    /// The signals part of the card: a sub-heading, a line on how it works, then per group a clickable line and its
    /// check boxes (hidden unless <paramref name="chosen"/> holds one of its signals).
    /// </summary>
    public static IEnumerable<CardElement> Section(IReadOnlyCollection<string>? chosen = null)
    {
        chosen ??= [];
        yield return new TextBlock("Welke signalen zie je? (bijlage 1)") { Weight = FontWeight.Bolder, Wrap = true, Spacing = Spacing.Medium };
        yield return new TextBlock("Klik op een groep om de signalen te zien en aan te vinken.") { Wrap = true, IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None };
        foreach (var group in All)
        {
            var count = group.Signals.Count(s => chosen.Contains(s.Id));
            var open = count > 0;
            yield return new ColumnSet
            {
                Spacing = Spacing.Small,
                Separator = true,
                SelectAction = new ActionToggleVisibility { Title = group.Title, TargetElements = [group.InputId + GroupSuffix] },
                Columns =
                [
                    new Column { Width = ColumnWidth.Stretch, Items = [new TextBlock("▸ " + group.Title) { Wrap = true, Color = TextColor.Accent }] },
                    new Column
                    {
                        Width = ColumnWidth.Auto,
                        Items = [new TextBlock(CountText(count, group.Signals.Count)) { Id = group.InputId + CountSuffix, IsSubtle = true, Wrap = false }],
                    },
                ],
            };
            yield return new Container
            {
                Id = group.InputId + GroupSuffix,
                IsVisible = open ? null : false,
                Spacing = Spacing.None,
                Items =
                [
                    new InputChoiceSet(group.InputId)
                    {
                        Label = group.Title,
                        Choices = [.. group.Signals.Select(s => new Choice(s.Text.Nl, s.Id))],
                        Style = ChoiceInputStyle.Expanded,
                        IsMultiSelect = true,
                        Wrap = true,
                        Value = open ? string.Join(',', group.Signals.Where(s => chosen.Contains(s.Id)).Select(s => s.Id)) : null,
                    },
                ],
            };
        }
    }

    /// <summary>"2 van 6 gekozen": the number first, so that <see cref="CardPrompt.Filled"/> can recount it.</summary>
    public static string CountText(int chosen, int of) => $"{chosen} van {of} gekozen";

    /// <summary>The checks of the groups' inputs (and of the earlier two lists).</summary>
    public static IEnumerable<CardInputRule> Rules()
    {
        foreach (var group in All)
        {
            yield return new CardInputRule { Id = group.InputId, Label = group.Title, AllowedValues = [.. group.Signals.Select(s => s.Id)], MultiSelect = true };
        }

        yield return new CardInputRule { Id = EarlierInputIds[0], Label = "Signalen op school", AllowedValues = [.. Bijlage1Signalen.SchoolSignals.Select(s => s.Id)], MultiSelect = true };
        yield return new CardInputRule { Id = EarlierInputIds[1], Label = "Signalen thuis", AllowedValues = [.. Bijlage1Signalen.HomeSignals.Select(s => s.Id)], MultiSelect = true };
    }

    /// <summary>The chosen signal ids from a submit (every group, and the earlier two lists), in Bijlage 1's order, each once.</summary>
    public static IReadOnlyList<string> Chosen(Func<string, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var ids = All.Select(g => g.InputId).Concat(EarlierInputIds)
            .SelectMany(id => (valueOf(id) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        return [.. Bijlage1Signalen.All.Select(s => s.Id).Where(ids.Contains)];
    }

    private static Step1SignalGroup Group(string inputId, string title, params string[] signalIds) =>
        new(inputId, title, [.. signalIds.Select(id => Bijlage1Signalen.All.Single(s => s.Id == id))]);
}

/// <summary>One group of Bijlage 1 signals on the step-1 card: its input id, our title, and its signals in the protocol's words.</summary>
public sealed record Step1SignalGroup(string InputId, string Title, IReadOnlyList<AppendixItem> Signals);
