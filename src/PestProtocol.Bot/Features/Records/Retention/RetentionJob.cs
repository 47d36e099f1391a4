using Microsoft.Extensions.Options;

namespace PestProtocol.Bot.Features.Records.Retention;

/// <summary>Runs <see cref="RetentionPurge"/> every few minutes; the lease lets one instance purge once per interval. Logs counts only.</summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Check often, purge once per interval: an instance that restarts does not push the purge back.
        var poll = TimeSpan.FromTicks(Math.Min(options.Value.PurgeInterval.Ticks, TimeSpan.FromMinutes(10).Ticks));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(poll, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention purge failed: {ExceptionType}. It is tried again at the next check.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
