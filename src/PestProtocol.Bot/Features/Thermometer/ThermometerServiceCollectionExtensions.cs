using PestProtocol.Bot.CardActions;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>Options of the thermometer (section <c>Thermometer</c>).</summary>
public sealed class ThermometerOptions
{
    public const string Section = "Thermometer";

    /// <summary>When items are flagged and the k-anonymity minimum; see <see cref="ThermometerThresholds"/> for the defaults and why.</summary>
    public ThermometerThresholds Thresholds { get; set; } = new();
}

/// <summary>Registers the thermometer: storage, filling in, the student's card actions.</summary>
public static class ThermometerServiceCollectionExtensions
{
    /// <summary>Adds the thermometer. Thresholds below the k-anonymity minimum or off the scale stop the start, named.</summary>
    public static IServiceCollection AddThermometer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ThermometerOptions>()
            .Bind(configuration.GetSection(ThermometerOptions.Section))
            .Validate(
                o => o.Thresholds.Problems().Count == 0,
                "Thermometer:Thresholds: MinimumRespondents is at least 5; SafeMeanBelow and UnsafeMeanAtLeast are on the scale 0 to 5; the shares are 0 to 1; SeriousItems are item ids of Bijlage 2 (e.g. b5.bedreiging-wapen).")
            .ValidateOnStart();
        services.AddScoped<ThermometerSurveys>();
        services.AddScoped<FillInThermometer>();
        services.AddSingleton<ICardActionHandler, ThermometerActionHandler>();
        return services;
    }
}
