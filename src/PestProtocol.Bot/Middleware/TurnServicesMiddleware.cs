using PestProtocol.BotFramework.Builder;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Middleware;

/// <summary>
/// Gives every turn its own dependency-injection scope (a database context per turn, also for proactive
/// turns that have no HTTP request). Dialogs are singletons and reach scoped services through
/// <see cref="TurnServices.Services"/>.
/// </summary>
public sealed class TurnServicesMiddleware(IServiceScopeFactory scopes) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        turnContext.TurnState.Set(new TurnServiceProvider(scope.ServiceProvider));
        await next(cancellationToken).ConfigureAwait(false);
    }
}

internal sealed record TurnServiceProvider(IServiceProvider Services);

public static class TurnServices
{
    /// <summary>The services of this turn's scope.</summary>
    public static IServiceProvider Services(this ITurnContext turnContext) =>
        turnContext.TurnState.Get<TurnServiceProvider>()?.Services
        ?? throw new InvalidOperationException("The turn has no service scope: TurnServicesMiddleware is not in the pipeline.");

    public static T GetService<T>(this ITurnContext turnContext) where T : notnull =>
        turnContext.Services().GetRequiredService<T>();
}
