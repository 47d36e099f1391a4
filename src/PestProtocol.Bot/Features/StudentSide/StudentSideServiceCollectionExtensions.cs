using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Features.PersonalChat;
using PestProtocol.Bot.Features.TellMentor;

namespace PestProtocol.Bot.Features.StudentSide;

/// <summary>
/// Registers the student side: "vertel het mijn mentor" and the way from a group chat or channel to the person's own
/// chat (<see cref="IPersonalChats"/>; a test may register its own first).
/// </summary>
public static class StudentSideServiceCollectionExtensions
{
    public static IServiceCollection AddStudentSide(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IPersonalChats, PersonalChats>();
        services.AddTellMentor();
        return services;
    }
}
