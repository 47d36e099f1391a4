namespace PestProtocol.Domain.Prevention;

/// <summary>Who carries out an item of the yearly prevention round.</summary>
public enum PreventionActor
{
    /// <summary>The anti-pestcoördinator of the location.</summary>
    Coordinator,

    /// <summary>The mentor, with each of their classes.</summary>
    Mentor,
}

/// <summary>One thing the protocol asks for at the start of every school year.</summary>
/// <param name="Id">Stable id, stored with what was done.</param>
/// <param name="Text">The protocol's words, in Dutch.</param>
/// <param name="Actor">Who does it.</param>
public sealed record PreventionItem(string Id, string Text, PreventionActor Actor);

/// <summary>
/// The yearly prevention round of the protocol ("Preventie"; the anti-pestcoördinator's role): from the start of the school
/// year the school's anti-bullying policy is brought to the attention of students, parents and colleagues; the behaviour
/// rules are gone through with all students (by the mentor, per class) and with all staff (by the coordinator).
/// </summary>
public static class PreventionChecklist
{
    /// <summary>The id of the per-class item: behaviour rules gone through with the class by its mentor.</summary>
    public const string ClassRulesId = "gedragsregels-klas";

    /// <summary>The items, in the order the card shows them.</summary>
    public static IReadOnlyList<PreventionItem> Items { get; } =
    [
        new("beleid-leerlingen", "Het schoolbeleid over pesten onder de aandacht gebracht bij de leerlingen", PreventionActor.Coordinator),
        new("beleid-ouders", "Het schoolbeleid over pesten onder de aandacht gebracht bij de ouders/verzorgers (schoolgids, website, ouderavond, nieuwsbrief)", PreventionActor.Coordinator),
        new("beleid-collegas", "Het schoolbeleid over pesten onder de aandacht gebracht bij de collega's", PreventionActor.Coordinator),
        new("gedragsregels-medewerkers", "De gedragsregels doorgenomen met alle medewerkers", PreventionActor.Coordinator),
        new(ClassRulesId, "De gedragsregels doorgenomen met elke klas (door de mentor)", PreventionActor.Mentor),
    ];

    /// <summary>The coordinator's own items.</summary>
    public static IReadOnlyList<PreventionItem> CoordinatorItems => Items.Where(i => i.Actor == PreventionActor.Coordinator).ToList();

    /// <summary>True for a coordinator item id.</summary>
    public static bool IsCoordinatorItem(string id) => CoordinatorItems.Any(i => i.Id == id);

    /// <summary>The school year a day falls in: from 1 August (2026-08-01 → 2026, i.e. 2026-2027).</summary>
    public static int SchoolYearOf(DateOnly day) => day.Month >= 8 ? day.Year : day.Year - 1;

    /// <summary>"2026-2027".</summary>
    public static string SchoolYearName(int firstYear) => $"{firstYear}-{firstYear + 1}";
}

/// <summary>What was done in one location's prevention round: per coordinator item and per class, the day (or nothing yet).</summary>
/// <param name="Items">Coordinator item id → the day it was done.</param>
/// <param name="Classes">Class name → the day its mentor went through the behaviour rules.</param>
public sealed record PreventionProgress(IReadOnlyDictionary<string, DateOnly> Items, IReadOnlyDictionary<string, DateOnly> Classes)
{
    /// <summary>What is not done yet: coordinator items and "gedragsregels met {klas}" for the given classes.</summary>
    public IReadOnlyList<string> Outstanding(IEnumerable<string> classes) =>
    [
        .. PreventionChecklist.CoordinatorItems.Where(i => !Items.ContainsKey(i.Id)).Select(i => i.Text),
        .. classes.Where(c => !Classes.ContainsKey(c)).Order(StringComparer.Ordinal).Select(c => $"Gedragsregels besproken met {c}"),
    ];
}
