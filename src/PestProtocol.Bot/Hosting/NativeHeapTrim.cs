using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PestProtocol.Bot.Hosting;

/// <summary>
/// Gives the free memory of glibc's malloc arenas back to the operating system every
/// <see cref="NativeHeapTrimOptions.IntervalSeconds"/>. The JIT compiles each method in a scratch arena it frees again,
/// SQLite frees its statements, OpenSSL its buffers; glibc keeps those pages (in up to eight arenas per core, whatever
/// <see cref="NativeHeapArenas"/> could still limit after the runtime's own threads made theirs) and they stay resident.
/// <c>malloc_trim(0)</c> releases every whole free page of every arena. A no-op where there is no glibc.
/// </summary>
internal sealed class NativeHeapTrim(TimeProvider time, Microsoft.Extensions.Options.IOptions<NativeHeapTrimOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.IntervalSeconds;
        if (!OperatingSystem.IsLinux() || seconds <= 0 || !Trim())
        {
            return; // not glibc, or switched off
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Trim();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private static bool Trim()
    {
        try
        {
            _ = malloc_trim(0);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int malloc_trim(nuint pad);
}

/// <summary>Settings of <see cref="NativeHeapTrim"/> (section <c>Hosting:NativeHeapTrim</c>).</summary>
public sealed class NativeHeapTrimOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hosting:NativeHeapTrim";

    /// <summary>
    /// Seconds between two trims; 0 or less: never. Default 2: a trim walks the free lists of a few arenas (well under a
    /// millisecond here), and memory freed after a burst of turns is given back before the next burst adds to it.
    /// </summary>
    public int IntervalSeconds { get; set; } = 2;
}

/// <summary>Registers <see cref="NativeHeapTrim"/>.</summary>
public static class NativeHeapTrimServiceCollectionExtensions
{
    public static IServiceCollection AddNativeHeapTrim(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NativeHeapTrimOptions>().Bind(configuration.GetSection(NativeHeapTrimOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<NativeHeapTrim>();
        return services;
    }
}
