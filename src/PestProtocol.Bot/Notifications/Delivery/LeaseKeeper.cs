namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>
/// Keeps the lease of one batch while the dispatcher delivers it: every third of <see cref="NotificationOptions.LeaseDuration"/>
/// it renews the lease of the messages still being sent (<see cref="OutboxLease.RenewAsync"/>). A send that takes longer
/// than the lease (a 429 storm waited out, a Graph install, a slow POST) therefore stays this instance's: another instance
/// cannot take it over and send it a second time. When renewing fails (the database is gone) or the messages were taken
/// over, <see cref="StillHeld"/> turns false before the lease can run out, and the dispatcher starts no further send of the
/// batch; the rest is taken again once the lease has run out, by this instance or another.
/// </summary>
public sealed partial class LeaseKeeper : IAsyncDisposable
{
    private readonly OutboxLease _lease;
    private readonly string _token;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _heldUntilTicks;

    public LeaseKeeper(OutboxLease lease, LeasedBatch batch, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(batch);
        (_lease, _token, _duration, _time, _logger) = (lease, batch.Token, duration, time, logger);
        Volatile.Write(ref _heldUntilTicks, (batch.Until == default ? time.GetUtcNow() + duration : batch.Until).UtcTicks);
        _loop = string.IsNullOrEmpty(batch.Token) ? Task.CompletedTask : RenewLoopAsync();
    }

    /// <summary>
    /// True while the batch's lease has more than a quarter of its duration left: enough for a send to finish and be
    /// recorded before another instance could take the message over.
    /// </summary>
    public bool StillHeld => _time.GetUtcNow().UtcTicks < Volatile.Read(ref _heldUntilTicks) - (_duration / 4).Ticks;

    private async Task RenewLoopAsync()
    {
        var interval = _duration / 3;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stop.Token).ConfigureAwait(false);
                var until = await _lease.RenewAsync(_token, _stop.Token).ConfigureAwait(false);
                if (until is null)
                {
                    // Nothing of the batch is in flight any more: everything is recorded, or it was taken over.
                    Volatile.Write(ref _heldUntilTicks, DateTimeOffset.MinValue.UtcTicks);
                    return;
                }

                Volatile.Write(ref _heldUntilTicks, until.Value.UtcTicks);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The lease keeps its old end; StillHeld turns false before it runs out if renewing keeps failing.
                LogRenewFailed(_logger, ex.GetType().Name);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the outbox lease failed: {ExceptionType}.")]
    private static partial void LogRenewFailed(ILogger logger, string exceptionType);
}
