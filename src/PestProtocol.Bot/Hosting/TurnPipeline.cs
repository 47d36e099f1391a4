using Microsoft.Extensions.DependencyInjection.Extensions;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Features.AnonymousReports.Logging;
using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Telemetry;
using PestProtocol.BotFramework.State;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Hosting;

/// <summary>
/// The one place that composes the middleware of every turn, in the order it runs (outermost first). Features register
/// their middleware as a plain singleton of its own type; only this list puts it in the chain. A middleware registered
/// as <see cref="IMiddleware"/> anywhere else stops the bot at start (<see cref="CheckComposition"/>), so the order can
/// never again be decided by which file happened to register first.
/// </summary>
public static class TurnPipeline
{
    /// <summary>The chain, outermost first, and why each one sits where it does.</summary>
    public static IReadOnlyList<Type> Order { get; } =
    [
        // Tells the redacting logger which ids are this turn's sender, before anything below can log them.
        typeof(TurnIdentifiersMiddleware),

        // A failure below becomes a kind Dutch message, logged without personal data; two failed turns in a row start
        // the conversation afresh so it cannot loop.
        typeof(TurnErrorMiddleware),

        // One span and the turn metrics (no personal data); sees failures as the error middleware turns them into replies.
        typeof(TurnTelemetryMiddleware),

        // A dependency-injection scope per turn (one database context), also for proactive turns.
        typeof(TurnServicesMiddleware),

        // One turn at a time per conversation in this instance (across instances the state's ETag decides).
        typeof(ConversationTurnGate),

        // Loads conversation and user state; at the end of a turn that did not fail, writes them together with the turn's
        // case change (TurnUnitOfWork) in one transaction, and only then lets the held replies go out.
        typeof(AutoSaveTurnMiddleware),

        // Remembers a staff member's chat, so alerts can reach them (inside the scope, after the gate).
        typeof(ConversationReferenceMiddleware),

        // A card of an anonymous draft that was swept gets a kind word instead of "finished conversation" (needs the state).
        typeof(AbandonedDraftNotice),

        // Local development with Development:StudentChats only: a student's chat kept in memory so the Agents Playground shows
        // what the outbox sends to students (replynotice branch). Otherwise it only passes the turn on.
        typeof(DevelopmentStudentChats),
    ];

    /// <summary>Puts <see cref="Order"/> in the chain: one <see cref="IMiddleware"/> registration per entry, resolved as its own type.</summary>
    public static IServiceCollection AddTurnPipeline(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TurnErrorMiddleware>();
        services.TryAddSingleton<TurnServicesMiddleware>();
        foreach (var type in Order)
        {
            services.AddSingleton<IMiddleware>(sp => (IMiddleware)sp.GetRequiredService(type));
        }

        return services;
    }

    /// <summary>Refuses a chain that is not exactly <see cref="Order"/> (a middleware registered elsewhere, or one missing).</summary>
    public static void CheckComposition(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var actual = services.GetServices<IMiddleware>().Select(m => m.GetType()).ToList();
        if (actual.SequenceEqual(Order))
        {
            return;
        }

        var extra = actual.Except(Order).Select(t => $"Turn pipeline: {t.Name} is registered as IMiddleware outside Hosting/TurnPipeline; register it as itself and add it to TurnPipeline.Order where it must run.");
        var missing = Order.Except(actual).Select(t => $"Turn pipeline: {t.Name} is in TurnPipeline.Order but not in the chain.");
        var problems = extra.Concat(missing).ToList();
        throw new BotConfigurationException(problems.Count > 0
            ? problems
            : [$"Turn pipeline: the chain is {string.Join(" → ", actual.Select(t => t.Name))}, not TurnPipeline.Order."]);
    }
}
