using System.Globalization;
using PestProtocol.Bot.Features.Records.Retention;

namespace PestProtocol.Bot.Features.Records;

/// <summary>The start-up check of the keys of the records feature (<c>Retention:*</c>, <c>Records:*</c>).</summary>
public static class RecordsConfiguration
{
    public static void Check(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var (term, _) in new RetentionOptions().Terms())
        {
            Duration(configuration, "Retention:" + term, RetentionOptions.MinimumTerm, RetentionOptions.MaximumTerm,
                "a term in days, e.g. 730.00:00:00 for two years; records about minors are not kept forever", problems);
        }

        Duration(configuration, "Retention:PurgeInterval", TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), "the purge must run at least daily", problems);
        Duration(configuration, "Records:PdfLinkLifetime", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), "a link to a dossier must expire soon", problems);

        var key = configuration["Records:PdfLinkKey"];
        if (!string.IsNullOrEmpty(key))
        {
            byte[]? bytes = null;
            try
            {
                bytes = Convert.FromBase64String(key);
            }
            catch (FormatException)
            {
            }

            if (bytes is null || bytes.Length < 32)
            {
                problems.Add("Records:PdfLinkKey: must be base64 of at least 32 random bytes (e.g. openssl rand -base64 32), or empty for a key per start.");
            }
        }

        var baseUrl = configuration["Records:PublicBaseUrl"];
        if (!string.IsNullOrEmpty(baseUrl)
            && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && Configuration.BotConfigurationValidator.IsLoopback(uri.Host))) && string.IsNullOrEmpty(uri.Query)))
        {
            problems.Add("Records:PublicBaseUrl: must be the bot's absolute https address, e.g. https://pestprotocol.school.nl (http only on this machine).");
        }
    }

    private static void Duration(IConfiguration configuration, string key, TimeSpan min, TimeSpan max, string why, List<string> problems)
    {
        var value = configuration[key];
        if (value is null)
        {
            return;
        }

        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) || duration < min || duration > max)
        {
            problems.Add($"{key}: must be a duration (d.hh:mm:ss) between {min:c} and {max:c}; {why}.");
        }
    }
}
