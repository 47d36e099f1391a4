using Microsoft.Extensions.Options;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>The recipient's Teams activity feed (Graph): a notice without personal data that opens the app.</summary>
public sealed class ActivityFeedChannel(ITeamsGraph graph, NotificationRateLimits limits, IOptions<NotificationOptions> options) : IDeliveryChannel
{
    public string Name => DeliveryChannels.ActivityFeed;

    public async Task<DeliveryAttempt> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await limits.WaitAsync(null, cancellationToken).ConfigureAwait(false);
            await graph.SendActivityNotificationAsync(request.Message.RecipientId!, DeliveryTexts.FeedNotice(request.Message, options.Value.TeamsAppLink), cancellationToken).ConfigureAwait(false);
            return DeliveryAttempt.Sent(Name, null, null, null);
        }
        catch (TeamsGraphException ex)
        {
            return DeliveryAttempt.From(Name, ex);
        }
    }
}
