using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using PestProtocol.Bot.SchoolDirectory.Graph;

namespace PestProtocol.Bot.SchoolDirectory;

/// <summary>Registers the school directory chosen by "Directory:Source".</summary>
public static class SchoolDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// Binds the "Directory" section and registers <see cref="IDirectory"/>: <see cref="ConfigurationDirectory"/>
    /// (Source "Configuration", the default) or <see cref="GraphDirectory"/> (Source "Graph") with a singleton
    /// <see cref="GraphServiceClient"/>. An <see cref="IAuthenticationProvider"/> registered before this call replaces
    /// the app-only client credential; a loopback "Directory:Graph:BaseUrl" gets <see cref="LoopbackTokenProvider"/>.
    /// </summary>
    public static IServiceCollection AddSchoolDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection(DirectoryOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        var source = configuration[$"{DirectoryOptions.Section}:Source"];
        if (string.IsNullOrWhiteSpace(source) || string.Equals(source, "Configuration", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IDirectory, ConfigurationDirectory>();
            return services;
        }

        if (!string.Equals(source, "Graph", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Directory:Source must be \"Configuration\" or \"Graph\".");
        }

        AddGraphDirectory(services, configuration);
        return services;
    }

    /// <summary>
    /// The Graph registrations, in a method of their own: compiling <see cref="AddSchoolDirectory"/> then does not load
    /// the Graph SDK (about 7 MiB resident) for a directory read from configuration.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddGraphDirectory(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(sp => CreateAuthenticationProvider(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.Graph, configuration));
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.Graph;
            return new GraphServiceClient(CreateHttpClient(settings), sp.GetRequiredService<IAuthenticationProvider>(), settings.BaseUrl.TrimEnd('/'));
        });
        services.AddSingleton<IDirectory, GraphDirectory>();
    }

    /// <summary>The Graph SDK's default middleware (its retry handler honours Retry-After) with our retry count and time limit.</summary>
    private static HttpClient CreateHttpClient(GraphDirectoryOptions settings)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers().ToList();
        var retry = new RetryHandler(new RetryHandlerOption { MaxRetry = Math.Clamp(settings.MaxRetries, 0, 10) });
        var index = handlers.FindIndex(h => h is RetryHandler);
        if (index >= 0)
        {
            handlers[index] = retry;
        }
        else
        {
            handlers.Add(retry);
        }

        var finalHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var client = GraphClientFactory.Create(handlers, finalHandler: finalHandler);
        client.Timeout = TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds));
        return client;
    }

    private static IAuthenticationProvider CreateAuthenticationProvider(GraphDirectoryOptions settings, IConfiguration configuration)
    {
        var baseUrl = new Uri(settings.BaseUrl);
        if (baseUrl.IsLoopback)
        {
            return new LoopbackTokenProvider();
        }

        var tenantId = Pick(settings.TenantId, configuration["MicrosoftAppTenantId"]);
        var clientId = Pick(settings.ClientId, configuration["MicrosoftAppId"]);
        var secret = Pick(settings.ClientSecret, configuration["MicrosoftAppPassword"]);
        if (tenantId is null || clientId is null || secret is null)
        {
            throw new InvalidOperationException("Directory:Source is Graph, but the tenant, app id or secret is missing (Directory:Graph:TenantId/ClientId/ClientSecret or MicrosoftAppTenantId/MicrosoftAppId/MicrosoftAppPassword).");
        }

        var credential = new ClientSecretCredential(tenantId, clientId, secret);
        return new AzureIdentityAuthenticationProvider(credential, [baseUrl.Host], null, true, $"{baseUrl.Scheme}://{baseUrl.Host}/.default");
    }

    private static string? Pick(string? preferred, string? fallback) =>
        !string.IsNullOrWhiteSpace(preferred) ? preferred : string.IsNullOrWhiteSpace(fallback) ? null : fallback;
}
