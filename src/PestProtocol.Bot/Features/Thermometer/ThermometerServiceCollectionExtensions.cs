using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>Options of the thermometer (section <c>Thermometer</c>).</summary>
public sealed class ThermometerOptions
{
    public const string Section = "Thermometer";

    /// <summary>When items are flagged and the k-anonymity minimum; see <see cref="ThermometerThresholds"/> for the defaults and why.</summary>
    public ThermometerThresholds Thresholds { get; set; } = new();

    /// <summary>Run the reminder and closing jobs (on by default).</summary>
    public bool RoundEnabled { get; set; } = true;

    /// <summary>How often the reminder and closing jobs look for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The hour (school time) from which the reminder goes out on its day.</summary>
    public int ReminderHour { get; set; } = 9;

    /// <summary>
    /// The hour (school time) from which the results go out: a survey closes (its key destroyed) just after midnight
    /// following its closing day, but its results card waits until this hour of the first school day, not a ping at night.
    /// -1 sends them at once (the end-to-end scenario, whose clock jumps whole days from any hour).
    /// </summary>
    public int ResultsHour { get; set; } = 8;

    /// <summary>How long a chart link in a results card works.</summary>
    public TimeSpan ChartLinkLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Registers the thermometer: starting it, storage, filling in, the outbox cards, the closing job and the chart links.</summary>
public static class ThermometerServiceCollectionExtensions
{
    /// <summary><c>thermometer</c> as the help card and the recogniser know it: listed for staff; a student gets the open thermometer of their class, anyone else Bijlage 2.</summary>
    public static readonly BotCommand Command = new(
        ThermometerStartCards.Command,
        ["/thermometer", "thermometer starten", "thermometer versturen"],
        ThermometerDialog.DialogId,
        "Thermometer in je klas",
        "De thermometer (bijlage 2) anoniem naar je klas sturen, en de uitslag zien ('thermometer resultaten').",
        Audience.Staff,
        "de thermometer",
        Order: 55,
        OpenToOthers: true);

    /// <summary>Adds the thermometer. Thresholds below the k-anonymity minimum or off the scale stop the start, named.</summary>
    public static IServiceCollection AddThermometer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ThermometerOptions>()
            .Bind(configuration.GetSection(ThermometerOptions.Section))
            .Validate(
                o => o.Thresholds.Problems().Count == 0,
                "Thermometer:Thresholds: MinimumRespondents is at least 5; SafeMeanBelow and UnsafeMeanAtLeast are on the scale 0 to 5; the shares are 0 to 1; SeriousItems are item ids of Bijlage 2 (e.g. b5.bedreiging-wapen).")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.ReminderHour is >= 0 and <= 23 && o.ResultsHour is >= -1 and <= 23 && o.ChartLinkLifetime > TimeSpan.Zero,
                "Thermometer: PollInterval and ChartLinkLifetime are positive; ReminderHour is 0 to 23; ResultsHour is 0 to 23, or -1 for at once.")
            .ValidateOnStart();
        services.AddScoped<ThermometerSurveys>();
        services.AddScoped<FillInThermometer>();
        services.AddScoped<StartThermometer>();
        services.AddScoped<ThermometerResultsView>();
        services.AddSingleton<ThermometerClasses>();
        services.TryAddSingleton<PdfLinks>();
        services.AddSingleton<ThermometerChartLinks>();
        services.AddSingleton<ICardActionHandler, ThermometerActionHandler>();
        foreach (var kind in new[] { ThermometerPayload.InvitationKind, ThermometerPayload.ReminderKind, ThermometerPayload.ResultsKind })
        {
            services.AddScoped<IAlertCardRenderer>(sp => new ThermometerCardRenderer(
                kind, sp.GetRequiredService<ThermometerSurveys>(), sp.GetRequiredService<ThermometerResultsView>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<ThermometerRound>();
        services.AddHostedService(sp => sp.GetRequiredService<ThermometerRound>());
        services.AddSingleton<Dialog, ThermometerDialog>();
        services.AddSingleton(Command);
        return services;
    }
}
