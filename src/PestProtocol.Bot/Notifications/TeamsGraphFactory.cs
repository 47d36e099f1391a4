using System.Runtime.CompilerServices;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Graph;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// The Graph client for notifications and the <see cref="ITeamsGraph"/> on it, built so that a bot without Graph
/// settings (development, the benchmark, a school on configuration only) never loads the Graph SDK, Kiota or
/// Azure.Identity: the methods that name their types are compiled only when Graph is configured. Loading
/// Microsoft.Graph alone kept about 7 MiB of the assembly resident for nothing.
/// </summary>
internal static class TeamsGraphFactory
{
    /// <summary>The Graph client's full type name, compared by name so that the check itself loads nothing.</summary>
    private const string GraphClientTypeName = "Microsoft.Graph." + nameof(GraphServiceClient);

    /// <summary>A <see cref="GraphServiceClient"/> from the directory's Graph settings, only when none is registered and they are set.</summary>
    public static void AddGraphClientWhenConfigured(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Directory:Graph");
        if (string.IsNullOrWhiteSpace(section["ClientId"]) || string.IsNullOrWhiteSpace(section["TenantId"]) || string.IsNullOrWhiteSpace(section["ClientSecret"]))
        {
            return;
        }

        AddGraphClient(services, section);
    }

    /// <summary>
    /// <see cref="GraphTeamsGraph"/> on the registered <see cref="GraphServiceClient"/> (registered by the directory, by
    /// <see cref="AddGraphClientWhenConfigured"/> or by a test, also after this registration), else
    /// <see cref="UnconfiguredTeamsGraph"/>. The service collection is complete when this runs.
    /// </summary>
    public static ITeamsGraph Create(IServiceProvider services, IServiceCollection registrations) =>
        registrations.Any(d => string.Equals(d.ServiceType.FullName, GraphClientTypeName, StringComparison.Ordinal))
            ? CreateOnGraph(services)
            : new UnconfiguredTeamsGraph();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ITeamsGraph CreateOnGraph(IServiceProvider services) =>
        services.GetService<GraphServiceClient>() is { } client ? new GraphTeamsGraph(client) : new UnconfiguredTeamsGraph();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddGraphClient(IServiceCollection services, IConfigurationSection section) =>
        services.TryAddSingleton(_ =>
        {
            var credential = new ClientSecretCredential(section["TenantId"], section["ClientId"], section["ClientSecret"]);
            var baseUrl = section["BaseUrl"] is { Length: > 0 } url ? url : "https://graph.microsoft.com/v1.0";
            return new GraphServiceClient(credential, ["https://graph.microsoft.com/.default"], baseUrl);
        });
}
