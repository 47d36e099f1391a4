namespace PestProtocol.Domain.Thermometer;

/// <summary>Why an item is flagged.</summary>
public enum FlagReason
{
    /// <summary>Blocks 1–3: the class on average feels not safe enough.</summary>
    LowSafetyMean,
    /// <summary>Blocks 1–3: a fifth or more of the class (nearly) never feels safe.</summary>
    ManyFeelUnsafe,
    /// <summary>Blocks 4–7: on average it happens too often.</summary>
    HighMean,
    /// <summary>Blocks 4–7: a fifth or more says it happens often or always.</summary>
    ManyOften,
    /// <summary>A serious item (weapon, sexual or physical violence) that anyone scored above "nooit".</summary>
    Serious,
}

/// <summary>The result of one item: how many answered, the mean, how often each score was given, and its flags.</summary>
/// <param name="Item">The item.</param>
/// <param name="Count">Number of scores.</param>
/// <param name="Mean">The mean score, 0..5.</param>
/// <param name="Distribution">How many gave 0, 1, …, 5 (six counts).</param>
/// <param name="Flags">Why it is flagged (empty: not flagged).</param>
public sealed record ItemResult(ThermometerItem Item, int Count, double Mean, IReadOnlyList<int> Distribution, IReadOnlyList<FlagReason> Flags)
{
    /// <summary>True when any threshold was crossed.</summary>
    public bool IsFlagged => Flags.Count > 0;
}

/// <summary>The mean of a block, per group of a breakdown.</summary>
public sealed record BreakdownGroup(string Group, int Count, IReadOnlyDictionary<int, double> BlockMeans);

/// <summary>Results of one survey, released only when k-anonymity allows.</summary>
/// <param name="Respondents">Number of finished responses.</param>
/// <param name="Invited">Number of students invited.</param>
/// <param name="Items">Per item, in the protocol's order.</param>
/// <param name="BlockMeans">Mean of every block's item means, per block number.</param>
/// <param name="GenderBreakdown">By "jongen/meisje/zeg ik liever niet", or null when a group would be smaller than the minimum.</param>
public sealed record ThermometerResults(
    int Respondents,
    int Invited,
    IReadOnlyList<ItemResult> Items,
    IReadOnlyDictionary<int, double> BlockMeans,
    IReadOnlyList<BreakdownGroup>? GenderBreakdown)
{
    /// <summary>The share of invited students who answered, 0..1.</summary>
    public double ResponseRate => Invited == 0 ? 0 : Math.Min(1.0, (double)Respondents / Invited);

    /// <summary>The flagged items.</summary>
    public IReadOnlyList<ItemResult> Flagged => Items.Where(i => i.IsFlagged).ToList();

    /// <summary>True when anything is flagged: the card then offers route A and step 1.</summary>
    public bool IsFlagged => Items.Any(i => i.IsFlagged);
}

/// <summary>Either results, or the reason they are withheld.</summary>
public sealed record ResultsRelease(ThermometerResults? Results, string? WithheldReason)
{
    /// <summary>True when results may be shown.</summary>
    public bool IsReleased => Results is not null;
}

/// <summary>
/// The aggregation maths of the thermometer and the rules that keep it anonymous. Pure: the same responses always give
/// the same results, whatever order they came in.
/// </summary>
public static class ThermometerAggregator
{
    /// <summary>
    /// Aggregates the responses, or withholds them when there are fewer than the minimum. <paramref name="previouslyReleasedCount"/>
    /// is the respondent count of the last interim release of this survey (null: none): an interim result is only released
    /// again once at least the minimum number of new answers came in, because the difference between two releases a
    /// few answers apart shows those few students' answers.
    /// </summary>
    public static ResultsRelease Release(
        IReadOnlyCollection<ThermometerResponse> responses, int invited, ThermometerThresholds thresholds, int? previouslyReleasedCount = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(thresholds);
        var k = Math.Max(thresholds.MinimumRespondents, ThermometerThresholds.AbsoluteMinimumRespondents);
        var n = responses.Count;
        if (n < k)
        {
            return new ResultsRelease(null,
                $"Er zijn nog {(n == 0 ? "geen" : $"maar {n}")} antwoorden. Pas vanaf {k} antwoorden is de uitslag te zien, zodat niemand te herkennen is.");
        }

        if (previouslyReleasedCount is { } previous && n != previous && n - previous < k)
        {
            return new ResultsRelease(null,
                $"Sinds de vorige tussenstand ({previous} antwoorden) zijn er {n - previous} bijgekomen. Een nieuwe tussenstand kan pas bij {previous + k} antwoorden, anders zou je aan het verschil kunnen zien wat die {n - previous} leerlingen antwoordden.");
        }

        return new ResultsRelease(Aggregate(responses, invited, thresholds), null);
    }

    /// <summary>The maths, without the k-anonymity gate: use <see cref="Release"/> to show anything.</summary>
    internal static ThermometerResults Aggregate(IReadOnlyCollection<ThermometerResponse> responses, int invited, ThermometerThresholds thresholds)
    {
        var items = ThermometerQuestionnaire.Items.Select(item => ItemOf(item, responses, thresholds)).ToList();
        return new ThermometerResults(responses.Count, invited, items, BlockMeans(items), GenderBreakdown(responses, thresholds));
    }

    private static ItemResult ItemOf(ThermometerItem item, IReadOnlyCollection<ThermometerResponse> responses, ThermometerThresholds t)
    {
        var distribution = new int[6];
        foreach (var r in responses)
        {
            if (r.Scores.TryGetValue(item.Id, out var s) && ThermometerQuestionnaire.IsOnScale(s))
            {
                distribution[s]++;
            }
        }

        var count = distribution.Sum();
        var mean = count == 0 ? 0 : distribution.Select((c, score) => c * score).Sum() / (double)count;
        var flags = new List<FlagReason>();
        if (count > 0)
        {
            if (item.Direction == ItemDirection.HigherIsSafer)
            {
                if (mean < t.SafeMeanBelow)
                {
                    flags.Add(FlagReason.LowSafetyMean);
                }

                if ((distribution[0] + distribution[1]) / (double)count >= t.SafeLowShare)
                {
                    flags.Add(FlagReason.ManyFeelUnsafe);
                }
            }
            else
            {
                if (mean >= t.UnsafeMeanAtLeast)
                {
                    flags.Add(FlagReason.HighMean);
                }

                if ((distribution[3] + distribution[4] + distribution[5]) / (double)count >= t.UnsafeHighShare)
                {
                    flags.Add(FlagReason.ManyOften);
                }
            }

            if (t.SeriousItems.Contains(item.Id) && (count - distribution[0]) / (double)count > t.SeriousAnyShare)
            {
                flags.Add(FlagReason.Serious);
            }
        }

        return new ItemResult(item, count, mean, distribution, flags);
    }

    private static Dictionary<int, double> BlockMeans(IEnumerable<ItemResult> items) =>
        items.GroupBy(i => i.Item.Block.Number).ToDictionary(g => g.Key, g => g.Average(i => i.Mean));

    /// <summary>
    /// By gender only when every group — "zeg ik liever niet" included — has at least the minimum: leaving out one
    /// small group would not help, since the total minus the groups shown is that group.
    /// </summary>
    private static List<BreakdownGroup>? GenderBreakdown(IReadOnlyCollection<ThermometerResponse> responses, ThermometerThresholds t)
    {
        var k = Math.Max(t.MinimumRespondents, ThermometerThresholds.AbsoluteMinimumRespondents);
        var groups = responses.GroupBy(r => r.Gender).ToList();
        if (groups.Count < 2 || groups.Any(g => g.Count() < k))
        {
            return null;
        }

        return groups.OrderBy(g => g.Key).Select(g =>
        {
            var list = g.ToList();
            var items = ThermometerQuestionnaire.Items.Select(item => ItemOf(item, list, t)).ToList();
            return new BreakdownGroup(GenderName(g.Key), list.Count, BlockMeans(items));
        }).ToList();
    }

    private static string GenderName(ThermometerGender gender) => gender switch
    {
        ThermometerGender.Jongen => "jongens",
        ThermometerGender.Meisje => "meisjes",
        _ => "zegt liever niet",
    };
}

/// <summary>One earlier survey of the same class, for the trend.</summary>
/// <param name="ClosedOn">When it closed.</param>
/// <param name="Respondents">How many answered.</param>
/// <param name="BlockMeans">Block means, or null when it had too few answers to show.</param>
public sealed record TrendPoint(DateOnly ClosedOn, int Respondents, IReadOnlyDictionary<int, double>? BlockMeans);
