using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>
/// Thermometer:Thresholds:SeriousItems: a school adds an item (to the weapon, sexual and physical violence of block 5),
/// and then one student saying it happens flags it; an item that is not in Bijlage 2 stops the start, named.
/// </summary>
public sealed class ThermometerSeriousItemsTests
{
    private static readonly ThermometerItem Discrimination = ThermometerQuestionnaire.Items.First(i => i.Block.Number == 6);

    private static ThermometerOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddThermometer(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ThermometerOptions>>().Value;
    }

    /// <summary>A calm answer (safe in blocks 1–3, nothing in 4–7), with one item changed.</summary>
    private static ThermometerResponse Calm(string? item = null, int score = 0) => new(
        ThermometerGender.ZegIkLieverNiet, ThermometerAfdeling.ZegIkLieverNiet,
        ThermometerQuestionnaire.Items.ToDictionary(i => i.Id, i => i.Id == item ? score : i.Block.Number <= 3 ? 5 : 0));

    [Fact]
    public void A_configured_serious_item_is_added_to_the_default_ones_and_one_student_saying_it_happens_flags_it()
    {
        var thresholds = Bind(new() { ["Thermometer:Thresholds:SeriousItems:0"] = Discrimination.Id }).Thresholds;
        Assert.Contains(Discrimination.Id, thresholds.SeriousItems);
        Assert.Contains("b5.bedreiging-wapen", thresholds.SeriousItems);

        var responses = Enumerable.Range(0, 9).Select(_ => Calm()).Append(Calm(Discrimination.Id, 1)).ToList();
        var flagged = ThermometerAggregator.Release(responses, 25, thresholds).Results!.Flagged;
        var item = Assert.Single(flagged);
        Assert.Equal(Discrimination.Id, item.Item.Id);
        Assert.Contains(FlagReason.Serious, item.Flags);

        // Without the setting the same answers flag nothing: one in ten "zelden" is below the ordinary thresholds.
        Assert.Empty(ThermometerAggregator.Release(responses, 25, new ThermometerThresholds()).Results!.Flagged);
    }

    [Fact]
    public void An_item_that_is_not_in_bijlage_2_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Thermometer:Thresholds:SeriousItems:0"] = "b9.bestaat-niet" }));
        Assert.Contains("SeriousItems are item ids of Bijlage 2", error.Message, StringComparison.Ordinal);
    }
}
