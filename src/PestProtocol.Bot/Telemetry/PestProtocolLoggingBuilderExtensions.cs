using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PestProtocol.Bot.Telemetry;

/// <summary>Console logging for the bot: JSON lines in production, readable lines in Development.</summary>
public static class PestProtocolLoggingBuilderExtensions
{
    /// <summary>Configuration key that, when set, chooses the console formatter instead (<c>json</c>, <c>simple</c> or <c>systemd</c>).</summary>
    public const string FormatterNameKey = "Logging:Console:FormatterName";

    /// <summary>
    /// Adds the console logger with scopes on: the JSON formatter (UTC timestamps, one object per line)
    /// outside Development, the simple one-line formatter in Development, unless
    /// <c>Logging:Console:FormatterName</c> names another. Removes the HttpClient factory's request
    /// loggers: they write full URLs, and connector and Graph URLs contain conversation and user ids.
    /// </summary>
    public static ILoggingBuilder AddPestProtocolLogging(this ILoggingBuilder logging, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var development = environment.IsDevelopment();
        logging.AddConsole();
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        logging.AddSimpleConsole(options =>
        {
            options.IncludeScopes = true;
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });

        // PostConfigure: wins over AddSystemd's choice of formatter, but an administrator's explicit setting wins over both.
        var chosen = configuration[FormatterNameKey];
        logging.Services.PostConfigure<ConsoleLoggerOptions>(options =>
            options.FormatterName = string.IsNullOrWhiteSpace(chosen)
                ? development ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json
                : chosen);

        logging.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        return logging;
    }
}
