using PestProtocol.Bot.Anonymous;
using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Dialogs.Melding;
using PestProtocol.Bot.Dialogs.Overview;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Commands;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Storage;
using PestProtocol.Bot.Telemetry;
using PestProtocol.Bot.TeamChannels;
using PestProtocol.BotFramework.Authentication;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Hosting;
using PestProtocol.BotFramework.State;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Hosting;

/// <summary>The composition root: which implementation serves which part of the bot.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPestProtocol(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<BotHostingOptions>().Bind(configuration.GetSection("Bot"));
        services.AddChannelAuthentication(configuration);
        services.AddBotConnector(configuration);
        services.AddStateStorage(configuration);
        services.AddPestProtocolPersistence(configuration);
        services.AddHostedService<DatabaseMigrationService>();
        services.TryAddSingleton(TimeProvider.System);

        // Turn pipeline, outermost first: errors → telemetry (no personal data) → a service scope per turn → one turn at a time per conversation → state load/save.
        services.AddSingleton<IMiddleware, TurnErrorMiddleware>();
        services.AddSingleton<IMiddleware>(sp => sp.GetRequiredService<TurnTelemetryMiddleware>());
        services.AddSingleton<IMiddleware, TurnServicesMiddleware>();
        services.AddSingleton<IMiddleware>(sp => sp.GetRequiredService<ConversationTurnGate>());
        services.AddSingleton<IMiddleware>(sp => sp.GetRequiredService<AutoSaveStateMiddleware>());
        services.AddSingleton<CloudAdapter>();

        // Alerts: an outbox dispatcher, alert cards, "Ik pak dit op", and (as the last middleware)
        // remembering staff members' conversation references for proactive messages.
        services.AddNotifications(configuration);

        services.AddSchoolDirectory(configuration);
        services.AddScoped<ICaseNotifier, DirectoryCaseNotifier>();

        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<IBot, PestProtocolBot>();

        // Features: each registers its dialogs, commands and card actions.
        services.AddMeldingDialogs();
        services.AddOverviewDialogs();
        services.AddAnonymousReports();
        services.AddCoordinatorsChannelCommands();
        services.AddFollowUps(configuration); // followups branch

        services.AddPestProtocolTelemetry(configuration);
        services.AddPestProtocolHealthChecks();
        return services;
    }
}
