using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Features.FollowUps;
using PestProtocol.Bot.Telemetry;
using PestProtocol.BotFramework.Authentication;
using PestProtocol.BotFramework.Hosting;

namespace PestProtocol.Bot.Hosting;

/// <summary>Builds the web app: configuration checks, services, endpoints.</summary>
public static partial class PestProtocolApp
{
    public static WebApplication Build(string[] args)
    {
        // The slim builder: the same configuration sources (appsettings, appsettings.{Environment}, user secrets in
        // Development, environment variables, the command line), console logging, Kestrel with its "Kestrel" section
        // (endpoints, limits), host filtering and routing; without what the bot never uses and the full builder loads
        // anyway: IIS integration, HTTP/3 (QUIC), the Debug and EventSource log providers, hosting start-up assemblies,
        // regex route constraints, and Kestrel's HTTPS endpoint set-up unless https is configured (KestrelHttps).
        var builder = WebApplication.CreateSlimBuilder(args);
        var configuration = builder.Configuration;

        var problems = BotConfigurationValidator.Validate(configuration);
        if (problems.Count > 0)
        {
            throw new BotConfigurationException(problems);
        }

        var developmentMode = string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        if (developmentMode)
        {
            // Nothing authenticates the channel: only this machine may reach the bot.
            builder.WebHost.UseUrls([.. LoopbackBinding.ToLoopback(configuration["urls"] ?? configuration["ASPNETCORE_URLS"])]);
        }

        if (KestrelHttps.Wanted(configuration))
        {
            builder.WebHost.UseKestrelHttpsConfiguration(); // an https address or a certificate is configured: keep it working
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // hardening: no server banner
        builder.Logging.AddPestProtocolLogging(configuration, builder.Environment);
        builder.Services.AddSystemd();
        builder.Services.AddPestProtocol(configuration, builder.Environment);

        var app = builder.Build();
        if (developmentMode)
        {
            LogDevelopmentMode(app.Logger);
        }

        app.UseSecurityHeaders(); // hardening: no framing, sniffing, caching or referrer for any response
        app.MapBotMessages("/api/messages");
        app.MapHealthEndpoints();
        Features.Records.RecordsServiceCollectionExtensions.MapDossierPdf(app);
        Features.Thermometer.ThermometerChartEndpoint.MapThermometerChart(app); // thermo2 branch: the results chart behind a signed link
        app.MapDevelopmentClock(); // followups branch: maps nothing unless development mode registered the clock
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: channel authentication is OFF (local development / Agents Playground). The bot listens on 127.0.0.1 only. Never run it like this in production.")]
    private static partial void LogDevelopmentMode(ILogger logger);
}
