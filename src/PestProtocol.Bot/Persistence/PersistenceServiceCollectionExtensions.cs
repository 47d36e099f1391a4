using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.Bot.SchoolDirectory;

namespace PestProtocol.Bot.Persistence;

/// <summary>Registers the case database and its stores, and applies its migrations.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The advisory lock every instance takes while it migrates a PostgreSQL database ("PestProt" in ASCII).</summary>
    private const long MigrationLockKey = 0x50657374_50726F74;

    /// <summary>
    /// Contexts kept for reuse: a turn's scope rents one and returns it reset, so a turn does not build EF Core's
    /// per-context services again (a few per cent of a melding turn in the profile). More concurrent scopes than this
    /// still get a context; it is just not kept afterwards.
    /// </summary>
    private const int ContextPoolSize = 64;

    /// <summary>
    /// Registers, scoped: the provider's context (pooled) (<see cref="SqlitePestProtocolDbContext"/> or
    /// <see cref="PostgresPestProtocolDbContext"/>), the same instance as <see cref="PestProtocolDbContext"/>,
    /// <see cref="ICaseStore"/> and <see cref="IConversationReferenceStore"/>; and <see cref="TimeProvider.System"/>
    /// unless a <see cref="TimeProvider"/> is registered. Reads <c>Storage:Provider</c> (Sqlite default, PostgreSql,
    /// Memory) and the connection string from <c>Storage:ConnectionString</c>, else <c>ConnectionStrings:PestProtocol</c>,
    /// else <c>Data Source=data/pestprotocol.db</c>. For a SQLite file its folder is created.
    /// </summary>
    public static IServiceCollection AddPestProtocolPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var options = new PersistenceOptions();
        configuration.GetSection("Storage").Bind(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = configuration.GetConnectionString("PestProtocol");
        }

        services.AddSingleton(options);
        switch (options.Provider)
        {
            case var p when string.Equals(p, PersistenceProviders.Sqlite, StringComparison.OrdinalIgnoreCase):
                var sqlite = PrepareSqliteFile(options.ConnectionString);
                // Writers wait inside SQLite for the lock (as the bot-state store does), not in 150 ms retry sleeps.
                var busyTimeout = new SqliteBusyTimeoutInterceptor(TimeSpan.FromSeconds(5));
                services.AddDbContextPool<SqlitePestProtocolDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(busyTimeout).ReplaceService<IMigrationsAssembly, MigrationsNamespaceAssembly>(), ContextPoolSize);
                services.AddScoped<PestProtocolDbContext>(sp => sp.GetRequiredService<SqlitePestProtocolDbContext>());
                break;
            case var p when string.Equals(p, PersistenceProviders.Memory, StringComparison.OrdinalIgnoreCase):
                var memory = new SqliteConnectionStringBuilder
                {
                    DataSource = "pestprotocol-" + Guid.NewGuid().ToString("N"),
                    Mode = SqliteOpenMode.Memory,
                    Cache = SqliteCacheMode.Shared,
                }.ToString();
                services.AddSingleton(new InMemoryDatabaseLifetime(memory));
                services.AddDbContextPool<SqlitePestProtocolDbContext>((sp, o) =>
                {
                    sp.GetRequiredService<InMemoryDatabaseLifetime>();
                    o.UseSqlite(memory).ReplaceService<IMigrationsAssembly, MigrationsNamespaceAssembly>();
                }, ContextPoolSize);
                services.AddScoped<PestProtocolDbContext>(sp => sp.GetRequiredService<SqlitePestProtocolDbContext>());
                break;
            case var p when string.Equals(p, PersistenceProviders.PostgreSql, StringComparison.OrdinalIgnoreCase):
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Storage:Provider 'PostgreSql' needs ConnectionStrings:PestProtocol.");
                }

                var postgres = options.ConnectionString;
                services.AddDbContextPool<PostgresPestProtocolDbContext>(o => o.UseNpgsql(postgres).ReplaceService<IMigrationsAssembly, MigrationsNamespaceAssembly>(), ContextPoolSize);
                services.AddScoped<PestProtocolDbContext>(sp => sp.GetRequiredService<PostgresPestProtocolDbContext>());
                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{options.Provider}' is not supported (use '{PersistenceProviders.Sqlite}', '{PersistenceProviders.PostgreSql}' or '{PersistenceProviders.Memory}').");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ICaseStore>(sp => new CaseStore(sp.GetRequiredService<PestProtocolDbContext>(), sp.GetService<TimeProvider>(), sp.GetService<Storage.TurnUnitOfWork>()));
        services.AddScoped<IConversationReferenceStore>(sp => new ConversationReferenceStore(sp.GetRequiredService<PestProtocolDbContext>(), sp.GetService<TimeProvider>(), sp.GetService<Storage.SqliteTurnWriteGate>()));
        return services;
    }

    /// <summary>
    /// Brings the database up to the latest migration; call once before <c>app.Run()</c>. Safe when several instances
    /// start at once: on PostgreSQL the whole run holds a session advisory lock (EF Core's own lock is taken per
    /// migration, so two instances could each apply a later migration the other has just applied); on SQLite EF Core's
    /// <c>__EFMigrationsLock</c> row serialises the file's writers. The others then find nothing to do. A SQLite file is
    /// switched to WAL mode, like the bot-state store.
    /// </summary>
    public static async Task MigratePestProtocolDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
        if (db is PostgresPestProtocolDbContext)
        {
            // One session holds the lock for the whole run; the waiting instances then find nothing to do.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
                try
                {
                    await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }

            return;
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db is SqlitePestProtocolDbContext && services.GetService<InMemoryDatabaseLifetime>() is null)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the folder of a SQLite file and returns the connection string to use.</summary>
    internal static string PrepareSqliteFile(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? PersistenceOptions.DefaultSqliteConnectionString : connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ToString();
    }

    /// <summary>Keeps one connection open so a shared-cache in-memory database lives as long as the service provider.</summary>
    private sealed class InMemoryDatabaseLifetime : IDisposable
    {
        private readonly SqliteConnection _connection;

        public InMemoryDatabaseLifetime(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
        }

        public void Dispose() => _connection.Dispose();
    }
}
