namespace PestProtocol.Domain.Thermometer;

/// <summary>
/// When an item of the thermometer is flagged, and how few answers are too few to show. Configurable per school
/// (section <c>Thermometer:Thresholds</c>); the defaults and the reasoning:
/// <list type="bullet">
/// <item><b>Blocks 1–3</b> (how safe a student feels; 5 = altijd veilig): flagged when the class mean is below
/// <see cref="SafeMeanBelow"/> (3.0: on average less than "mostly safe"), or when at least <see cref="SafeLowShare"/>
/// (20 %, one in five) of the class scores 0 or 1 ("nooit"/"bijna nooit" safe) — a mean hides a few very unsafe students.</item>
/// <item><b>Blocks 4–7</b> (what makes school unsafe, being bullied, making it unsafe; 5 = altijd): flagged when the mean
/// is at least <see cref="UnsafeMeanAtLeast"/> (1.5), or when at least <see cref="UnsafeHighShare"/> (20 %) scores 3 or more
/// ("vaak").</item>
/// <item><b>Serious items</b> (<see cref="SeriousItems"/>: threats with a weapon, sexual violence, physical violence,
/// as suffered in block 5): flagged as soon as <see cref="SeriousAnyShare"/> of the class scores 1 or more. The default is
/// 0 ("anyone at all"): one student saying it happens is a reason to act.</item>
/// <item><b>k-anonymity</b>: nothing is shown below <see cref="MinimumRespondents"/> (5; lower is refused at start), and
/// no breakdown shows a group smaller than that.</item>
/// </list>
/// </summary>
public sealed record ThermometerThresholds
{
    /// <summary>The lowest <see cref="MinimumRespondents"/> a school may configure.</summary>
    public const int AbsoluteMinimumRespondents = 5;

    /// <summary>No results, and no group in a breakdown, below this many respondents.</summary>
    public int MinimumRespondents { get; init; } = AbsoluteMinimumRespondents;

    /// <summary>Blocks 1–3: flagged below this mean.</summary>
    public double SafeMeanBelow { get; init; } = 3.0;

    /// <summary>Blocks 1–3: flagged when at least this share scores 0 or 1.</summary>
    public double SafeLowShare { get; init; } = 0.20;

    /// <summary>Blocks 4–7: flagged at or above this mean.</summary>
    public double UnsafeMeanAtLeast { get; init; } = 1.5;

    /// <summary>Blocks 4–7: flagged when at least this share scores 3 or more.</summary>
    public double UnsafeHighShare { get; init; } = 0.20;

    /// <summary>Items flagged when more than <see cref="SeriousAnyShare"/> of the class scores 1 or more.</summary>
    public IReadOnlyList<string> SeriousItems { get; init; } = ["b5.bedreiging-wapen", "b5.seksueel-geweld", "b5.lichamelijk-geweld"];

    /// <summary>Serious items: flagged when the share scoring 1 or more is above this (0: anyone).</summary>
    public double SeriousAnyShare { get; init; }

    /// <summary>What is wrong with these settings, in words for the person configuring them (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MinimumRespondents < AbsoluteMinimumRespondents)
        {
            problems.Add($"Thermometer:Thresholds:MinimumRespondents is {MinimumRespondents}; below {AbsoluteMinimumRespondents} a result can point at single students.");
        }

        if (SafeMeanBelow is < 0 or > 5 || UnsafeMeanAtLeast is < 0 or > 5)
        {
            problems.Add("Thermometer:Thresholds: SafeMeanBelow and UnsafeMeanAtLeast are on the scale 0 to 5.");
        }

        if (SafeLowShare is < 0 or > 1 || UnsafeHighShare is < 0 or > 1 || SeriousAnyShare is < 0 or > 1)
        {
            problems.Add("Thermometer:Thresholds: SafeLowShare, UnsafeHighShare and SeriousAnyShare are shares from 0 to 1.");
        }

        problems.AddRange(SeriousItems.Where(i => ThermometerQuestionnaire.Find(i) is null)
            .Select(i => $"Thermometer:Thresholds:SeriousItems names '{i}', which is no item of Bijlage 2."));
        return problems;
    }
}
