using PestProtocol.Bot.Features.StudentSide;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.Overview;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Features.Thermometer;
using PestProtocol.Bot.Commands;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Bot.Storage;
using PestProtocol.Bot.Telemetry;
using PestProtocol.Bot.Features.CoordinatorsChannel;
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
        services.AddHostedService<RegistrationCheck>();
        services.AddChannelAuthentication(configuration);
        services.AddMessagingEndpointGuards(); // hardening: development mode never listens beyond loopback
        services.AddBotConnector(configuration);
        services.AddStateStorage(configuration);
        services.AddPestProtocolPersistence(configuration);
        services.AddHostedService<DatabaseMigrationService>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<CloudAdapter>();

        // Alerts: an outbox dispatcher, alert cards, "Ik pak dit op", and remembering staff members'
        // conversation references for proactive messages.
        services.AddNotifications(configuration);

        services.AddSchoolDirectory(configuration);
        services.AddScoped<ICaseNotifier, DirectoryCaseNotifier>();

        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<CardActions.CardActionRouter>();
        services.AddSingleton<IBot, PestProtocolBot>();

        // Features: each registers its dialogs, commands and card actions.
        services.AddCaseUseCases();   // the application layer: open, apply a step, take (Features/Cases)
        services.AddMeldingDialogs();
        services.AddOverviewDialogs();
        services.AddAnonymousReports(configuration: configuration); // replynotice branch: its options read from this configuration
        services.AddCoordinatorsChannelCommands();
        services.AddStudentSide();
        services.AddRecords(configuration);
        services.AddFollowUps(configuration); // followups branch
        services.AddHandOver(); // handover branch: "overdragen", the handover cards
        services.AddThermometer(configuration); // thermometer branch

        services.AddPestProtocolTelemetry(configuration);
        services.AddPestProtocolHealthChecks();

        // The middleware of every turn, in the order it runs: decided in one place (Hosting/TurnPipeline).
        services.AddTurnPipeline();
        services.AddTurnConcurrencyLimit(configuration); // rss2 branch: at most Hosting:MaxConcurrentTurns turns at once, the rest queue
        services.AddNativeHeapTrim(configuration); // rss2 branch: free malloc pages go back to the OS every Hosting:NativeHeapTrim:IntervalSeconds
        return services;
    }
}
