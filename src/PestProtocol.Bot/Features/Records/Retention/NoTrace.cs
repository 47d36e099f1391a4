using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;

namespace PestProtocol.Bot.Features.Records.Retention;

/// <summary>
/// Makes deletes final in the database files, for the retention purge and a data subject's erasure: on SQLite
/// <c>secure_delete</c> before deleting, then <c>VACUUM</c> (the file is rebuilt without free pages) and a WAL checkpoint
/// that truncates the write-ahead log; on PostgreSQL <c>VACUUM FULL</c> of the tables that hold personal data (rewritten
/// without the dead rows). Call <see cref="BeginAsync"/> before deleting (it opens the connection) and
/// <see cref="FinishAsync"/> after; neither may run inside a transaction.
/// </summary>
public static class NoTrace
{
    /// <summary>The tables VACUUM FULL rewrites on PostgreSQL (constants, never input).</summary>
    public static readonly IReadOnlyList<string> PostgresTables =
    [
        "cases", "dossier_entries", "case_members", "alert_cards", "notification_deliveries", "outbox_messages",
        "anonymous_report_messages", "anonymous_reports", "dossier_access_log", "bot_state", "follow_up_jobs", "conversation_references",
    ];

    /// <summary>Opens the context's connection (kept for <see cref="FinishAsync"/>) and, on SQLite, turns on <c>secure_delete</c>.</summary>
    public static async Task BeginAsync(PestProtocolDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No free page, no WAL frame, no dead tuple still holds what was deleted. Leaves the connection open (close it after).</summary>
    public static async Task FinishAsync(PestProtocolDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
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
#pragma warning disable EF1003 // The table name is one of the constants above; VACUUM takes no parameters.
                await db.Database.ExecuteSqlRawAsync("VACUUM FULL " + table + ";", cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1003
            }
        }
    }
}
