using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.CardActions;

/// <summary>
/// Handles Universal Actions (Action.Execute → invoke <c>adaptiveCard/action</c>) and their Action.Submit
/// fallback from cards that are not a dialog's prompt: alert cards ("Ik pak dit op", "Reageer anoniem" …).
/// Every handler checks the actor's role itself: nothing in the card's data is trusted.
/// </summary>
public interface ICardActionHandler
{
    /// <summary>
    /// The verbs this handler owns (a prefix such as "case." or "report." is a good habit). <see cref="CardActionRouter"/>
    /// registers it under each; a verb another handler already owns stops the bot at start.
    /// </summary>
    IReadOnlyCollection<string> Verbs { get; }

    /// <summary>
    /// Handles the action. <paramref name="data"/> is the action's data with the card's inputs merged in.
    /// For an invoke the result is the HTTP answer (usually a replacement card); for a Submit fallback the
    /// front door sends the card or message as a reply instead.
    /// </summary>
    Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, System.Text.Json.JsonElement data, CancellationToken cancellationToken);
}
