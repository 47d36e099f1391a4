using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Hosting;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>The periodic malloc trim runs beside the bot without ever stopping it, and can be switched off.</summary>
public sealed class NativeHeapTrimTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task The_trim_starts_with_the_host_and_stops_with_it_without_an_error(string seconds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hosting:NativeHeapTrim:IntervalSeconds"] = seconds }).Build();
        await using var services = new ServiceCollection().AddLogging().AddNativeHeapTrim(configuration).BuildServiceProvider();
        var trim = Assert.Single(services.GetServices<IHostedService>().OfType<BackgroundService>());

        await trim.StartAsync(CancellationToken.None);
        await trim.StopAsync(CancellationToken.None);

        Assert.NotNull(trim.ExecuteTask);
        Assert.True(trim.ExecuteTask.IsCompleted); // nothing left running
        Assert.Null(trim.ExecuteTask.Exception); // and no error on the way
    }

    [Fact]
    public void The_interval_is_read_from_Hosting_NativeHeapTrim_and_is_two_seconds_by_default()
    {
        Assert.Equal(2, Options([]).IntervalSeconds);
        Assert.Equal(30, Options(new Dictionary<string, string?> { ["Hosting:NativeHeapTrim:IntervalSeconds"] = "30" }).IntervalSeconds);
    }

    private static NativeHeapTrimOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddNativeHeapTrim(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<NativeHeapTrimOptions>>().Value;
    }
}
