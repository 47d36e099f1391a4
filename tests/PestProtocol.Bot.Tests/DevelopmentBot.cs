using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PestProtocol.Bot.Hosting;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Cards;

namespace PestProtocol.Bot.Tests;

/// <summary>
/// The real bot as production composes it (<c>AddPestProtocol</c>: every feature and middleware), with the development
/// directory of <c>appsettings.Development.json</c> and a SQLite file, migrated. The conversation harnesses of the
/// feature folders build on this.
/// </summary>
internal static class DevelopmentBot
{
    /// <summary>The development configuration with the given SQLite file and any further settings on top.</summary>
    public static IConfigurationRoot Configuration(string databaseFile, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(CardValidator.RepositoryRoot, "src", "PestProtocol.Bot", "appsettings.Development.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["ConnectionStrings:PestProtocol"] = $"Data Source={databaseFile}",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();

    /// <summary>
    /// Composes and migrates the bot. <paramref name="before"/> registers services that must win over the defaults
    /// (e.g. a test clock as <see cref="TimeProvider"/>); <paramref name="after"/> may decorate what the app registered.
    /// </summary>
    public static async Task<ServiceProvider> StartAsync(
        string databaseFile,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? before = null,
        bool validateScopes = false,
        Action<IServiceCollection>? after = null)
    {
        var configuration = Configuration(databaseFile, settings);
        var environment = new HostingEnvironment { EnvironmentName = Environments.Development, ApplicationName = "PestProtocol.Bot", ContentRootPath = AppContext.BaseDirectory };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        before?.Invoke(services);

        // A group chat or channel goes on in the person's own chat: in-process, without a connector.
        services.TryAddSingleton<PestProtocol.Bot.Features.PersonalChat.IPersonalChats, StudentSide.PersonalChatsForTests>();
        services.AddPestProtocol(configuration, environment);
        after?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = validateScopes });
        await provider.MigratePestProtocolDatabaseAsync();
        return provider;
    }

    /// <summary>Puts the production middleware (errors, services, gate, state…) on <paramref name="adapter"/>.</summary>
    public static TestAdapter WithProductionMiddleware(this TestAdapter adapter, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        foreach (var middleware in services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }

        return adapter;
    }
}
