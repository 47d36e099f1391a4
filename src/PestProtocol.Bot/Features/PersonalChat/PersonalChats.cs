using System.Text.Json;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.PersonalChat;

/// <summary>Finds (or opens) the personal chat between the bot and the sender of a message written in a group chat or channel.</summary>
public interface IPersonalChats
{
    /// <summary>The sender's personal chat with the bot, or null when it cannot be reached.</summary>
    Task<ConversationReference?> FindOrOpenAsync(Activity sharedActivity, CancellationToken cancellationToken);
}

/// <summary>
/// A staff member's stored conversation reference first (it is kept for alerts); otherwise the 1:1 chat is opened with
/// the connector's create-conversation from the sender's Teams id and tenant. Nothing is stored for it: a student's
/// personal chat is never written down (anonymity).
/// </summary>
public sealed partial class PersonalChats(IServiceScopeFactory scopes, IConnectorClient connector, ILogger<PersonalChats> logger) : IPersonalChats
{
    public async Task<ConversationReference?> FindOrOpenAsync(Activity sharedActivity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sharedActivity);
        var from = sharedActivity.From;
        if (from is null || string.IsNullOrWhiteSpace(from.Id))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(from.AadObjectId))
        {
            await using var scope = scopes.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().FindAsync(from.AadObjectId, cancellationToken).ConfigureAwait(false);
            if (stored?.Conversation?.Id is { Length: > 0 })
            {
                return stored;
            }
        }

        var tenantId = TenantOf(sharedActivity);
        if (string.IsNullOrWhiteSpace(sharedActivity.ServiceUrl) || string.IsNullOrWhiteSpace(tenantId) || sharedActivity.Recipient is not { } bot)
        {
            return null;
        }

        try
        {
            var opened = await connector.CreatePersonalConversationAsync(sharedActivity.ServiceUrl, bot, from.Id, tenantId, cancellationToken).ConfigureAwait(false);
            if (!opened.IsSuccess || opened.Value?.Id is not { Length: > 0 } conversationId)
            {
                LogNotOpened(logger, opened.Error?.Kind.ToString() ?? "NoId");
                return null;
            }

            return new ConversationReference
            {
                ChannelId = sharedActivity.ChannelId,
                ServiceUrl = sharedActivity.ServiceUrl,
                Bot = bot,
                User = new ChannelAccount { Id = from.Id, Name = from.Name, AadObjectId = from.AadObjectId },
                Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = tenantId },
                Locale = sharedActivity.Locale,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ConnectorException)
        {
            LogNotOpened(logger, ex.GetType().Name);
            return null;
        }
    }

    private static string? TenantOf(Activity activity)
    {
        if (activity.Conversation?.TenantId is { Length: > 0 } tenant)
        {
            return tenant;
        }

        try
        {
            return activity.GetTeamsChannelData()?.Tenant?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the personal chat for a message from a shared conversation ({Reason}).")]
    private static partial void LogNotOpened(ILogger logger, string reason);
}
