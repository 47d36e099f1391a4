using System.Text;
using System.Text.RegularExpressions;

namespace PestProtocol.Bot.Telemetry;

/// <summary>
/// Turns URLs into something safe to export: scheme, host and port stay, the query and fragment go,
/// and every path segment that is not a known REST word (Bot Connector, Microsoft Graph, sign-in, this
/// bot's own endpoints) or a version like <c>v3</c> becomes <c>{id}</c>. So
/// <c>/v3/conversations/a:1Bx%40thread/activities/123</c> becomes <c>/v3/conversations/{id}/activities/{id}</c>,
/// and a user's UPN in a Graph path never leaves the process. An unknown word is hidden too: privacy first.
/// </summary>
public static partial class UrlRedaction
{
    public const string Placeholder = "{id}";

    private static readonly HashSet<string> KnownSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        // This bot
        "api", "messages", "healthz", "readyz",

        // Bot Connector REST API
        "conversations", "activities", "members", "pagedmembers", "attachments", "views", "original", "thumbnail",
        "teams", "meetings", "participants", "notification", "batch", "history", "amer", "emea", "apac",

        // Microsoft Graph paths the bot uses
        "users", "groups", "owners", "transitiveMembers", "education", "classes", "teachers", "teamwork",
        "installedApps", "sendActivityNotification", "sendMail", "chat", "chats", "me", "$batch", "$count",

        // Sign-in and key discovery
        "oauth2", "token", ".well-known", "openidconfiguration", "openid-configuration", "keys", "discovery", "beta",
    };

    /// <summary>The URL without query or fragment and with its path redacted by <see cref="RedactPath"/>.</summary>
    public static string RedactUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return RedactPath(url.OriginalString);
        }

        // Authority is host and port only: user info in a URL never passes.
        return url.Scheme + Uri.SchemeDelimiter + url.Authority + RedactPath(url.AbsolutePath);
    }

    /// <summary>The same, for a URL as text; text that is not a URL is treated as a path.</summary>
    public static string RedactUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? RedactUrl(absolute)
            : RedactPath(url);
    }

    /// <summary>A path (query and fragment dropped) with every unknown segment replaced by <see cref="Placeholder"/>.</summary>
    public static string RedactPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            path = path[..end];
        }

        var redacted = new StringBuilder(path.Length);
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                redacted.Append('/');
            }

            var segment = segments[i];
            redacted.Append(segment.Length == 0 || KnownSegments.Contains(segment) || Version().IsMatch(segment) ? segment : Placeholder);
        }

        return redacted.ToString();
    }

    [GeneratedRegex(@"^v\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Version();
}
