using Microsoft.Extensions.Options;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>The recipient's stored personal chat with the bot.</summary>
public sealed class PersonalChatChannel(IConnectorClient connector, NotificationRateLimits limits) : IDeliveryChannel
{
    public string Name => DeliveryChannels.Chat;

    public async Task<DeliveryAttempt> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Reference?.Conversation?.Id is not { Length: > 0 } conversationId || request.Reference.ServiceUrl is not { Length: > 0 } serviceUrl)
        {
            return DeliveryAttempt.Failure(Name, "NoChat", transient: false);
        }

        await limits.WaitAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var result = await connector.SendToConversationAsync(serviceUrl, conversationId, request.Activity, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? DeliveryAttempt.Sent(Name, serviceUrl, conversationId, result.Value?.Id)
            : DeliveryAttempt.From(Name, result.Error!);
    }
}
