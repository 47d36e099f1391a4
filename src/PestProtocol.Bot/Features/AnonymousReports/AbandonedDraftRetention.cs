using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Deletes the conversation-state documents of anonymous reports that were started and never finished: every
/// <see cref="AnonymousReportOptions.DraftSweepInterval"/>, each document whose dialog stack still holds the anonymous
/// flow and that nobody wrote for longer than <see cref="AnonymousReportOptions.DraftRetention"/> is removed whole (the
/// front door keeps nothing else in a student's conversation document). A finished or stopped report already removed
/// its document; documents without the anonymous flow (staff dialogs) are not this job's business and are never touched.
/// Logs only counts.
/// </summary>
public sealed partial class AbandonedDraftRetention(IStorage storage, IOptions<AnonymousReportOptions> options, TimeProvider time, ILogger<AbandonedDraftRetention> logger)
    : BackgroundService
{
    /// <summary>One sweep; returns the number of drafts deleted (0 when the store cannot sweep).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (storage is not IStorageRetention retention)
        {
            LogNotSupported(logger);
            return 0;
        }

        var cutoff = time.GetUtcNow() - options.Value.DraftRetention;
        var deleted = await retention.DeleteWrittenBeforeAsync(cutoff, AnonymousFlowState.IsWaitingIn, AnonymousFlowState.Marker, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.DraftSweepInterval > TimeSpan.Zero ? options.Value.DraftSweepInterval : TimeSpan.FromMinutes(15);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned anonymous report draft(s).")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store cannot delete old documents: abandoned anonymous drafts are not swept.")]
    private static partial void LogNotSupported(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping abandoned anonymous drafts failed: {ExceptionType}.")]
    private static partial void LogSweepFailed(ILogger logger, string exceptionType);
}
