namespace PestProtocol.Bot.Storage;

/// <summary>Where bot state (dialog stacks, conversation and user state) is kept. Configuration section <c>Storage</c>; the connection string defaults to <c>ConnectionStrings:PestProtocol</c>.</summary>
public sealed class StateStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default), <c>PostgreSql</c> (production) or <c>Memory</c> (tests, lost on restart).</summary>
    public string Provider { get; set; } = StateStorageProviders.Sqlite;

    /// <summary>ADO.NET connection string. SQLite default: <c>Data Source=./data/pestprotocol.db</c>; PostgreSQL has no default (an Npgsql connection string is required).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite write waits for another writer's lock before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The values of <see cref="StateStorageOptions.Provider"/>.</summary>
public static class StateStorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string Memory = "Memory";
    public const string PostgreSql = "PostgreSql";
}
