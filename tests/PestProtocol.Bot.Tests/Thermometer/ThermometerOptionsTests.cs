using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.Thermometer;

namespace PestProtocol.Bot.Tests.Thermometer;

/// <summary>A school tunes the thresholds in configuration; a minimum below 5 is refused, naming the setting.</summary>
public sealed class ThermometerOptionsTests
{
    private static ThermometerOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddThermometer(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ThermometerOptions>>().Value;
    }

    [Fact]
    public void Without_settings_the_documented_defaults_apply()
    {
        var t = Bind([]).Thresholds;
        Assert.Equal(5, t.MinimumRespondents);
        Assert.Equal(3.0, t.SafeMeanBelow);
        Assert.Equal(1.5, t.UnsafeMeanAtLeast);
        Assert.Contains("b5.bedreiging-wapen", t.SeriousItems);
    }

    [Fact]
    public void Configured_thresholds_are_used()
    {
        var t = Bind(new() { ["Thermometer:Thresholds:SafeMeanBelow"] = "2.5", ["Thermometer:Thresholds:MinimumRespondents"] = "8" }).Thresholds;
        Assert.Equal(2.5, t.SafeMeanBelow);
        Assert.Equal(8, t.MinimumRespondents);
    }

    [Fact]
    public void A_minimum_below_five_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Thermometer:Thresholds:MinimumRespondents"] = "3" }));
        Assert.Contains("MinimumRespondents is at least 5", error.Message, StringComparison.Ordinal);
    }
}
