using System.Diagnostics;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>The outcome of running a command-line program from a test.</summary>
internal sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the program printed.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>
    /// Runs <paramref name="fileName"/> with the given arguments. <paramref name="environment"/>
    /// sets variables; a null value removes one inherited from the test process.
    /// </summary>
    public static async Task<ScriptRun> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ScriptRun(process.ExitCode, await output, await error);
    }
}
