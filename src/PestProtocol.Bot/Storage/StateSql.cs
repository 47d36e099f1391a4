namespace PestProtocol.Bot.Storage;

/// <summary>
/// The SQL of the state table, written to run unchanged on SQLite (3.24+) and PostgreSQL:
/// <c>INSERT … ON CONFLICT</c>, <c>@name</c> parameters, TEXT columns. The ETag checks happen in the
/// statements themselves: zero affected rows means the precondition failed.
/// </summary>
internal static class StateSql
{
    public const string CreateTable =
        "CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, document TEXT NOT NULL, etag TEXT NOT NULL, updated_at TEXT NOT NULL)";

    /// <summary>ETag "*" or none: last writer wins.</summary>
    public const string Upsert =
        "INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @updated_at) " +
        "ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at";

    /// <summary>Create-only: no row when the key exists.</summary>
    public const string InsertNew =
        "INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @updated_at) ON CONFLICT (key) DO NOTHING";

    /// <summary>Replace only the version that was read: no row when it changed or was deleted.</summary>
    public const string UpdateIfMatch =
        "UPDATE bot_state SET document = @document, etag = @etag, updated_at = @updated_at WHERE key = @key AND etag = @expected_etag";

    public const string Probe = "SELECT 1 FROM bot_state LIMIT 1";

    /// <summary>
    /// One page of documents last written before <c>@before</c> whose text matches the LIKE <c>@pattern</c> (escape <c>\</c>),
    /// after the key <c>@after</c>, in key order. <c>updated_at</c> is ISO 8601 in UTC, so text order is time order.
    /// </summary>
    public const string SelectWrittenBefore =
        "SELECT key, document, etag FROM bot_state WHERE updated_at < @before AND key > @after AND document LIKE @pattern ESCAPE '\\' " +
        "ORDER BY key LIMIT " + RetentionPageSize;

    /// <summary>Rows per page of <see cref="SelectWrittenBefore"/>.</summary>
    public const string RetentionPageSize = "200";

    /// <summary>Deletes a document only if it is still the version that was examined.</summary>
    public const string DeleteIfMatch = "DELETE FROM bot_state WHERE key = @key AND etag = @etag";

    /// <summary>A LIKE pattern that finds <paramref name="text"/> anywhere (its own % _ \ escaped); "%" for none.</summary>
    public static string ContainsPattern(string? text) => string.IsNullOrEmpty(text)
        ? "%"
        : "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static readonly string[] SelectByCount = [.. Enumerable.Range(0, 5).Select(n => "SELECT key, document, etag FROM bot_state WHERE key IN (" + KeyList(n) + ")")];

    private static readonly string[] DeleteByCount = [.. Enumerable.Range(0, 5).Select(n => "DELETE FROM bot_state WHERE key IN (" + KeyList(n) + ")")];

    /// <summary>Reads <paramref name="count"/> keys bound as <c>@k0</c>, <c>@k1</c>, …</summary>
    public static string Select(int count) => count < SelectByCount.Length ? SelectByCount[count] : "SELECT key, document, etag FROM bot_state WHERE key IN (" + KeyList(count) + ")";

    /// <summary>Deletes <paramref name="count"/> keys bound as <c>@k0</c>, <c>@k1</c>, …</summary>
    public static string Delete(int count) => count < DeleteByCount.Length ? DeleteByCount[count] : "DELETE FROM bot_state WHERE key IN (" + KeyList(count) + ")";

    public static string KeyParameter(int index) => index switch
    {
        0 => "@k0",
        1 => "@k1",
        2 => "@k2",
        3 => "@k3",
        _ => "@k" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string KeyList(int count) => string.Join(", ", Enumerable.Range(0, count).Select(KeyParameter));
}
