using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.Overview;

/// <summary>Registers /overzicht and /dossier: their dialogs and their commands.</summary>
public static class OverviewServiceCollectionExtensions
{
    /// <summary>
    /// Adds the overview and dossier dialogs (singletons) and their <see cref="BotCommand"/>s. Needs <c>IDirectory</c>,
    /// <see cref="TimeProvider"/> and a scoped <c>ICaseStore</c> per turn (all from <c>AddPestProtocol</c>).
    /// </summary>
    public static IServiceCollection AddOverviewDialogs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CaseViews>();
        services.AddSingleton<Dialog, OverviewDialog>();
        services.AddSingleton<Dialog, DossierDialog>();
        services.AddSingleton(new BotCommand(
            "overzicht",
            ["/overzicht", "mijn meldingen", "meldingen"],
            OverviewDialog.DialogId,
            "Mijn meldingen",
            "Je open meldingen: waar elke melding staat en wat de volgende stap is.",
            Audience.Staff,
            "het overzicht",
            Order: 20));
        services.AddSingleton(new BotCommand(
            "dossier",
            ["/dossier"],
            DossierDialog.DialogId,
            "Dossier bekijken",
            "Het dossier van een melding: alle stappen met wie, wanneer en welke afspraken.",
            Audience.Staff,
            "het dossier",
            Order: 30));
        return services;
    }
}
