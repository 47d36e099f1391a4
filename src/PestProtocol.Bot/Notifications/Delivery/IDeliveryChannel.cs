using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>
/// One way an alert reaches its reader: the stored personal chat, the chat after installing the app, the activity feed,
/// mail, or a coordinators' team channel. A channel makes one try and says how it went; which channel is tried when, and
/// what a failure means, is the dispatcher's and the <see cref="DeliveryFailurePolicy"/>'s business.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>The channel's name in the delivery log (<see cref="DeliveryChannels"/>).</summary>
    string Name { get; }

    Task<DeliveryAttempt> SendAsync(DeliveryRequest request, CancellationToken cancellationToken);
}

/// <summary>What a channel needs to try: the message, the rendered card as an activity, and where it may go.</summary>
/// <param name="Message">The outbox message.</param>
/// <param name="Activity">The card as a message activity.</param>
/// <param name="Reference">The recipient's stored personal chat, if any.</param>
/// <param name="Channel">The coordinators' channel, for a <see cref="ChannelRecipient"/> message.</param>
/// <param name="Services">The delivery's service scope.</param>
public sealed record DeliveryRequest(OutboxMessage Message, Activity Activity, ConversationReference? Reference, CoordinatorsChannel? Channel, IServiceProvider Services);
