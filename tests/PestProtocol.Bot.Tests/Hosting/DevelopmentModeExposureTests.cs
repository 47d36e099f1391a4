using System.Diagnostics;
using PestProtocol.BotFramework.Hosting;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>Without a MicrosoftAppId nothing authenticates the channel: the bot refuses to run where other machines can reach it.</summary>
public sealed class DevelopmentModeExposureTests
{
    [Theory]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://+:3978", false)]
    [InlineData("http://[::]:3978", false)]
    [InlineData("http://192.168.1.20:3978", false)]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://localhost:3978", true)]
    public void Only_loopback_addresses_count_as_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, DevelopmentLoopbackGuard.IsLoopbackAddress(address));

    [Fact]
    public async Task A_kestrel_endpoint_on_all_interfaces_in_development_mode_stops_the_bot_before_it_serves()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PestProtocol.Bot.dll");
        var workDir = Directory.CreateTempSubdirectory("pp-devexposed-").FullName;
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workDir,
        };
        start.Environment["MicrosoftAppId"] = "";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__PestProtocol"] = $"Data Source={Path.Combine(workDir, "pestprotocol.db")}";
        start.Environment["Notifications__DispatcherEnabled"] = "false";
        // Kestrel's own endpoint configuration wins over the loopback rewrite of ASPNETCORE_URLS.
        start.Environment["Kestrel__Endpoints__Open__Url"] = "http://0.0.0.0:0";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("refuses to start", await stderr + await stdout, StringComparison.Ordinal);
    }
}
