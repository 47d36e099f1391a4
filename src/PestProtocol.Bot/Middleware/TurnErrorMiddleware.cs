using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Middleware;

/// <summary>
/// The outermost step of every turn: when anything below fails, the user gets a short, kind Dutch
/// message and the log gets the error without personal data. Because state is saved only at the end
/// of a successful turn, a failed turn leaves the conversation where it was: nothing entered earlier is lost.
/// </summary>
public sealed partial class TurnErrorMiddleware(ILogger<TurnErrorMiddleware> logger) : IMiddleware
{
    public const string FriendlyMessage =
        "Sorry, er ging bij mij iets mis. Wat je eerder hebt ingevuld is bewaard. Probeer het zo nog eens; lukt het dan nog niet, neem contact op met de anti-pestcoördinator.";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Only the exception type, the activity type and the site: exception messages can carry user input.
            LogTurnFailed(logger, ex.GetType().Name, turnContext.Activity.Type ?? "?", ex.TargetSite?.DeclaringType?.Name ?? "?",
                (ex as ConnectorException)?.Error.Kind.ToString() ?? "-");

            if (turnContext.Activity.Type == ActivityTypes.Invoke)
            {
                turnContext.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Error(500, "InternalError", FriendlyMessage));
                return;
            }

            if (ex is ConnectorException)
            {
                // The channel refused our reply; a second reply would be refused as well.
                return;
            }

            try
            {
                await turnContext.SendActivityAsync(FriendlyMessage, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException)
            {
                // Nothing more we can tell the user; the failure is logged above.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn failed: {ExceptionType} in {Site} while handling a {ActivityType} activity (connector: {ConnectorError}).")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string activityType, string site, string connectorError);
}
