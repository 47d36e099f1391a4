using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Features.AnonymousReports.Logging;

/// <summary>
/// The outermost step of a turn: tells <see cref="TurnIdentifiers"/> which values identify the sender of this turn, so
/// nothing logged during the turn (by any component) carries them. Reads the activity's addressing only for that.
/// </summary>
public sealed class TurnIdentifiersMiddleware(TurnIdentifiers identifiers) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        using (identifiers.Push(
        [
            activity.From?.Id, activity.From?.AadObjectId, activity.From?.Name,
            activity.Conversation?.Id, activity.Conversation?.TenantId, TenantOf(activity),
        ]))
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? TenantOf(Activity activity) =>
        activity.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == System.Text.Json.JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
            ? id.GetString()
            : null;
}
