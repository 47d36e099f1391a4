using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.AnonymousReports.Drafts;
using PestProtocol.Bot.Features.AnonymousReports.Logging;
using PestProtocol.BotFramework.State;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Dialogs;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Registers the anonymous-report module.</summary>
public static class AnonymousReportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the commands "anoniem" and "status", their dialogs, the card action handlers (student follow-up and
    /// the coordinator's "report.*" verbs), the alert card renderers, the report service (scoped), and the privacy
    /// guards: the in-memory sender rate limit, the Argon2id hasher (<paramref name="argon2"/>, default
    /// <see cref="Argon2Parameters.Default"/>), and a logger factory that strips the turn's identifying values from
    /// every log line (with a turn middleware inserted as the OUTERMOST middleware). Also the retention of abandoned drafts:
    /// <see cref="AnonymousReportOptions"/> (section <c>AnonymousReports</c>), the hosted <see cref="AbandonedDraftRetention"/>
    /// and the <see cref="AbandonedDraftNotice"/> middleware (registered after the state middleware); and the daily reply notice
    /// (<see cref="ReplyNoticeRound"/>, section <c>AnonymousReports:ReplyNotice</c>). The options come from <paramref name="configuration"/>,
    /// else from the registered <see cref="IConfiguration"/>. Call after AddPestProtocol.
    /// </summary>
    public static IServiceCollection AddAnonymousReports(this IServiceCollection services, Argon2Parameters? argon2 = null, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new PassphraseHasher(argon2 ?? Argon2Parameters.Default));
        services.AddSingleton<SenderRateLimit>();
        services.AddSingleton<StudentSessions>();
        services.AddScoped<AnonymousReportService>();

        // Abandoned drafts: deleted after AnonymousReports:DraftRetention; a late answer gets a kind word.
        services.AddOptions<AnonymousReportOptions>()
            .Configure<IServiceProvider>((options, sp) => (configuration ?? sp.GetService<IConfiguration>())?.GetSection(AnonymousReportOptions.Section).Bind(options))
            .Validate(o => o.ReplyNotice.Problems().Count == 0, ReplyNoticeOptions.Section + ": Hour is a whole hour from 0 to 23 (school time); PollInterval lies above 00:00:00 and at most 01:00:00.")
            .ValidateOnStart();
        KeepDraftsOutOfTheDatabase(services);
        services.AddSingleton<AbandonedDraftRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<AbandonedDraftRetention>());
        services.AddSingleton<AbandonedDraftNotice>();

        // The daily reply notice to every student of a location where the school answered (docs/SECURITY.md, section 3a).
        services.AddScoped<ReplyNoticeMarks>();
        services.AddSingleton<ReplyNoticeRound>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyNoticeRound>());
        services.AddSingleton<IAlertCardRenderer, ReplyNoticeCardRenderer>();
        AddDevelopmentStudentChats(services, configuration);

        services.AddSingleton<Dialog, AnonymousReportDialog>();
        services.AddSingleton<Dialog, AnonymousStatusDialog>();
        services.AddSingleton(new BotCommand(
            "anoniem",
            ["/anoniem", "anoniem melden", "melden", "ik wil iets melden"],
            AnonymousReportDialog.DialogId,
            "Anoniem melden",
            "Meld pesten anoniem – niemand weet dat jij het bent.",
            Audience.Everyone,
            "je anonieme melding",
            10));
        services.AddSingleton(new BotCommand(
            "status",
            ["/status"],
            AnonymousStatusDialog.DialogId,
            "Mijn anonieme melding",
            "Bekijk je anonieme melding en antwoorden van de school met je code en wachtwoord.",
            Audience.Everyone,
            "je anonieme melding bekijken",
            11));

        services.AddSingleton<ICardActionHandler, StudentReportActionHandler>();
        services.AddSingleton<ICardActionHandler, ReportActionHandler>();
        services.AddSingleton<IAlertCardRenderer>(sp => new AnonymousReportCardRenderer(AnonymousReportKinds.Alert, sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IAlertCardRenderer>(sp => new AnonymousReportCardRenderer(AnonymousReportKinds.Update, sp.GetRequiredService<IServiceScopeFactory>()));

        // Logs: nothing that identifies the sender of a turn reaches any provider.
        services.AddSingleton<TurnIdentifiers>();
        services.AddSingleton<TurnIdentifiersMiddleware>();
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(
            new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()),
            sp.GetRequiredService<TurnIdentifiers>())));
        return services;
    }

    /// <summary>
    /// Puts <see cref="DraftKeepingStorage"/> in front of the registered <see cref="IStorage"/>: documents with an open
    /// anonymous flow stay in memory (sealed), everything else reaches the database as before. Must run after the state
    /// store is registered (AddStateStorage) and before anything resolves <see cref="IStorage"/>.
    /// </summary>
    private static void KeepDraftsOutOfTheDatabase(IServiceCollection services)
    {
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IStorage));
        if (registered is null || services.Any(descriptor => descriptor.ServiceType == typeof(DraftKeepingStorage)))
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton(sp => new DraftKeepingStorage(Resolve(registered, sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<DraftKeepingStorage>());
    }

    /// <summary>
    /// The development-only memory of students' chats (<see cref="DevelopmentStudentChats"/>, a turn middleware in
    /// Hosting/TurnPipeline) and, when it is on, the reference store that falls back to it. Production: a no-op middleware.
    /// </summary>
    private static void AddDevelopmentStudentChats(IServiceCollection services, IConfiguration? configuration)
    {
        services.AddSingleton(sp => new DevelopmentStudentChats(configuration ?? sp.GetService<IConfiguration>(), sp.GetRequiredService<SchoolDirectory.IDirectory>()));
        var on = DevelopmentStudentChats.IsOnFor(configuration);
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(PestProtocol.Bot.Persistence.IConversationReferenceStore));
        if (!on || registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(
            typeof(PestProtocol.Bot.Persistence.IConversationReferenceStore),
            sp => new DevelopmentConversationReferenceStore(
                (PestProtocol.Bot.Persistence.IConversationReferenceStore)(registered.ImplementationInstance
                    ?? registered.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
                sp.GetRequiredService<DevelopmentStudentChats>()),
            registered.Lifetime));
    }

    private static IStorage Resolve(ServiceDescriptor descriptor, IServiceProvider sp) =>
        (IStorage)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
