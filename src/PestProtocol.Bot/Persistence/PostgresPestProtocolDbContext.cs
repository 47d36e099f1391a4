using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PestProtocol.Bot.Persistence;

/// <summary>The database on PostgreSQL (production); migrations in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresPestProtocolDbContext : PestProtocolDbContext
{
    /// <summary>Creates the context.</summary>
    public PostgresPestProtocolDbContext(DbContextOptions<PostgresPestProtocolDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<StoredTimes.UtcInstantConverter>();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without starting the app (no server is contacted).</summary>
public sealed class PostgresPestProtocolDbContextFactory : IDesignTimeDbContextFactory<PostgresPestProtocolDbContext>
{
    /// <inheritdoc />
    public PostgresPestProtocolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPestProtocolDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=pestprotocol;Username=pestprotocol")
            .Options);
}
