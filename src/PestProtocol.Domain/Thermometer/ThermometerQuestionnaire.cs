using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Thermometer;

/// <summary>"Ik ben een jongen/meisje" — with the choice not to say, because nobody has to.</summary>
public enum ThermometerGender
{
    /// <summary>Not answered or "zeg ik liever niet".</summary>
    ZegIkLieverNiet = 0,
    /// <summary>Jongen.</summary>
    Jongen = 1,
    /// <summary>Meisje.</summary>
    Meisje = 2,
}

/// <summary>"Ik zit in de afdeling vmbo/mavo/havo/vwo/anders".</summary>
public enum ThermometerAfdeling
{
    /// <summary>Not answered.</summary>
    ZegIkLieverNiet = 0,
    /// <summary>vmbo.</summary>
    Vmbo = 1,
    /// <summary>mavo.</summary>
    Mavo = 2,
    /// <summary>havo.</summary>
    Havo = 3,
    /// <summary>vwo.</summary>
    Vwo = 4,
    /// <summary>anders.</summary>
    Anders = 5,
}

/// <summary>Which way an item's scale points: blocks 1–3 ask how safe a student feels, blocks 4–7 what makes it unsafe.</summary>
public enum ItemDirection
{
    /// <summary>A high score is good ("Ik voel mij veilig in de klas": 5 = altijd veilig).</summary>
    HigherIsSafer = 0,

    /// <summary>A high score is bad ("Ik word gepest om hoe ik eruitzie": 5 = altijd).</summary>
    HigherIsWorse = 1,
}

/// <summary>One scored item of the thermometer, with its block and the way its scale points.</summary>
/// <param name="Id">The stable item id of Bijlage 2 ("b2.klas").</param>
/// <param name="Block">The block it is in.</param>
/// <param name="Text">The protocol's words.</param>
/// <param name="Direction">Whether a high score is safe or unsafe.</param>
public sealed record ThermometerItem(string Id, ThermometerBlock Block, LocalizedText Text, ItemDirection Direction);

/// <summary>
/// The questionnaire of Bijlage 2 as the survey asks it: the student details and the 42 items of the seven blocks,
/// all on the scale 0 (nooit) to 5 (altijd), about the last month. The texts are the protocol's own
/// (<see cref="Bijlage2Thermometer"/>); this class only adds what a digital survey needs.
/// </summary>
public static class ThermometerQuestionnaire
{
    /// <summary>"Over de laatste maand:" — the period every item is about.</summary>
    public static readonly LocalizedText Period = new("Over de laatste maand:", "About the last month:");

    /// <summary>What each score means, so a student on a phone does not have to guess (the protocol names only the ends).</summary>
    public static readonly IReadOnlyList<LocalizedText> ScaleLabels =
    [
        new("0 = nooit", "0 = never"),
        new("1", "1"),
        new("2", "2"),
        new("3", "3"),
        new("4", "4"),
        new("5 = altijd", "5 = always"),
    ];

    /// <summary>The blocks in the protocol's order.</summary>
    public static IReadOnlyList<ThermometerBlock> Blocks => Bijlage2Thermometer.Blocks;

    /// <summary>Every scored item, in the protocol's order.</summary>
    public static readonly IReadOnlyList<ThermometerItem> Items = Bijlage2Thermometer.Blocks
        .SelectMany(b => b.Items.Select(i => new ThermometerItem(i.Id, b, i.Text, b.Number <= 3 ? ItemDirection.HigherIsSafer : ItemDirection.HigherIsWorse)))
        .ToList();

    private static readonly Dictionary<string, ThermometerItem> ById = Items.ToDictionary(i => i.Id, StringComparer.Ordinal);

    /// <summary>The item with this id, or null.</summary>
    public static ThermometerItem? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>True when <paramref name="score"/> is on the scale.</summary>
    public static bool IsOnScale(int score) => score is >= Bijlage2Thermometer.ScaleMin and <= Bijlage2Thermometer.ScaleMax;
}
