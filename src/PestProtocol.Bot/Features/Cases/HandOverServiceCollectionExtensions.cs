using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>Registers the handover: "overdragen &lt;code&gt;", its dialog and the cards for the new and the old owner.</summary>
public static class HandOverServiceCollectionExtensions
{
    /// <summary>"overdragen" as the help card and the recogniser know it.</summary>
    public static readonly BotCommand Command = new(
        HandOverDialog.DialogId,
        ["/overdragen", "overdracht", "melding overdragen", "toewijzen"],
        HandOverDialog.DialogId,
        "Melding overdragen",
        "Geef een melding door aan een collega van je locatie, met de reden (voor medewerkers).",
        Audience.Staff,
        "het overdragen van een melding",
        Order: 27);

    /// <summary>Adds the handover. The use cases themselves come with <see cref="CasesServiceCollectionExtensions.AddCaseUseCases"/>.</summary>
    public static IServiceCollection AddHandOver(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCaseUseCases();
        services.AddSingleton<Dialog, HandOverDialog>();
        services.AddScoped<IAlertCardRenderer, HandOverCardRenderer>();
        services.AddSingleton(Command);
        return services;
    }
}
