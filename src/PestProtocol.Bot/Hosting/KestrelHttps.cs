namespace PestProtocol.Bot.Hosting;

/// <summary>
/// The slim builder leaves out Kestrel's HTTPS endpoint set-up (certificates, TLS). The bot normally sits behind
/// something that ends TLS, but an administrator may still give Kestrel an https address or a certificate: then the
/// set-up is added, so such a configuration keeps working as it did with the full builder.
/// </summary>
public static class KestrelHttps
{
    /// <summary>True when the configuration asks Kestrel for an https endpoint or names a certificate.</summary>
    public static bool Wanted(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (NamesHttps(configuration["urls"]) || NamesHttps(configuration["ASPNETCORE_URLS"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"]) || !string.IsNullOrWhiteSpace(configuration["ASPNETCORE_HTTPS_PORTS"]))
        {
            return true;
        }

        var kestrel = configuration.GetSection("Kestrel");
        if (kestrel.GetSection("Certificates").GetChildren().Any() || kestrel.GetSection("EndpointDefaults:Certificate").GetChildren().Any())
        {
            return true;
        }

        return kestrel.GetSection("Endpoints").GetChildren()
            .Any(endpoint => NamesHttps(endpoint["Url"]) || endpoint.GetSection("Certificate").GetChildren().Any() || endpoint.GetSection("Sni").GetChildren().Any());
    }

    private static bool NamesHttps(string? urls) =>
        urls is { Length: > 0 } && urls.Contains("https://", StringComparison.OrdinalIgnoreCase);
}
