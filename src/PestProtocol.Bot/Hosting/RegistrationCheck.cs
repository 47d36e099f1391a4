using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Commands;

namespace PestProtocol.Bot.Hosting;

/// <summary>
/// The first thing the host starts: builds the card-action router and the command recogniser, which refuse a verb or
/// command word registered twice (<see cref="Configuration.BotConfigurationException"/> naming the word and both
/// owners), and checks that the middleware chain is exactly <see cref="TurnPipeline.Order"/>. So a duplicate or a
/// stray middleware stops the bot before it takes a turn, not at the first click on the shadowed card.
/// </summary>
public sealed class RegistrationCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<CardActionRouter>();
        services.GetRequiredService<CommandRecognizer>();
        TurnPipeline.CheckComposition(services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
