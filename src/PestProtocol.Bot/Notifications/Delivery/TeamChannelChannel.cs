using Microsoft.Extensions.Options;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Connector;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>A new thread in a location's coordinators' channel (the channel card names no student).</summary>
public sealed class TeamChannelChannel(IConnectorClient connector, NotificationRateLimits limits, IOptions<NotificationOptions> options) : IDeliveryChannel
{
    public string Name => DeliveryChannels.TeamsChannel;

    public async Task<DeliveryAttempt> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Channel is not { } channel)
        {
            return DeliveryAttempt.Failure(Name, "NoChannel", transient: false);
        }

        var bot = string.IsNullOrWhiteSpace(options.Value.BotId) ? null : new ChannelAccount { Id = options.Value.BotId, Name = options.Value.BotName };
        await limits.WaitAsync(channel.ChannelId, cancellationToken).ConfigureAwait(false);
        var result = await connector.CreateChannelThreadAsync(channel.ServiceUrl, bot, channel.TeamId, channel.ChannelId, channel.TenantId ?? string.Empty, request.Activity, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return DeliveryAttempt.From(Name, result.Error!);
        }

        // The thread's conversation id (19:…;messageid=…) and the posted message's id, to update the copy in place.
        var thread = result.Value!;
        return thread.Id is { Length: > 0 } id
            ? DeliveryAttempt.Sent(Name, channel.ServiceUrl, id, thread.ActivityId ?? MessageIdOf(id))
            : DeliveryAttempt.Failure(Name, "NoConversationId", transient: false);
    }

    /// <summary>The root message id in a channel thread id <c>19:…@thread.tacv2;messageid=1712…</c>.</summary>
    private static string? MessageIdOf(string threadId)
    {
        const string marker = ";messageid=";
        var at = threadId.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : threadId[(at + marker.Length)..];
    }
}
