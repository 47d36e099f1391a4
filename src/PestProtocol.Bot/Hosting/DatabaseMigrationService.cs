using PestProtocol.Bot.Persistence;

namespace PestProtocol.Bot.Hosting;

/// <summary>Brings the database schema up to date before the bot accepts its first turn.</summary>
public sealed class DatabaseMigrationService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.MigratePestProtocolDatabaseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
