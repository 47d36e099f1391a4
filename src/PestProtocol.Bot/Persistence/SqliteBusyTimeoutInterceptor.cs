using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// Sets SQLite's <c>busy_timeout</c> on every case-database connection EF Core opens, like the bot-state
/// store does. Without it a statement that meets the writer lock gets SQLITE_BUSY and Microsoft.Data.Sqlite
/// retries it after a fixed 150 ms sleep on the calling thread; with it SQLite itself waits with short
/// back-off steps and the statement runs as soon as the lock is free. Durability settings are unchanged.
/// </summary>
public sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private readonly string _pragma;

    public SqliteBusyTimeoutInterceptor(TimeSpan busyTimeout)
    {
        _pragma = "PRAGMA busy_timeout = " + ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
