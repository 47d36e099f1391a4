using Microsoft.Extensions.Options;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.Prevention;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>Registers the follow-ups (the scheduler, its cards, /vervolg), the yearly prevention round the scheduler also runs, and (development only) the movable clock.</summary>
public static class FollowUpsServiceCollectionExtensions
{
    /// <summary>/vervolg as the help card and the recogniser know it.</summary>
    public static readonly BotCommand Command = new(
        "vervolg",
        ["/vervolg", "vervolgafspraken", "vervolgafspraak", "mijn vervolgafspraken"],
        FollowUpAnswerDialog.DialogId,
        "Mijn vervolgafspraken",
        "Zie wanneer je je leerlingen weer opvolgt, en vul een vervolgmoment in (voor medewerkers).",
        Audience.Staff,
        "het vervolg",
        Order: 25);

    /// <summary>Adds the follow-ups. Call once from the composition root, after the clock is registered.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FollowUpOptions>>().Value.ToCalendar());
        services.AddScoped<FollowUpJobs>();
        services.AddSingleton<FollowUpViews>();
        services.AddScoped<IAlertCardRenderer, FollowUpReminderCardRenderer>();
        services.AddScoped<IAlertCardRenderer, FollowUpOverdueCardRenderer>();
        services.AddScoped<IAlertCardRenderer, FollowUpBullyReminderCardRenderer>();
        services.AddSingleton<FollowUpScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpScheduler>());
        services.AddSingleton<Dialog, FollowUpAnswerDialog>();
        services.AddSingleton(Command);
        services.AddPrevention(configuration);
        if (DevelopmentClock.IsDevelopmentMode(configuration))
        {
            DevelopmentClock.Register(services);
        }

        return services;
    }
}
