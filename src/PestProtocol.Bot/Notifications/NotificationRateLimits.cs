using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Teams' limits as token buckets: at most <see cref="NotificationOptions.PerConversationPerSecond"/> sends per
/// conversation and <see cref="NotificationOptions.GlobalPerSecond"/> requests for the whole app, per second.
/// Callers wait for a token; nothing is refused.
/// </summary>
public sealed class NotificationRateLimits : IDisposable
{
    private readonly TokenBucketRateLimiter _global;
    private readonly PartitionedRateLimiter<string> _perConversation;

    public NotificationRateLimits(IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _global = new TokenBucketRateLimiter(Bucket(o.GlobalPerSecond));
        _perConversation = PartitionedRateLimiter.Create<string, string>(
            conversation => RateLimitPartition.GetTokenBucketLimiter(conversation, _ => Bucket(o.PerConversationPerSecond)));
    }

    /// <summary>Waits for a global token and, for a send into a conversation, a token of that conversation.</summary>
    public async Task WaitAsync(string? conversationId, CancellationToken cancellationToken)
    {
        using (await _global.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
        {
        }

        if (conversationId is not null)
        {
            using (await _perConversation.AcquireAsync(conversationId, 1, cancellationToken).ConfigureAwait(false))
            {
            }
        }
    }

    public void Dispose()
    {
        _global.Dispose();
        _perConversation.Dispose();
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = Math.Max(1, perSecond),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
