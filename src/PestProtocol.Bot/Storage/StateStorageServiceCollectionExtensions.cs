using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Storage;

/// <summary>Registers the bot state store and the state scopes that use it.</summary>
public static class StateStorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StateStorageOptions"/> from the <c>Storage</c> section and registers, as
    /// singletons: <see cref="IStorage"/> and <see cref="IStorageHealth"/> (SQLite unless
    /// <c>Storage:Provider</c> says <c>PostgreSql</c> or <c>Memory</c>), <see cref="ConversationState"/>, <see cref="UserState"/>,
    /// <see cref="ConversationTurnGate"/>, an <see cref="AutoSaveStateMiddleware"/> over both scopes, and (scoped) the
    /// <see cref="TurnUnitOfWork"/> with its <see cref="Middleware.AutoSaveTurnMiddleware"/> that the bot's pipeline uses.
    /// </summary>
    public static IServiceCollection AddStateStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var options = new StateStorageOptions();
        configuration.GetSection(StateStorageOptions.SectionName).Bind(options);
        options.ConnectionString ??= configuration.GetConnectionString("PestProtocol");
        services.AddSingleton(options);

        switch (options.Provider)
        {
            case var p when string.Equals(p, StateStorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase):
                services.AddSingleton(sp => new SqliteStorage(options, sp.GetService<ILogger<SqliteStorage>>(), sp.GetService<TimeProvider>(), sp.GetRequiredService<SqliteTurnWriteGate>()));
                services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteStorage>());
                services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<SqliteStorage>());
                break;
            case var p when string.Equals(p, StateStorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase):
                services.AddSingleton(sp => new PostgresStorage(options, sp.GetService<ILogger<PostgresStorage>>(), sp.GetService<TimeProvider>()));
                services.AddSingleton<IStorage>(sp => sp.GetRequiredService<PostgresStorage>());
                services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<PostgresStorage>());
                break;
            case var p when string.Equals(p, StateStorageProviders.Memory, StringComparison.OrdinalIgnoreCase):
                services.AddSingleton<MemoryStorage>();
                services.AddSingleton<IStorage>(sp => sp.GetRequiredService<MemoryStorage>());
                services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<MemoryStorage>());
                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{options.Provider}' is not supported (use '{StateStorageProviders.Sqlite}', '{StateStorageProviders.PostgreSql}' or '{StateStorageProviders.Memory}').");
        }

        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<ConversationTurnGate>();
        services.AddSingleton(sp => new AutoSaveStateMiddleware(sp.GetRequiredService<ConversationState>(), sp.GetRequiredService<UserState>()));

        // One transaction per turn: state + case change + dossier + outbox (the case database must be registered too).
        services.AddSingleton<SqliteTurnWriteGate>();
        // The turn's context is taken from the pool at the turn's first write, not for every turn (rss4).
        services.AddScoped(sp => new TurnUnitOfWork(
            sp.GetRequiredService<Persistence.PestProtocolDbContext>, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<SqliteTurnWriteGate>()));
        services.AddSingleton<Middleware.AutoSaveTurnMiddleware>();
        return services;
    }
}
