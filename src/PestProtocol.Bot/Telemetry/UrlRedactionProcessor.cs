using System.Diagnostics;
using OpenTelemetry;

namespace PestProtocol.Bot.Telemetry;

/// <summary>
/// Last line before any exporter: rewrites the URL tags of every finished span (ASP.NET Core, HttpClient,
/// both the current and the older semantic conventions) with <see cref="UrlRedaction"/> and removes
/// query strings. Added ahead of the exporters, so an exporter only ever sees redacted spans.
/// </summary>
public sealed class UrlRedactionProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url"];
    private static readonly string[] PathTags = ["url.path", "http.target"];
    private static readonly string[] QueryTags = ["url.query"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Redact(data);
    }

    /// <summary>Rewrites the URL tags of <paramref name="span"/> in place.</summary>
    public static void Redact(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        foreach (var tag in UrlTags)
        {
            if (span.GetTagItem(tag) is string url)
            {
                span.SetTag(tag, UrlRedaction.RedactUrl(url));
            }
        }

        foreach (var tag in PathTags)
        {
            if (span.GetTagItem(tag) is string path)
            {
                span.SetTag(tag, UrlRedaction.RedactPath(path));
            }
        }

        foreach (var tag in QueryTags)
        {
            if (span.GetTagItem(tag) is not null)
            {
                span.SetTag(tag, null);
            }
        }
    }
}
