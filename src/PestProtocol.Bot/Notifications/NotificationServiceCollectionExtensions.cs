using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.BotFramework.Builder;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Notifications;

/// <summary>Registers notification delivery: alert cards, "Ik pak dit op", the outbox dispatcher and the conversation-reference hook.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NotificationOptions"/> (section <c>Notifications</c>; <c>BotId</c> defaults to <c>28:{MicrosoftAppId}</c>,
    /// <c>TenantId</c> to <c>MicrosoftAppTenantId</c>), the alert card renderers (scoped), <see cref="CaseTakeHandler"/>,
    /// <see cref="IDeliveryLog"/>, the coordinators' channels (<see cref="Features.CoordinatorsChannel.ICoordinatorsChannels"/> and their card renderer), <see cref="ITeamsGraph"/> (on a <see cref="GraphServiceClient"/>: the one already registered, else
    /// one from <c>Directory:Graph:{BaseUrl,TenantId,ClientId,ClientSecret}</c>, else none and Graph delivery fails as not configured),
    /// the rate limits, <see cref="ConversationReferenceMiddleware"/> (a singleton; <c>Hosting/TurnPipeline</c> puts it in the
    /// chain) and <see cref="OutboxDispatcher"/> (hosted; it does nothing when
    /// <c>Notifications:DispatcherEnabled</c> is false).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.BotId) && configuration["MicrosoftAppId"] is { Length: > 0 } appId)
                {
                    o.BotId = "28:" + appId;
                }

                if (string.IsNullOrWhiteSpace(o.TenantId))
                {
                    o.TenantId = configuration["MicrosoftAppTenantId"];
                }
            });
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped<CaseAlertViews>();
        services.AddScoped<IAlertCardRenderer, CaseAlertCardRenderer>();
        services.AddScoped<IAlertCardRenderer, AlertUpdateCardRenderer>();
        services.AddScoped<IAlertCardRenderer, DeliveryFailedCardRenderer>();
        services.AddScoped<IDeliveryLog, DeliveryLog>();
        services.AddScoped<Features.CoordinatorsChannel.ICoordinatorsChannels, Features.CoordinatorsChannel.CoordinatorsChannels>();
        services.TryAddScoped<Features.CoordinatorsChannel.ChannelCopies>();
        services.AddScoped<ChannelAlertCardRenderer>();
        services.AddSingleton<ICardActionHandler, CaseTakeHandler>();
        services.TryAddScoped<Features.Alerts.AlertRefreshPlanner>();   // every case transition updates every posted alert card
        services.TryAddScoped<Features.Alerts.CoordinatorDigestPlanner>();   // the coordinator's grouped card
        services.AddScoped<IAlertCardRenderer, Features.Alerts.CoordinatorDigestCardRenderer>();

        TeamsGraphFactory.AddGraphClientWhenConfigured(services, configuration);
        services.TryAddSingleton<ITeamsGraph>(sp => TeamsGraphFactory.Create(sp, services));

        services.AddSingleton<NotificationRateLimits>();
        services.AddSingleton<ConversationReferenceMiddleware>();

        services.AddSingleton<OutboxDepth>();
        services.Replace(ServiceDescriptor.Singleton<Telemetry.IOutboxDepthSource>(sp => sp.GetRequiredService<OutboxDepth>()));
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.BotTelemetry>();
        // The outbox dispatcher and the small services it hands each job to.
        services.AddSingleton<Delivery.OutboxLease>();
        services.AddSingleton<Delivery.DeliveryFailurePolicy>();
        services.AddSingleton<Delivery.DeliveryRecorder>();
        services.AddSingleton<Delivery.AlertCardUpdate>();
        services.AddSingleton<Delivery.PersonalChatChannel>();
        services.AddSingleton<Delivery.InstalledChatChannel>();
        services.AddSingleton<Delivery.ActivityFeedChannel>();
        services.AddSingleton<Delivery.MailChannel>();
        services.AddSingleton<Delivery.TeamChannelChannel>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
