using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>Registers /melding: the command, its dialogs, the step service and the student search.</summary>
public static class MeldingServiceCollectionExtensions
{
    /// <summary>The /melding command as the help card and the recogniser know it.</summary>
    public static readonly BotCommand Command = new(
        "melding",
        ["/melding", "melding maken", "nieuwe melding"],
        MeldingDialog.DialogId,
        "Melding starten",
        "Start een melding volgens het pestprotocol (voor medewerkers).",
        Audience.Staff,
        "de melding",
        Order: 10);

    /// <summary>Adds /melding. Call once from the composition root.</summary>
    public static IServiceCollection AddMeldingDialogs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CaseSteps>();
        services.AddSingleton<StudentSearch>();
        services.AddSingleton<CaseParticipants>();
        services.AddSingleton<IntakeDialog>();
        services.AddSingleton<Step1SuspicionDialog>();
        services.AddSingleton<Step2ParentsDialog>();
        services.AddSingleton<Step3RouteChoiceDialog>();
        services.AddSingleton<RouteADialog>();
        services.AddSingleton<RouteBDialog>();
        services.AddSingleton<RouteCDialog>();
        services.AddSingleton<Step4RouteChoiceDialog>();
        services.AddSingleton<RouteDDialog>();
        services.AddSingleton<RouteEDialog>();
        services.AddSingleton<FollowUpDialog>();
        services.AddSingleton<HerstelgesprekDialog>();
        services.AddSingleton<Dialog, MeldingDialog>();
        services.AddSingleton(Command);
        return services;
    }
}
