using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.Hosting;

public static class BotEndpointRouteBuilderExtensions
{
    /// <summary>Maps the Bot Framework messaging endpoint (POST) to the registered <see cref="CloudAdapter"/> and <see cref="IBot"/>.</summary>
    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpContext http, CloudAdapter adapter, IBot bot, IHostApplicationLifetime lifetime) =>
            // A turn is not abandoned when the channel stops waiting: its state and dossier writes must finish.
            // It stops only when the app does.
            adapter.ProcessAsync(http.Request, http.Response, bot, lifetime.ApplicationStopping));
}
