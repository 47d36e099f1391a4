using PestProtocol.Bot.Configuration;

namespace PestProtocol.Bot.Hosting;

/// <summary>
/// Without a MicrosoftAppId nothing authenticates the channel, so the bot must only be reachable from
/// this machine: every configured URL is rewritten to the loopback address.
/// </summary>
public static class LoopbackBinding
{
    public const string DefaultUrl = "http://127.0.0.1:3978";

    /// <summary>The URLs to listen on when authentication is off: the same ports, on 127.0.0.1.</summary>
    public static IReadOnlyList<string> ToLoopback(string? configuredUrls)
    {
        if (string.IsNullOrWhiteSpace(configuredUrls))
        {
            return [DefaultUrl];
        }

        var result = new List<string>();
        foreach (var raw in configuredUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts wildcards such as http://*:3978 and http://+:3978, which Uri does not parse.
            var normalised = raw.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            {
                continue;
            }

            result.Add(BotConfigurationValidator.IsLoopback(uri.Host) ? raw : $"{uri.Scheme}://127.0.0.1:{uri.Port}");
        }

        return result.Count > 0 ? result : [DefaultUrl];
    }
}
