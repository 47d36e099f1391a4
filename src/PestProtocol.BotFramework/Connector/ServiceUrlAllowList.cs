using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Authentication;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// Where the bot may talk to a channel: the hosts of the Teams / Bot Framework connector. An activity whose
/// <c>serviceUrl</c> is elsewhere is refused where it comes in, and the connector sends nothing (and never the bot's
/// token) to such an address. Configured with the root key <c>AllowedServiceUrlHosts</c> (an array of host names;
/// <c>*.example.net</c> allows the sub-domains of example.net); empty = <see cref="DefaultHosts"/>.
/// </summary>
/// <remarks>
/// Only https, no user info in the URL. Loopback hosts (127.0.0.1, ::1, localhost) may use plain http and are allowed
/// in development mode (no MicrosoftAppId: the Agents Playground runs on this machine) or when listed explicitly.
/// </remarks>
public sealed class ServiceUrlAllowList
{
    /// <summary>The Teams connector hosts of the public cloud, GCC, GCC High and DoD (see docs/SECURITY.md for the source).</summary>
    public static readonly IReadOnlyList<string> DefaultHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    private readonly string[] _exactHosts;
    private readonly string[] _suffixes;
    private readonly bool _loopbackAllowed;

    /// <summary>
    /// The last few allowed service URLs, verbatim: a tenant's turns come from one or two, and parsing each again was
    /// 0.7 % of a help turn. Only allowed URLs, and at most <see cref="RememberedUrls"/>: a sender of made-up URLs
    /// cannot grow it.
    /// </summary>
    private readonly ConcurrentDictionary<string, bool> _allowedUrls = new(StringComparer.Ordinal);
    private const int RememberedUrls = 16;

    public ServiceUrlAllowList(IOptions<BotAuthenticationOptions> authentication, IOptions<ServiceUrlAllowListOptions> options)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(options);
        var configured = (options.Value.AllowedServiceUrlHosts ?? [])
            .Select(host => host?.Trim().TrimEnd('.').ToLowerInvariant() ?? string.Empty)
            .Where(host => host.Length > 0)
            .ToArray();
        var hosts = configured.Length > 0 ? configured : [.. DefaultHosts];
        _exactHosts = [.. hosts.Where(host => !host.StartsWith("*.", StringComparison.Ordinal))];
        _suffixes = [.. hosts.Where(host => host.StartsWith("*.", StringComparison.Ordinal) && host.Length > 2).Select(host => host[1..])];
        _loopbackAllowed = authentication.Value.IsDevelopmentMode || _exactHosts.Any(IsLoopbackHost);
    }

    /// <summary>The hosts in force (after defaults), for the start-up log and the docs.</summary>
    public IReadOnlyList<string> Hosts => [.. _exactHosts, .. _suffixes.Select(suffix => "*" + suffix)];

    /// <summary>True when <paramref name="serviceUrl"/> is an absolute URL on an allowed host with an allowed scheme.</summary>
    public bool IsAllowed(string? serviceUrl)
    {
        if (serviceUrl is not null && _allowedUrls.ContainsKey(serviceUrl))
        {
            return true; // the verdict depends on the URL and the configuration only
        }

        if (string.IsNullOrWhiteSpace(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var allowed = IsAllowed(uri);
        if (allowed && _allowedUrls.Count < RememberedUrls)
        {
            _allowedUrls.TryAdd(serviceUrl, true);
        }

        return allowed;
    }

    /// <inheritdoc cref="IsAllowed(string?)"/>
    public bool IsAllowed(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (IsLoopbackHost(host))
        {
            return _loopbackAllowed && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        return _exactHosts.Contains(host, StringComparer.Ordinal)
            || _suffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

/// <summary>Bound from the configuration's root key <c>AllowedServiceUrlHosts</c>.</summary>
public sealed class ServiceUrlAllowListOptions
{
    /// <summary>Host names (or <c>*.domain</c>) the connector may be reached at; null or empty = the documented Teams hosts.</summary>
    public string[]? AllowedServiceUrlHosts { get; set; }
}
