using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Authentication;

namespace PestProtocol.BotFramework.Hosting;

/// <summary>
/// Without a MicrosoftAppId nothing authenticates the channel. Whatever the configuration says (urls, Kestrel
/// endpoints), the server must then listen on loopback only: once it has bound its addresses this check refuses to
/// let the app run when one of them is reachable from another machine.
/// </summary>
public sealed class DevelopmentLoopbackGuard(IServiceProvider services, IOptions<BotAuthenticationOptions> options) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsDevelopmentMode)
        {
            return Task.CompletedTask;
        }

        // Without a server (a test host that runs only the services) there is nothing to check.
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(address => !IsLoopbackAddress(address)).ToList();
        if (exposed.Count > 0)
        {
            throw new DevelopmentModeExposedException(exposed);
        }

        return Task.CompletedTask;
    }

    /// <summary>True for http(s)://127.x, [::1] and localhost; false for wildcards (*, +, 0.0.0.0, [::]) and other hosts.</summary>
    public static bool IsLoopbackAddress(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var normalised = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Development mode (no MicrosoftAppId) was about to listen on an address other machines can reach.</summary>
public sealed class DevelopmentModeExposedException(IReadOnlyList<string> addresses)
    : InvalidOperationException(
        "PestProtocol refuses to start: MicrosoftAppId is empty (channel authentication is off) and the server listens on "
        + string.Join(", ", addresses) + ". Without authentication the bot may only listen on 127.0.0.1 / [::1] / localhost.")
{
    public IReadOnlyList<string> Addresses { get; } = addresses;
}

/// <summary>Registers the checks of the messaging endpoint's surroundings.</summary>
public static class MessagingEndpointGuardsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DevelopmentLoopbackGuard"/> (refuses to run development mode on a non-loopback address).</summary>
    public static IServiceCollection AddMessagingEndpointGuards(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<DevelopmentLoopbackGuard>();
        return services;
    }
}
