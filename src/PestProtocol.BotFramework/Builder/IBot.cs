namespace PestProtocol.BotFramework.Builder;

/// <summary>The application logic of a bot: it handles one turn.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>The next step of a turn pipeline.</summary>
public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>A step in the turn pipeline that runs before (and around) the bot.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken);
}

/// <summary>Runs a turn through the adapter's pipeline (used for proactive continuation).</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
