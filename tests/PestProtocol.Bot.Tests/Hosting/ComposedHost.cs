using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Hosting;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>The bot's composition (as <c>Program</c> builds it, development settings, a temp SQLite file) started as a generic host.</summary>
internal static class ComposedHost
{
    /// <summary>Composes the bot plus <paramref name="more"/> and starts it: the start must fail with a configuration problem.</summary>
    public static async Task<BotConfigurationException> StartRefusedAsync(Action<IServiceCollection> more)
    {
        var folder = Directory.CreateTempSubdirectory("pp-composition-");
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
            builder.Configuration.AddConfiguration(DevelopmentBot.Configuration(Path.Combine(folder.FullName, "pestprotocol.db")));
            builder.Services.AddLogging();
            builder.Services.AddPestProtocol(builder.Configuration, builder.Environment);
            more(builder.Services);
            using var host = builder.Build();
            return await Assert.ThrowsAsync<BotConfigurationException>(() => host.StartAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
