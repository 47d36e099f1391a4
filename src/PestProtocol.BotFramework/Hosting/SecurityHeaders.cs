using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PestProtocol.BotFramework.Hosting;

/// <summary>
/// HTTP security headers on every response of the bot's web host. The bot serves no pages, only JSON to the channel
/// and health probes, so everything a browser could do with a response is switched off: no framing, no sniffing, no
/// referrer, no caching of answers that may quote a conversation, and a content security policy that allows nothing.
/// HSTS is added on https requests (the reverse proxy in front terminates TLS in the documented deployment).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The headers and their values (also documented in docs/SECURITY.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ["Referrer-Policy"] = "no-referrer",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ["Cache-Control"] = "no-store",
    };

    private const string CrossOriginResourcePolicy = "Cross-Origin-Resource-Policy";

    private const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>Adds the headers to every response (call first in the pipeline).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                foreach (var (name, value) in Values)
                {
                    // An endpoint that serves something made to be embedded elsewhere (the thermometer's chart image in a
                    // Teams card) says so itself; every other header is always ours.
                    if (name == CrossOriginResourcePolicy && headers.ContainsKey(name))
                    {
                        continue;
                    }

                    headers[name] = value;
                }

                headers.Remove("Server");
                headers.Remove("X-Powered-By");
                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
