using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.State;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Features.Records.Retention;

/// <summary>What one purge removed (counts only: this is what is logged).</summary>
public sealed record PurgeReport(bool Ran, int ClosedCases, int AnonymousReports, int DeliveryLogs, int ConversationStates, int AccessLogLines)
{
    public static readonly PurgeReport NotThisInstance = new(false, 0, 0, 0, 0, 0);

    public int Total => ClosedCases + AnonymousReports + DeliveryLogs + ConversationStates + AccessLogLines;
}

/// <summary>
/// Removes every record older than its retention term (<see cref="RetentionOptions"/>), for real: on SQLite with
/// <c>secure_delete</c> (deleted content is overwritten), then <c>VACUUM</c> (the file is rebuilt without free pages)
/// and a WAL checkpoint that truncates the write-ahead log; on PostgreSQL with <c>VACUUM FULL</c> of the tables it
/// deleted from (rewritten without the dead rows). Runs once per <see cref="RetentionOptions.PurgeInterval"/> across
/// all instances (<see cref="JobLease"/>). Scoped.
/// </summary>
public sealed partial class RetentionPurge(PestProtocolDbContext db, IStorage storage, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionPurge> logger)
{
    public const string JobName = "retention-purge";

    private static readonly string[] PostgresTables =
    [
        "cases", "dossier_entries", "case_members", "alert_cards", "notification_deliveries", "outbox_messages",
        "anonymous_report_messages", "anonymous_reports", "dossier_access_log", "bot_state",
    ];

    /// <summary>Claims this period's run and purges; <see cref="PurgeReport.NotThisInstance"/> when another instance has it.</summary>
    public async Task<PurgeReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        if (!await new JobLease(db).TryClaimAsync(JobName, now, o.PurgeInterval, cancellationToken).ConfigureAwait(false))
        {
            return PurgeReport.NotThisInstance;
        }

        var report = await PurgeAsync(now, cancellationToken).ConfigureAwait(false);
        LogPurged(logger, report.ClosedCases, report.AnonymousReports, report.DeliveryLogs, report.ConversationStates, report.AccessLogLines);
        return report;
    }

    private async Task<PurgeReport> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken).ConfigureAwait(false);
            }

            var closedCases = await PurgeClosedCasesAsync(now - o.ClosedCases, cancellationToken).ConfigureAwait(false);
            var anonymous = await PurgeAnonymousReportsAsync(now - o.AnonymousReports, cancellationToken).ConfigureAwait(false);
            var deliveries = await PurgeDeliveryLogsAsync(now - o.DeliveryLogs, cancellationToken).ConfigureAwait(false);
            var accessLog = await db.DossierAccessLog.Where(r => r.At < now - o.AccessLogs).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var states = storage is IStorageRetention retention
                ? await retention.DeleteWrittenBeforeAsync(now - o.ConversationState, _ => true, null, cancellationToken).ConfigureAwait(false)
                : 0;
            var report = new PurgeReport(true, closedCases, anonymous, deliveries, states, accessLog);
            if (report.Total > 0)
            {
                await LeaveNoTraceAsync(sqlite, cancellationToken).ConfigureAwait(false);
            }

            return report;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closed cases past their term, with everything about them: dossier, members, alert cards, deliveries, outbox rows.</summary>
    private async Task<int> PurgeClosedCasesAsync(DateTimeOffset closedBefore, CancellationToken cancellationToken)
    {
        var ids = await db.Cases.AsNoTracking()
            .Where(c => c.CurrentStep == ProtocolStep.Closed && c.LastActivityAt < closedBefore)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            await CaseErasure.DeleteCaseAsync(db, id, cancellationToken).ConfigureAwait(false);
        }

        return ids.Count;
    }

    /// <summary>Anonymous reports whose last word (the report or its newest message) is older than the term.</summary>
    private async Task<int> PurgeAnonymousReportsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var reports = db.Set<Features.AnonymousReports.AnonymousReportRecord>();
        var messages = db.Set<Features.AnonymousReports.AnonymousReportMessageRecord>();
        var ids = await reports.AsNoTracking()
            .Where(r => r.ReceivedAt < before && !messages.Any(m => m.ReportId == r.Id && m.WrittenAt >= before))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            await messages.Where(m => m.ReportId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await reports.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return ids.Count;
    }

    /// <summary>Delivery attempts and finished (sent or failed) outbox messages older than the term.</summary>
    private async Task<int> PurgeDeliveryLogsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deliveries = await db.NotificationDeliveries.Where(d => d.AttemptedAt < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var outbox = await db.OutboxMessages
            .Where(m => (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed) && m.CreatedAt < before)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deliveries + outbox;
    }

    /// <summary>Makes the deletes final in the files: no free page, no WAL frame, no dead tuple still holds the data.</summary>
    private async Task LeaveNoTraceAsync(bool sqlite, CancellationToken cancellationToken)
    {
        if (sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var table in PostgresTables)
        {
            // VACUUM cannot run in a transaction; each statement here is its own. A table that does not exist (bot state kept elsewhere) is skipped.
            var exists = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_class WHERE relname = {table} AND relkind = 'r'").SingleAsync(cancellationToken).ConfigureAwait(false);
            if (exists > 0)
            {
                // The table name comes from the constant list above, never from input.
#pragma warning disable EF1003 // The table name is one of the constants above; VACUUM takes no parameters.
                await db.Database.ExecuteSqlRawAsync("VACUUM FULL " + table + ";", cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1003
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {ClosedCases} closed case(s), {AnonymousReports} anonymous report(s), {DeliveryLogs} delivery log row(s), {States} conversation state(s), {AccessLog} access-log line(s) removed.")]
    private static partial void LogPurged(ILogger logger, int closedCases, int anonymousReports, int deliveryLogs, int states, int accessLog);
}
