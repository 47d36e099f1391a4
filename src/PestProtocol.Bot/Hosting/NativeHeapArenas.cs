using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PestProtocol.Bot.Hosting;

/// <summary>
/// Caps glibc's malloc at two arenas before the app starts its threads. By default every thread that allocates
/// native memory (SQLite's page cache and statements, OpenSSL, the runtime) may get an arena of its own, up to eight
/// per core, and each keeps the memory it once used: under load that was 20–25 MiB resident in half-empty arenas
/// (bench/run.sh, melding C=10: resident memory max 200 → 188 MiB with two arenas; SQLite's statements do not
/// contend on the arena lock at two cores). Same effect as <c>MALLOC_ARENA_MAX=2</c> in the environment, which an
/// App Service or systemd unit would otherwise have to remember. A no-op where there is no glibc (Windows, macOS,
/// musl: mallopt there ignores the setting).
/// </summary>
internal static class NativeHeapArenas
{
    /// <summary>glibc's <c>M_ARENA_MAX</c> parameter of <c>mallopt</c>.</summary>
    private const int ArenaMaxParameter = -8;

    /// <summary>Two: one for the thread that happens to hold the main arena's lock, one for everyone else.</summary>
    private const int Arenas = 2;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "This is the app's own assembly: the limit must be set before the host starts threads that allocate.")]
    internal static void Limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = mallopt(ArenaMaxParameter, Arenas);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to limit.
        }
    }

    [DllImport("libc", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mallopt(int param, int value);
}
