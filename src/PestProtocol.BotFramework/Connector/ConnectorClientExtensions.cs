using System.Text.Json;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Connector;

/// <summary>Shortcuts over <see cref="IConnectorClient"/> for common Teams calls.</summary>
public static class ConnectorClientExtensions
{
    /// <summary>
    /// Opens (or finds) the 1:1 chat between the bot and a user: <c>POST /v3/conversations</c> with
    /// <c>{bot, members:[{id}], channelData:{tenant:{id}}, tenantId}</c>. The user id is the per-bot
    /// <c>29:…</c> id. Returns the conversation id to store and reuse.
    /// </summary>
    public static Task<ConnectorResult<ConversationResourceResponse>> CreatePersonalConversationAsync(
        this IConnectorClient client, string serviceUrl, ChannelAccount bot, string userId, string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);

        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = bot.Id, Name = bot.Name },
            Members = [new ChannelAccount { Id = userId }],
            TenantId = tenantId,
            ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = tenantId } }, BotJson.Options),
        };
        return client.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
    }

    /// <summary>
    /// Starts a new thread in a Teams channel: <c>POST /v3/conversations</c> with <c>{isGroup:true, bot, activity,
    /// channelData:{channel:{id}, team:{id}, tenant:{id}}, tenantId}</c>. The answer's <c>id</c> is the thread's
    /// conversation id (<c>19:…;messageid=…</c>) and <c>activityId</c> the posted message, to update it later.
    /// Without a <paramref name="bot"/> (no app id, e.g. a local emulator), team or tenant those fields are left out.
    /// </summary>
    public static Task<ConnectorResult<ConversationResourceResponse>> CreateChannelThreadAsync(
        this IConnectorClient client, string serviceUrl, ChannelAccount? bot, string teamId, string channelId, string tenantId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(channelId);

        var channelData = new Dictionary<string, object> { ["channel"] = new { id = channelId } };
        if (!string.IsNullOrEmpty(teamId))
        {
            channelData["team"] = new { id = teamId };
        }

        if (!string.IsNullOrEmpty(tenantId))
        {
            channelData["tenant"] = new { id = tenantId };
        }

        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = bot is null ? null : new ChannelAccount { Id = bot.Id, Name = bot.Name },
            TenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId,
            Activity = activity,
            ChannelData = JsonSerializer.SerializeToElement(channelData, BotJson.Options),
        };
        return client.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
    }

    /// <summary>The value, or a <see cref="ConnectorException"/> carrying the typed error (for use inside a turn).</summary>
    public static T EnsureSuccess<T>(this ConnectorResult<T> result) =>
        result.IsSuccess ? result.Value! : throw new ConnectorException(result.Error!);
}
