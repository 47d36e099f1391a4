using System.Net;
using Microsoft.Extensions.Logging;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// The connector client's retries and timeouts, written out (it was a Polly pipeline of three strategies, about a tenth
/// of a help turn's CPU; this does the same with one timer per attempt). Outermost first:
/// <list type="bullet">
/// <item>the whole call, retries and waits included, gets <see cref="ConnectorResilienceOptions.TotalTimeout"/>;</item>
/// <item>up to <see cref="ConnectorResilienceOptions.MaxRetryAttempts"/> retries of what <see cref="IsRetryable(HttpResponseMessage, TimeSpan)"/>
/// and <see cref="IsRetryable(Exception, HttpMethod?)"/> allow, waiting what <c>Retry-After</c> asks, otherwise an
/// exponential backoff from <see cref="ConnectorResilienceOptions.BaseDelay"/> (with jitter), at most
/// <see cref="ConnectorResilienceOptions.MaxDelay"/>;</item>
/// <item>each attempt gets <see cref="ConnectorResilienceOptions.AttemptTimeout"/>.</item>
/// </list>
/// A timeout ends as <see cref="ConnectorTimeoutException"/>; the caller's own cancellation as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed partial class ConnectorRetryHandler(ConnectorResilienceOptions options, ILogger logger, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var remaining = options.TotalTimeout - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new ConnectorTimeoutException();
            }

            // One timer for the attempt: its own limit or what is left of the whole call, whichever comes first.
            var totalEndsFirst = remaining < options.AttemptTimeout;
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(totalEndsFirst ? remaining : options.AttemptTimeout);
                try
                {
                    response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                {
                    if (totalEndsFirst)
                    {
                        throw new ConnectorTimeoutException();
                    }

                    failure = new ConnectorTimeoutException();
                }
                catch (HttpRequestException exception)
                {
                    failure = exception;
                }
            }

            var retry = attempt < options.MaxRetryAttempts
                && (response is not null ? IsRetryable(response, options.MaxRetryAfter) : IsRetryable(failure!, request.Method));
            if (!retry)
            {
                if (response is not null)
                {
                    return response;
                }

                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure!);
            }

            var delay = (response is null ? null : ConnectorErrorReader.ReadRetryAfter(response.Headers, timeProvider)) ?? Backoff(attempt);
            var outcome = response is not null
                ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : failure!.GetType().Name;
            response?.Dispose();
            LogRetry(logger, attempt + 1, outcome, delay);

            var left = options.TotalTimeout - timeProvider.GetElapsedTime(started);
            if (delay >= left)
            {
                // The wait would outlast the whole call: it times out where it would have, without sending again.
                await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, timeProvider, cancellationToken).ConfigureAwait(false);
                throw new ConnectorTimeoutException();
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Exponential from the base delay (1×, 2×, 4×, …), with jitter of ±25 %, never above the maximum.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ticks = options.BaseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        if (options.UseJitter)
        {
            ticks *= 0.75 + (Random.Shared.NextDouble() * 0.5);
        }

        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Retried answers: 429, 412, 502, 503, 504 (the connector says it did not process the request), unless its
    /// <c>Retry-After</c> is longer than <paramref name="maxRetryAfter"/> (that is left to the caller).
    /// </summary>
    internal static bool IsRetryable(HttpResponseMessage response, TimeSpan maxRetryAfter)
    {
        var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
        if (!retryable)
        {
            return false;
        }

        var retryAfter = ConnectorErrorReader.ReadRetryAfter(response.Headers, TimeProvider.System);
        return retryAfter is null || retryAfter <= maxRetryAfter;
    }

    /// <summary>
    /// Retried failures: connections that could not be made, and, for idempotent requests only (PUT, GET, DELETE),
    /// attempt timeouts and connections that broke after the request went out. A POST that timed out or broke after it
    /// was sent may have been processed: sending it again could show the message twice.
    /// </summary>
    internal static bool IsRetryable(Exception exception, HttpMethod? method) => exception switch
    {
        HttpRequestException connection when RequestSafety.WasNotSent(connection) => true,
        HttpRequestException or ConnectorTimeoutException => RequestSafety.IsIdempotent(method),
        _ => false,
    };

    // Status or exception type and the delay only: the request URI holds conversation ids.
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connector retry {RetryNumber} after {Outcome}, waiting {RetryDelay}")]
    private static partial void LogRetry(ILogger logger, int retryNumber, string? outcome, TimeSpan retryDelay);
}

/// <summary>A connector attempt or the whole call (retries included) ran out of time.</summary>
internal sealed class ConnectorTimeoutException() : TimeoutException("The connector did not answer in time.");
