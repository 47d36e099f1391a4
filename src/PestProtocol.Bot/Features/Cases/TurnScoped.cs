using PestProtocol.Bot.Middleware;
using PestProtocol.BotFramework.Builder;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>
/// How a singleton transport (a dialog, a card-action handler) reaches a use case that lives per turn: the use case
/// needs the turn's database context and transaction, so it is scoped, and the turn's scope is made by
/// <see cref="TurnServicesMiddleware"/>. Taking <c>TurnScoped&lt;ApplyStep&gt;</c> in a constructor names the
/// dependency where a reader looks for it (instead of a service lookup in the middle of a method).
/// </summary>
/// <typeparam name="T">The scoped service.</typeparam>
public sealed class TurnScoped<T>
    where T : notnull
{
    /// <summary>The instance of this turn.</summary>
    public T In(ITurnContext turnContext) => turnContext.GetService<T>();
}
