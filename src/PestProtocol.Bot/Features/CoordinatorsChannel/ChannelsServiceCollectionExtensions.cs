using PestProtocol.Bot.Commands;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.CoordinatorsChannel;

/// <summary>Registers the team-channel commands <c>koppel kanaal</c> and <c>ontkoppel kanaal</c>.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>Command word that links the channel it is typed in.</summary>
    public const string LinkCommand = "koppel kanaal";

    /// <summary>Command word that removes the link.</summary>
    public const string UnlinkCommand = "ontkoppel kanaal";

    /// <summary>
    /// Adds the link and unlink dialogs (singletons) and their <see cref="BotCommand"/>s; safe to call twice. Needs
    /// <see cref="IDirectory"/> and the scoped <see cref="ICoordinatorsChannels"/> per turn (from <c>AddNotifications</c>).
    /// </summary>
    public static IServiceCollection AddCoordinatorsChannelCommands(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(BotCommand) && d.ImplementationInstance is BotCommand { Name: LinkCommand }))
        {
            return services;
        }

        services.AddSingleton<Dialog>(sp => CoordinatorsChannelDialog.Link(sp.GetRequiredService<IDirectory>()));
        services.AddSingleton<Dialog>(sp => CoordinatorsChannelDialog.Unlink(sp.GetRequiredService<IDirectory>()));
        services.AddSingleton(new BotCommand(
            LinkCommand,
            ["/koppel kanaal", "kanaal koppelen", "koppel dit kanaal"],
            CoordinatorsChannelDialog.LinkDialogId,
            "Kanaal koppelen",
            "In een teamkanaal, voor anti-pestcoördinatoren: meldingen voor de coördinatoren ook in dit kanaal plaatsen (zonder namen).",
            Audience.Staff,
            "het koppelen van het kanaal",
            Order: 90));
        services.AddSingleton(new BotCommand(
            UnlinkCommand,
            ["/ontkoppel kanaal", "kanaal ontkoppelen", "ontkoppel dit kanaal"],
            CoordinatorsChannelDialog.UnlinkDialogId,
            "Kanaal ontkoppelen",
            "In een teamkanaal, voor anti-pestcoördinatoren: geen meldingen meer in dit kanaal plaatsen.",
            Audience.Staff,
            "het ontkoppelen van het kanaal",
            Order: 91));
        return services;
    }
}
