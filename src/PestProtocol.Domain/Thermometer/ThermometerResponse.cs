using PestProtocol.Domain.Appendices;

namespace PestProtocol.Domain.Thermometer;

/// <summary>
/// A student's answers while filling in: block by block, so it can be finished later. It holds no identity — who it
/// belongs to is the business of the personal chat that holds it, never of the answers.
/// </summary>
public sealed record ThermometerDraft(
    ThermometerGender Gender,
    ThermometerAfdeling Afdeling,
    IReadOnlyDictionary<string, int> Scores)
{
    /// <summary>Nothing answered yet.</summary>
    public static ThermometerDraft Empty { get; } = new(ThermometerGender.ZegIkLieverNiet, ThermometerAfdeling.ZegIkLieverNiet, new Dictionary<string, int>());

    /// <summary>The blocks with every item answered.</summary>
    public IReadOnlyList<int> CompletedBlocks => ThermometerQuestionnaire.Blocks
        .Where(b => b.Items.All(i => Scores.ContainsKey(i.Id)))
        .Select(b => b.Number)
        .ToList();

    /// <summary>The first block still to fill in, or null when all seven are done.</summary>
    public int? NextBlock => ThermometerQuestionnaire.Blocks.FirstOrDefault(b => b.Items.Any(i => !Scores.ContainsKey(i.Id)))?.Number;

    /// <summary>True when every item has a score.</summary>
    public bool IsComplete => NextBlock is null;

    /// <summary>
    /// The draft with one block's scores added (replacing earlier scores of that block). Every item of the block must
    /// have a score on the scale; anything else is refused, naming what is missing, and nothing of the draft is lost.
    /// </summary>
    public ThermometerResult<ThermometerDraft> WithBlock(int blockNumber, IReadOnlyDictionary<string, int?> submitted)
    {
        var block = ThermometerQuestionnaire.Blocks.FirstOrDefault(b => b.Number == blockNumber);
        if (block is null)
        {
            return ThermometerResult<ThermometerDraft>.Refused("Dit deel van de vragenlijst bestaat niet.");
        }

        var missing = new List<string>();
        var scores = new Dictionary<string, int>(Scores, StringComparer.Ordinal);
        foreach (var item in block.Items)
        {
            if (submitted.TryGetValue(item.Id, out var score) && score is { } s && ThermometerQuestionnaire.IsOnScale(s))
            {
                scores[item.Id] = s;
            }
            else
            {
                missing.Add(item.Text.Nl);
            }
        }

        if (submitted.Keys.Any(k => ThermometerQuestionnaire.Find(k) is not { } known || known.Block.Number != blockNumber))
        {
            return ThermometerResult<ThermometerDraft>.Refused("Er zat een antwoord bij dat niet bij deze vragen hoort. Vul dit deel opnieuw in.");
        }

        if (missing.Count > 0)
        {
            return ThermometerResult<ThermometerDraft>.Refused(
                $"Kies bij elke zin een cijfer van {Bijlage2Thermometer.ScaleMin} tot {Bijlage2Thermometer.ScaleMax}. Nog niet ingevuld: {string.Join("; ", missing)}.");
        }

        return ThermometerResult<ThermometerDraft>.Ok(this with { Scores = scores });
    }

    /// <summary>The finished response, or a refusal naming the first block still to do.</summary>
    public ThermometerResult<ThermometerResponse> Finish() =>
        NextBlock is { } next
            ? ThermometerResult<ThermometerResponse>.Refused($"Deel {next} van 7 is nog niet ingevuld.")
            : ThermometerResult<ThermometerResponse>.Ok(new ThermometerResponse(Gender, Afdeling, new Dictionary<string, int>(Scores, StringComparer.Ordinal)));
}

/// <summary>
/// One finished, anonymous response: the student details of Bijlage 2 (the class is the survey's own) and a score
/// for every item. There is deliberately no field for who answered, nor for when.
/// </summary>
public sealed record ThermometerResponse(
    ThermometerGender Gender,
    ThermometerAfdeling Afdeling,
    IReadOnlyDictionary<string, int> Scores);

/// <summary>An outcome that is either a value or a Dutch refusal for the person who asked.</summary>
public sealed record ThermometerResult<T>(T? Value, string? Refusal)
    where T : class
{
    /// <summary>True when it worked.</summary>
    public bool IsOk => Refusal is null;

    /// <summary>It worked.</summary>
    public static ThermometerResult<T> Ok(T value) => new(value, null);

    /// <summary>It was refused, with the reason in Dutch.</summary>
    public static ThermometerResult<T> Refused(string reason) => new(null, reason);
}
