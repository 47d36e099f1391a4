using Microsoft.Extensions.Options;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>No chat yet (or it is gone): install the app for the user through Graph, then post into the app's chat.</summary>
public sealed class InstalledChatChannel(IConnectorClient connector, ITeamsGraph graph, NotificationRateLimits limits, IOptions<NotificationOptions> options) : IDeliveryChannel
{
    private readonly NotificationOptions _options = options.Value;

    public string Name => DeliveryChannels.InstalledChat;

    public async Task<DeliveryAttempt> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = request.Message.RecipientId!;
        if (string.IsNullOrWhiteSpace(_options.TeamsAppCatalogId))
        {
            return DeliveryAttempt.Failure(Name, "NoCatalogAppId", transient: false);
        }

        string chatId;
        try
        {
            await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            var installationId = await graph.InstallAppForUserAsync(userId, _options.TeamsAppCatalogId, cancellationToken).ConfigureAwait(false);
            try
            {
                await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
                chatId = await graph.GetInstalledAppChatIdAsync(userId, installationId, cancellationToken).ConfigureAwait(false);
            }
            catch (TeamsGraphException ex) when (!ex.IsTransient)
            {
                // The installed app's chat is not readable: open the 1:1 chat through the connector with the Entra id.
                var created = await CreateChatAsync(userId, cancellationToken).ConfigureAwait(false);
                if (!created.Delivered)
                {
                    return created;
                }

                chatId = created.ConversationId!;
            }
        }
        catch (TeamsGraphException ex)
        {
            return DeliveryAttempt.From(Name, ex);
        }

        await limits.WaitAsync(chatId, cancellationToken).ConfigureAwait(false);
        var result = await connector.SendToConversationAsync(_options.DefaultServiceUrl, chatId, request.Activity, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? DeliveryAttempt.Sent(Name, _options.DefaultServiceUrl, chatId, result.Value?.Id)
            : DeliveryAttempt.From(Name, result.Error!);
    }

    private async Task<DeliveryAttempt> CreateChatAsync(string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.BotId) || string.IsNullOrWhiteSpace(_options.TenantId))
        {
            return DeliveryAttempt.Failure(Name, "NoBotIdOrTenant", transient: false);
        }

        await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
        var result = await connector.CreatePersonalConversationAsync(
            _options.DefaultServiceUrl, new ChannelAccount { Id = _options.BotId, Name = _options.BotName }, userId, _options.TenantId, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess && result.Value?.Id is { Length: > 0 } id
            ? DeliveryAttempt.Sent(Name, _options.DefaultServiceUrl, id, null)
            : DeliveryAttempt.From(Name, result.Error ?? new ConnectorError(ConnectorErrorKind.Other, 200, null, null));
    }
}
