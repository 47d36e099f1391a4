using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PestProtocol.Bot.Tests.Hosting.TwoInstances;

/// <summary>
/// The built bot as a real process: <c>dotnet PestProtocol.Bot.dll</c> on its own loopback port, with the settings given
/// as environment variables (as an App Service instance gets them). Ready when <c>GET /healthz</c> answers 200. Its
/// console output is kept, to show when a test fails.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(string name, Process process, Uri url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    /// <summary>The instance's name (also its <c>Notifications:InstanceName</c>, the prefix of its outbox leases).</summary>
    public string Name { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Url { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>False once it was killed or it exited.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>The last lines it wrote.</summary>
    public string OutputTail => string.Join('\n', _output.TakeLast(60));

    /// <summary>Everything it wrote that was kept (the last 400 lines).</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<BotProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PestProtocol.Bot.dll");
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        start.Environment["MicrosoftAppId"] = "";
        start.Environment["MicrosoftAppPassword"] = "";
        start.Environment["Notifications__InstanceName"] = name;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var bot = new BotProcess(name, process, url);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bot.WaitUntilHealthyAsync().ConfigureAwait(false);
        return bot;
    }

    /// <summary>Ends the process at once, as a crash or a scale-in would (no graceful shutdown).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{Name}] {line}");
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Bot {Name} exited with code {_process.ExitCode} while starting:\n{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/healthz")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"Bot {Name} did not answer GET /healthz within {StartTimeout}:\n{OutputTail}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
