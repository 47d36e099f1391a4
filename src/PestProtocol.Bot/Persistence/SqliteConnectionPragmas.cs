using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// Per-connection SQLite settings (<c>busy_timeout</c>, <c>synchronous</c>, <c>secure_delete</c>), run once per native
/// connection instead of on every open of a pooled one. SQLite keeps them for the life of the native connection, and
/// Microsoft.Data.Sqlite hands the same native connection out again from its pool, so a second run changes nothing.
/// </summary>
/// <remarks>
/// What was last run on a native connection is remembered by that connection's handle, for every caller alike (the case
/// database's <see cref="SqliteBusyTimeoutInterceptor"/> with <c>synchronous = FULL</c>, the bot-state store with
/// <c>NORMAL</c>): when both open the same file with the same connection string they share a pool, and a connection
/// last set up by the other caller is set up again. So each caller always gets its own settings.
/// </remarks>
internal static class SqliteConnectionPragmas
{
    private static readonly ConditionalWeakTable<object, string> Applied = [];

    /// <summary>Runs <paramref name="pragmas"/> on the open <paramref name="connection"/> unless they were the last ones run on it.</summary>
    public static async ValueTask ApplyAsync(DbConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (IsApplied(handle, pragmas))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Remember(handle, pragmas);
    }

    /// <inheritdoc cref="ApplyAsync"/>
    public static void Apply(DbConnection connection, string pragmas)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (IsApplied(handle, pragmas))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
        }

        Remember(handle, pragmas);
    }

    private static bool IsApplied(object? handle, string pragmas) =>
        handle is not null && Applied.TryGetValue(handle, out var last) && string.Equals(last, pragmas, StringComparison.Ordinal);

    private static void Remember(object? handle, string pragmas)
    {
        if (handle is not null)
        {
            Applied.AddOrUpdate(handle, pragmas);
        }
    }
}
