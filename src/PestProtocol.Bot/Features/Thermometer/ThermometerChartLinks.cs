using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.Records;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// Links to a results chart, served by the bot (<c>GET /thermometer-grafiek/{token}</c>) like the dossier PDF: the token
/// is the survey id and an expiry, signed (HMAC-SHA256) with a key derived from the PDF links' key for this purpose
/// only, so no other link opens as a chart and no chart link can be made up. The chart shows only a released result
/// (at least <see cref="Domain.Thermometer.ThermometerThresholds.MinimumRespondents"/> answers), so the link carries no
/// viewer: whoever has the card sees what the card already shows. It expires after
/// <see cref="ThermometerOptions.ChartLinkLifetime"/>; after that the card keeps its text and alt text.
/// </summary>
public sealed class ThermometerChartLinks(PdfLinks pdfLinks, IOptions<ThermometerOptions> options)
{
    /// <summary>The path the links point to.</summary>
    public const string PathPrefix = "/thermometer-grafiek/";

    private const int MacSize = 16;
    private readonly byte[] _key = pdfLinks.KeyFor("thermometer-chart");

    /// <summary>A link to the chart of the survey, valid for <see cref="ThermometerOptions.ChartLinkLifetime"/> from <paramref name="now"/>.</summary>
    public string Create(Guid surveyId, string viewerId, DateTimeOffset now)
    {
        var body = new byte[16 + 8];
        surveyId.TryWriteBytes(body.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(16, 8), (now + options.Value.ChartLinkLifetime).ToUnixTimeSeconds());
        var token = new byte[body.Length + MacSize];
        body.CopyTo(token, 0);
        HMACSHA256.HashData(_key, body).AsSpan(0, MacSize).CopyTo(token.AsSpan(body.Length));
        return pdfLinks.BaseUrl + PathPrefix + PdfLinks.Base64Url(token) + ".png";
    }

    /// <summary>The survey a token opens, or null when it is malformed, forged or expired.</summary>
    public Guid? Open(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        if (token.EndsWith(".png", StringComparison.Ordinal))
        {
            token = token[..^4];
        }

        byte[] bytes;
        try
        {
            bytes = PdfLinks.FromBase64Url(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != 24 + MacSize)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, bytes.AsSpan(0, 24)).AsSpan(0, MacSize);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(24)))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16, 8)));
        return now >= expires ? null : new Guid(bytes.AsSpan(0, 16));
    }
}

/// <summary><c>GET /thermometer-grafiek/{token}</c>: the chart PNG of a released result; every refusal is the same 404.</summary>
public static class ThermometerChartEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapThermometerChart(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(ThermometerChartLinks.PathPrefix + "{token}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string token, HttpContext http, ThermometerChartLinks links, IServiceScopeFactory scopes, IOptions<ThermometerOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "private, max-age=300";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        // Teams shows the image inside its own page: the one response the bot lets another origin embed.
        http.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        if (links.Open(token, clock.GetUtcNow()) is not { } surveyId)
        {
            return Results.NotFound();
        }

        await using var scope = scopes.CreateAsyncScope();
        var chart = await scope.ServiceProvider.GetRequiredService<ThermometerSurveys>().ChartAsync(surveyId, options.Value.Thresholds, cancellationToken).ConfigureAwait(false);
        return chart is null ? Results.NotFound() : Results.File(chart, "image/png");
    }
}
