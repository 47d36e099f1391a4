using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Middleware;

/// <summary>
/// The outer step of every turn: when anything below fails, the user gets a short, kind Dutch
/// message and the log gets the error without personal data. Because state is saved only at the end
/// of a successful turn, a failed turn leaves the conversation where it was: nothing entered earlier is lost.
/// So that a conversation whose state makes every turn fail cannot loop (as botbuilder's AdapterWithErrorHandler
/// guards against), the failure is counted in the conversation's state: when the next turn fails as well, the
/// conversation state is deleted and the user starts afresh (what is in a dossier stays). A successful turn resets
/// the count.
/// </summary>
public sealed partial class TurnErrorMiddleware(ConversationState conversationState, ILogger<TurnErrorMiddleware> logger) : IMiddleware
{
    public const string FriendlyMessage =
        "Sorry, er ging bij mij iets mis. Wat je eerder hebt ingevuld is bewaard. Probeer het zo nog eens; lukt het dan nog niet, neem contact op met de anti-pestcoördinator.";

    public const string StartedAfreshMessage =
        "Sorry, er ging opnieuw iets mis. Daarom begin ik ons gesprek opnieuw. Wat al in een dossier stond, blijft bewaard. Typ 'help' om verder te gaan.";

    /// <summary>Failed turns in a row, kept in the conversation's state.</summary>
    private readonly IStatePropertyAccessor<int> _failures = conversationState.CreateProperty<int>("turnFailuresInARow");

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
            await ForgetFailuresAsync(turnContext, cancellationToken).ConfigureAwait(false);
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
            var message = await CountFailureAsync(turnContext, cancellationToken).ConfigureAwait(false) ? StartedAfreshMessage : FriendlyMessage;

            if (turnContext.Activity.Type == ActivityTypes.Invoke)
            {
                turnContext.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Error(500, "InternalError", message));
                return;
            }

            if (ex is ConnectorException)
            {
                // The channel refused our reply; a second reply would be refused as well.
                return;
            }

            try
            {
                await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException)
            {
                // Nothing more we can tell the user; the failure is logged above.
            }
        }
    }

    /// <summary>Counts this failure in the stored state (the failed turn's own changes dropped); true when the state was deleted.</summary>
    private async Task<bool> CountFailureAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.Id is not { Length: > 0 })
        {
            return false;
        }

        try
        {
            await conversationState.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
            var before = await _failures.GetAsync(turnContext, () => 0, cancellationToken).ConfigureAwait(false);
            if (before >= 1)
            {
                await conversationState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
                LogStartedAfresh(logger);
                return true;
            }

            await _failures.SetAsync(turnContext, before + 1, cancellationToken).ConfigureAwait(false);
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The state store itself may be what failed; the user still gets the message.
            LogCountFailed(logger, ex.GetType().Name);
        }

        return false;
    }

    /// <summary>After a successful turn, forgets an earlier failure (a write only when there was one).</summary>
    private async Task ForgetFailuresAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.Id is not { Length: > 0 })
        {
            return;
        }

        try
        {
            if (await _failures.GetAsync(turnContext, () => 0, cancellationToken).ConfigureAwait(false) == 0)
            {
                return;
            }

            await _failures.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The turn itself succeeded (e.g. another turn wrote the state meanwhile): the count stays, nothing else is wrong.
            LogCountFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A second turn in a row failed in one conversation: its conversation state was deleted so it cannot loop.")]
    private static partial void LogStartedAfresh(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting a failed turn failed: {ExceptionType}.")]
    private static partial void LogCountFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn failed: {ExceptionType} in {Site} while handling a {ActivityType} activity (connector: {ConnectorError}).")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string activityType, string site, string connectorError);
}
