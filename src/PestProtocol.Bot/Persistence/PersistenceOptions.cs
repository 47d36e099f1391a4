namespace PestProtocol.Bot.Persistence;

/// <summary>
/// Where cases are stored. <c>Storage:Provider</c> picks the provider (<c>Sqlite</c>, the default; <c>PostgreSql</c>;
/// <c>Memory</c> for tests); the connection string is <c>ConnectionStrings:PestProtocol</c> (the same SQLite file as bot state).
/// </summary>
public sealed class PersistenceOptions
{
    /// <summary>Used for SQLite when no connection string is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/pestprotocol.db";

    /// <summary><see cref="PersistenceProviders.Sqlite"/>, <see cref="PersistenceProviders.PostgreSql"/> or <see cref="PersistenceProviders.Memory"/>.</summary>
    public string Provider { get; set; } = PersistenceProviders.Sqlite;

    /// <summary>ADO.NET connection string for the provider.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The values of <see cref="PersistenceOptions.Provider"/> (case-insensitive).</summary>
public static class PersistenceProviders
{
    /// <summary>A SQLite file (embedded default).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>PostgreSQL (production).</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary>A shared-cache in-memory SQLite database, kept while the application runs (tests).</summary>
    public const string Memory = "Memory";
}
