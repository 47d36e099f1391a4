using System.Net;
using Microsoft.Extensions.Configuration;

namespace PestProtocol.Bot.Configuration;

/// <summary>
/// Checks the whole configuration at start and names every missing or malformed key at once, so an
/// administrator can fix them in one go instead of one restart per mistake.
/// </summary>
public static class BotConfigurationValidator
{
    private static readonly string[] AppTypes = ["SingleTenant", "MultiTenant"];
    private static readonly string[] StorageProviders = ["Sqlite", "PostgreSql", "Memory"];

    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var appType = configuration["MicrosoftAppType"];
        var appId = configuration["MicrosoftAppId"];
        var password = configuration["MicrosoftAppPassword"];
        var tenant = configuration["MicrosoftAppTenantId"];

        if (!string.IsNullOrWhiteSpace(appType) && !AppTypes.Contains(appType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"MicrosoftAppType: must be one of {string.Join(", ", AppTypes)}.");
        }

        if (!string.IsNullOrWhiteSpace(appId))
        {
            if (!Guid.TryParse(appId, out _))
            {
                problems.Add("MicrosoftAppId: must be the application (client) id of the Entra app, a GUID.");
            }

            if (string.IsNullOrWhiteSpace(password))
            {
                problems.Add("MicrosoftAppPassword: required when MicrosoftAppId is set (the client secret of the Entra app).");
            }

            var isMultiTenant = string.Equals(appType, "MultiTenant", StringComparison.OrdinalIgnoreCase);
            if (!isMultiTenant && !Guid.TryParse(tenant, out _))
            {
                problems.Add("MicrosoftAppTenantId: required when MicrosoftAppId is set, the directory (tenant) id, a GUID.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(password))
        {
            problems.Add("MicrosoftAppId: empty while MicrosoftAppPassword is set; set both (production) or neither (local development).");
        }

        CheckUrl(configuration, "OpenIdMetadataUrl", problems);

        var provider = configuration["Storage:Provider"];
        if (!string.IsNullOrWhiteSpace(provider) && !StorageProviders.Contains(provider, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Storage:Provider: must be one of {string.Join(", ", StorageProviders)}.");
        }

        if (string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString("PestProtocol")))
        {
            problems.Add("ConnectionStrings:PestProtocol: required when Storage:Provider is PostgreSql.");
        }

        var maxBody = configuration["Bot:MaxRequestBodyBytes"];
        if (!string.IsNullOrWhiteSpace(maxBody) && (!int.TryParse(maxBody, out var bytes) || bytes < 1024 || bytes > 4 * 1024 * 1024))
        {
            problems.Add("Bot:MaxRequestBodyBytes: must be a whole number of bytes between 1024 and 4194304.");
        }

        if (bool.TryParse(configuration["AcceptEntraIssuedTokens"], out var acceptEntra) && acceptEntra
            && !configuration.GetSection("TrustedEntraCallerAppIds").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            problems.Add("TrustedEntraCallerAppIds: name at least one app id when AcceptEntraIssuedTokens is true (with none, no Entra-issued token is accepted; see docs/SECURITY.md).");
        }

        CheckCoordinatorsChannels(configuration, "Directory:Locations", problems);
        CheckCoordinatorsChannels(configuration, "Directory:Graph:Locations", problems);
        CheckDuration(configuration, "AnonymousReports:DraftRetention", TimeSpan.FromMinutes(30), TimeSpan.FromDays(7),
            "a student must have time to finish, and an unfinished report is not kept for long", problems);
        CheckDuration(configuration, "AnonymousReports:DraftSweepInterval", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), null, problems);
        Features.AnonymousReports.ReplyNoticeOptions.Check(configuration, problems); // replynotice branch
        Features.Records.RecordsConfiguration.Check(configuration, problems);
        problems.AddRange(Features.FollowUps.FollowUpConfigurationValidator.Validate(configuration)); // followups branch
        return problems;
    }

    /// <summary>A duration key (hh:mm:ss, or d.hh:mm:ss), when set, lies between <paramref name="min"/> and <paramref name="max"/>.</summary>
    private static void CheckDuration(IConfiguration configuration, string key, TimeSpan min, TimeSpan max, string? why, List<string> problems)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var duration) || duration < min || duration > max)
        {
            problems.Add($"{key}: must be a duration (hh:mm:ss) between {min:c} and {max:c}{(why is null ? "" : $"; {why}")}.");
        }
    }

    /// <summary>
    /// A location's <c>CoordinatorsChannel</c> needs a <c>TeamId</c> and a <c>ChannelId</c>, both Teams thread ids
    /// (<c>19:…@thread.tacv2</c>, or the older <c>@thread.skype</c>), as Teams shows them in "Get link to channel".
    /// </summary>
    private static void CheckCoordinatorsChannels(IConfiguration configuration, string locationsKey, List<string> problems)
    {
        foreach (var location in configuration.GetSection(locationsKey).GetChildren())
        {
            var channel = location.GetSection("CoordinatorsChannel");
            if (!channel.Exists())
            {
                continue;
            }

            foreach (var key in new[] { "TeamId", "ChannelId" })
            {
                var value = channel[key];
                if (!IsTeamsThreadId(value))
                {
                    problems.Add($"{channel.Path}:{key}: {(string.IsNullOrWhiteSpace(value) ? "required" : "not a Teams id")}; it looks like 19:…@thread.tacv2 (Teams: the channel's … menu, Get link to channel; the groupId is not it).");
                }
            }
        }
    }

    private static bool IsTeamsThreadId(string? value) =>
        value is { Length: > 3 } id && id.StartsWith("19:", StringComparison.Ordinal) && !id.Any(char.IsWhiteSpace)
        && (id.EndsWith("@thread.tacv2", StringComparison.OrdinalIgnoreCase) || id.EndsWith("@thread.skype", StringComparison.OrdinalIgnoreCase));

    private static void CheckUrl(IConfiguration configuration, string key, List<string> problems)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri.Host))))
        {
            problems.Add($"{key}: must be an absolute https URL (http only on this machine, for tests).");
        }
    }

    public static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>The configuration cannot work; the message names each key.</summary>
public sealed class BotConfigurationException(IReadOnlyList<string> problems)
    : Exception("PestProtocol cannot start: the configuration has problems." + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
