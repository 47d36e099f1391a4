using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// Sets SQLite's <c>busy_timeout</c> on every case-database connection EF Core opens, like the bot-state
/// store does. Without it a statement that meets the writer lock gets SQLITE_BUSY and Microsoft.Data.Sqlite
/// retries it after a fixed 150 ms sleep on the calling thread; with it SQLite itself waits with short
/// back-off steps and the statement runs as soon as the lock is free. It also sets <see cref="Durability"/>.
/// </summary>
public sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    /// <summary>
    /// The case database's durability: the file is in WAL mode and every commit on these connections syncs the WAL
    /// (<c>synchronous = FULL</c>), so a committed step, with the conversation state written in the same transaction,
    /// survives a process kill and a power cut. <c>secure_delete</c>: a deleted row is overwritten, not left in free pages.
    /// </summary>
    public const string Durability = "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;";

    private readonly string _pragma;

    public SqliteBusyTimeoutInterceptor(TimeSpan busyTimeout)
    {
        _pragma = "PRAGMA busy_timeout = " + ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "; " + Durability;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteConnectionPragmas.Apply(connection, _pragma);
    }

    /// <summary>Sets them once per native connection: a pooled connection opened again keeps them (<see cref="SqliteConnectionPragmas"/>).</summary>
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await SqliteConnectionPragmas.ApplyAsync(connection, _pragma, cancellationToken).ConfigureAwait(false);
    }
}
