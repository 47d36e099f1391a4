using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.Prevention;

/// <summary>Registers the yearly prevention round: its cards, /preventie and the class roster.</summary>
public static class PreventionServiceCollectionExtensions
{
    /// <summary>/preventie as the help card and the recogniser know it.</summary>
    public static readonly BotCommand Command = new(
        "preventie",
        ["/preventie", "preventieronde", "gedragsregels"],
        PreventionDialog.DialogId,
        "Preventie dit schooljaar",
        "Het pestbeleid en de gedragsregels aan het begin van het schooljaar: wat al gebeurd is, per klas (coördinator en mentoren).",
        Audience.Staff,
        "de preventieronde",
        Order: 60);

    /// <summary>Adds the prevention round (the follow-up scheduler runs it). Call once, with <c>AddFollowUps</c>.</summary>
    public static IServiceCollection AddPrevention(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PreventionOptions>().Bind(configuration.GetSection(PreventionOptions.Section));
        services.AddSingleton<IClassRoster, DirectoryClassRoster>();
        services.AddSingleton<PreventionRound>();
        services.AddScoped<PreventionViews>();
        foreach (var kind in new[] { PreventionPayload.ChecklistKind, PreventionPayload.ClassesKind, PreventionPayload.ReminderKind })
        {
            services.AddScoped<IAlertCardRenderer>(sp => new PreventionCardRenderer(kind, sp.GetRequiredService<PreventionViews>()));
        }

        services.AddSingleton<Dialog, PreventionDialog>();
        services.AddSingleton(Command);
        return services;
    }
}
