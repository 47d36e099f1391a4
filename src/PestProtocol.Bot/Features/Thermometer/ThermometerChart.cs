using System.Globalization;
using PestProtocol.Domain.Thermometer;
using ScottPlot;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// The results chart: one horizontal bar per block of Bijlage 2 with the class mean (0–5), blocks 1–3 ("hoog = goed")
/// in green and 4–7 ("hoog = zorg") in blue, a flagged block in red, and the previous survey of the class as a grey
/// dot on each bar. Rendered by the bot with ScottPlot (MIT) on SkiaSharp, headless, with DejaVu Sans (the font
/// test.sh and the Docker image install for the dossier PDF). It draws only aggregated means of a released result,
/// so the image holds nothing that the k-anonymity rules did not already allow.
/// </summary>
public static class ThermometerChart
{
    /// <summary>Width in pixels: sharp on a laptop, and scaled down on a phone.</summary>
    public const int Width = 720;

    /// <summary>Height in pixels.</summary>
    public const int Height = 360;

    /// <summary>Short names of the blocks for the axis, with which way is good.</summary>
    public static readonly IReadOnlyDictionary<int, string> BlockLabels = new Dictionary<int, string>
    {
        [1] = "1. Veilig genoeg om … (hoog = goed)",
        [2] = "2. Ik voel mij veilig (hoog = goed)",
        [3] = "3. Veilig door de school (hoog = goed)",
        [4] = "4. Onveilig door wie (hoog = zorg)",
        [5] = "5. Onveilig door wat (hoog = zorg)",
        [6] = "6. Gepest/gediscrimineerd (hoog = zorg)",
        [7] = "7. Ik maak het onveilig (hoog = zorg)",
    };

    private static readonly Color Safe = Color.FromHex("#2E7D32");
    private static readonly Color Worry = Color.FromHex("#1565C0");
    private static readonly Color Flagged = Color.FromHex("#C62828");
    private static readonly Color Previous = Color.FromHex("#616161");

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] RenderPng(string className, ThermometerResults results, TrendPoint? previous)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        try
        {
            plot.Font.Set("DejaVu Sans");
            var flaggedBlocks = results.Flagged.Select(i => i.Item.Block.Number).ToHashSet();
            var bars = new List<Bar>();
            var positions = new List<double>();
            var labels = new List<string>();
            foreach (var (block, mean) in results.BlockMeans.OrderBy(b => b.Key))
            {
                var position = 8 - block;
                positions.Add(position);
                labels.Add(BlockLabels[block]);
                bars.Add(new Bar
                {
                    Position = position,
                    Value = mean,
                    FillColor = flaggedBlocks.Contains(block) ? Flagged : block <= 3 ? Safe : Worry,
                    Label = mean.ToString("0.0", CultureInfo.GetCultureInfo("nl-NL")),
                });
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.ValueLabelStyle.FontSize = 13;

            if (previous?.BlockMeans is { } before)
            {
                var xs = before.OrderBy(b => b.Key).Select(b => b.Value).ToArray();
                var ys = before.OrderBy(b => b.Key).Select(b => (double)(8 - b.Key)).ToArray();
                var dots = plot.Add.ScatterPoints(xs, ys, Previous);
                dots.MarkerSize = 10;
                dots.LegendText = $"vorige keer ({previous.ClosedOn.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("nl-NL"))})";
                plot.ShowLegend(Alignment.LowerRight);
            }

            plot.Axes.Left.SetTicks([.. positions], [.. labels]);
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.SetLimits(0, 5.4, 0.4, 7.6);
            plot.Axes.Bottom.Label.Text = "gemiddelde van de klas: 0 = nooit, 5 = altijd";
            plot.Title($"Thermometer klas {className}: {results.Respondents} antwoorden");
            plot.Grid.YAxisStyle.IsVisible = false;
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>The chart as a data URI for the card's Image (Teams leaves base64 images out of its ~100 KB message limit).</summary>
    public static string DataUri(string className, ThermometerResults results, TrendPoint? previous) =>
        "data:image/png;base64," + Convert.ToBase64String(RenderPng(className, results, previous));

    /// <summary>What the chart shows, in words, for a screen reader and for a client that shows no images.</summary>
    public static string AltText(string className, ThermometerResults results) =>
        $"Staafdiagram thermometer klas {className}, gemiddelde per deel: "
        + string.Join("; ", results.BlockMeans.OrderBy(b => b.Key).Select(b => $"deel {b.Key} {b.Value.ToString("0.0", CultureInfo.GetCultureInfo("nl-NL"))}"))
        + ".";
}
