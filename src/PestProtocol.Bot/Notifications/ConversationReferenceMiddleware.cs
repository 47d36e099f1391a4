using System.Collections.Concurrent;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using IMiddleware = PestProtocol.BotFramework.Builder.IMiddleware;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Keeps the conversation reference of every STAFF member's personal chat, so alerts can reach them. Students are never
/// stored (anonymity). The reference is written only when it changed since this instance last saw it (the activity id,
/// which changes every turn, is left out), so a chat does not cost a database write per turn; in a turn it is written in
/// the turn's one transaction (<see cref="Storage.TurnUnitOfWork.Stage"/>), not in a write of its own. It also remembers the
/// connector address of every team the bot hears from (<c>channelData.team</c>, e.g. the conversationUpdate on install in
/// a team), so a coordinators' channel named in configuration can be reached. Teams ids only.
/// </summary>
public sealed partial class ConversationReferenceMiddleware(IServiceScopeFactory scopes, IDirectory directory, ILogger<ConversationReferenceMiddleware> logger) : IMiddleware
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _teamsSeen = new(StringComparer.Ordinal);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await RememberTeamAsync(turnContext.Activity, cancellationToken).ConfigureAwait(false);
            if (turnContext.TurnState.Get<Middleware.TurnServiceProvider>()?.Services is { } services
                && services.GetService<Storage.TurnUnitOfWork>() is { } unit)
            {
                await StageAsync(turnContext.Activity, services, unit, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RememberAsync(turnContext.Activity, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storing the reference must never break the user's turn.
            LogSaveFailed(logger, ex.GetType().Name);
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the activity's reference when it is a staff member's personal chat and it changed; true when stored.</summary>
    public async Task<bool> RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (await ChangedStaffReferenceAsync(activity, cancellationToken).ConfigureAwait(false) is not { } changed)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(changed.AadObjectId, changed.Reference, cancellationToken).ConfigureAwait(false);
        _seen[changed.AadObjectId] = changed.Json;
        return true;
    }

    /// <summary>
    /// In a turn: stages the changed reference in the turn's <see cref="Storage.TurnUnitOfWork"/>, so it is written in the
    /// turn's one transaction at its end (with the state and any case change) instead of in a write of its own before the
    /// turn; it counts as seen only once that transaction is committed. A turn that fails stores it on the next turn.
    /// </summary>
    private async Task StageAsync(Activity activity, IServiceProvider services, Storage.TurnUnitOfWork unit, CancellationToken cancellationToken)
    {
        if (await ChangedStaffReferenceAsync(activity, cancellationToken).ConfigureAwait(false) is not { } changed)
        {
            return;
        }

        unit.Stage(
            ct => services.GetRequiredService<IConversationReferenceStore>().SaveAsync(changed.AadObjectId, changed.Reference, ct),
            () => _seen[changed.AadObjectId] = changed.Json);
    }

    /// <summary>The activity's reference when it is a staff member's personal chat and differs from the one last stored; else null.</summary>
    private async Task<ChangedReference?> ChangedStaffReferenceAsync(Activity activity, CancellationToken cancellationToken)
    {
        var aadObjectId = activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(aadObjectId) || activity.Conversation?.Id is not { Length: > 0 }
            || string.IsNullOrWhiteSpace(activity.ServiceUrl)
            || activity.Conversation.IsGroup == true
            || (activity.Conversation.ConversationType is { } type && !string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // Someone never stored (a student, an unknown user): ask the directory first, and build no reference for a non-staff member.
        bool? staff = null;
        if (!_seen.ContainsKey(aadObjectId))
        {
            staff = await IsStaffAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
            if (staff == false)
            {
                return null;
            }
        }

        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        var json = BotJson.Serialize(reference);
        if (_seen.TryGetValue(aadObjectId, out var known) && known == json)
        {
            return null;
        }

        staff ??= await IsStaffAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return staff == true ? new ChangedReference(aadObjectId, reference, json) : null;
    }

    private async Task<bool> IsStaffAsync(string aadObjectId, CancellationToken cancellationToken) =>
        await directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false) is { IsStaff: true };

    private sealed record ChangedReference(string AadObjectId, ConversationReference Reference, string Json);

    /// <summary>Stores the team's connector address when the activity comes from a team and it changed; true when stored.</summary>
    public async Task<bool> RememberTeamAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelData = activity.GetTeamsChannelData();
        var teamId = channelData?.Team?.Id ?? channelData?.TeamsTeamId;
        if (string.IsNullOrWhiteSpace(teamId) || string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return false;
        }

        var tenantId = channelData?.Tenant?.Id;
        var known = activity.ServiceUrl + "|" + tenantId;
        if (_teamsSeen.TryGetValue(teamId, out var seen) && seen == known)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Features.CoordinatorsChannel.ICoordinatorsChannels>().RememberTeamAsync(teamId, activity.ServiceUrl, tenantId, cancellationToken).ConfigureAwait(false);
        _teamsSeen[teamId] = known;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing a conversation reference failed: {ExceptionType}.")]
    private static partial void LogSaveFailed(ILogger logger, string exceptionType);
}
