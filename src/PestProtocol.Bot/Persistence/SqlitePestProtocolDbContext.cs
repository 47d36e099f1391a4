using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PestProtocol.Bot.Persistence;

/// <summary>The database on SQLite (the embedded default); migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqlitePestProtocolDbContext : PestProtocolDbContext
{
    /// <summary>Creates the context.</summary>
    public SqlitePestProtocolDbContext(DbContextOptions<SqlitePestProtocolDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<StoredTimes.UtcTicksConverter>();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the app (no database is opened).</summary>
public sealed class SqlitePestProtocolDbContextFactory : IDesignTimeDbContextFactory<SqlitePestProtocolDbContext>
{
    /// <inheritdoc />
    public SqlitePestProtocolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePestProtocolDbContext>()
            .UseSqlite(PersistenceOptions.DefaultSqliteConnectionString)
            .Options);
}
