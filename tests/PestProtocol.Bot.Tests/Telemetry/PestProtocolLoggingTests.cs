using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Telemetry;

namespace PestProtocol.Bot.Tests.Telemetry;

public sealed class PestProtocolLoggingTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "PestProtocol.Bot";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static ServiceProvider Build(string environment, string? formatter = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PestProtocolLoggingBuilderExtensions.FormatterNameKey] = formatter })
            .Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddPestProtocolLogging(configuration, new Environment(environment)))
            .BuildServiceProvider();
    }

    [Fact]
    public void Production_logs_are_json_lines_with_scopes_and_utc_timestamps()
    {
        using var services = Build(Environments.Production);

        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
    }

    [Fact]
    public void Development_logs_are_readable_single_lines_with_scopes()
    {
        using var services = Build(Environments.Development);

        Assert.Equal(ConsoleFormatterNames.Simple, services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        Assert.True(services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
    }

    [Fact]
    public void An_administrator_can_choose_another_formatter_in_configuration()
    {
        using var services = Build(Environments.Production, formatter: ConsoleFormatterNames.Systemd);

        Assert.Equal(ConsoleFormatterNames.Systemd, services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }
}
