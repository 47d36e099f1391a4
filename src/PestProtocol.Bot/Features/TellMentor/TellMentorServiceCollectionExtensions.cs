using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.StudentSide;
using PestProtocol.Bot.Notifications;
using PestProtocol.BotFramework.Dialogs;

namespace PestProtocol.Bot.Features.TellMentor;

/// <summary>Registers "vertel het mijn mentor": the command, its dialog and the mentor's card.</summary>
public static class TellMentorServiceCollectionExtensions
{
    public static IServiceCollection AddTellMentor(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<Dialog, TellMentorDialog>();
        services.AddScoped<IAlertCardRenderer, TellMentorCardRenderer>();
        services.AddSingleton(new BotCommand(
            StudentSideCards.TellMentorCommand,
            ["/mentor", "vertel het mijn mentor", "vertel mijn mentor", "mijn mentor", "vertel het je mentor", "naar mijn mentor"],
            TellMentorDialog.DialogId,
            StudentSideCards.TellMentorButton,
            "Vertel je mentor dat er iets is. Je mentor krijgt een bericht met jouw naam en komt naar je toe.",
            Audience.Student,
            "het bericht aan je mentor",
            Order: 5));
        return services;
    }
}
