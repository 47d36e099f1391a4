using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PestProtocol.Bot.Features.Records;

/// <summary>Settings of the records feature (section <c>Records</c>).</summary>
public sealed class RecordsOptions
{
    /// <summary>How long a PDF link works. Default 10 minutes; the start-up check allows 1 minute to 1 hour.</summary>
    public TimeSpan PdfLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Base64 key (at least 32 bytes) that seals PDF links. Empty: a random key per start (links stop working at a restart
    /// and work only on the instance that made them; set a shared key when several instances serve the bot).
    /// </summary>
    public string? PdfLinkKey { get; set; }

    /// <summary>The address staff reach the bot at (https://bot.school.nl); empty: the first of <c>Urls</c>.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>What a PDF link stands for.</summary>
public sealed record PdfLinkTicket(Guid CaseId, string StaffId, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived links to a dossier's PDF. The link's token is sealed with AES-GCM (authenticated encryption: it cannot be
/// forged or changed) and carries the case id, the requesting staff member and the expiry, all unreadable from outside:
/// the link itself carries no personal data, not even an id.
/// </summary>
public sealed class PdfLinks
{
    public const string PathPrefix = "/dossier-pdf/";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;
    private readonly RecordsOptions _options;

    public PdfLinks(IOptions<RecordsOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _options = options.Value;
        _key = string.IsNullOrWhiteSpace(_options.PdfLinkKey)
            ? RandomNumberGenerator.GetBytes(32)
            : SHA256.HashData(Convert.FromBase64String(_options.PdfLinkKey));
        BaseUrl = (string.IsNullOrWhiteSpace(_options.PublicBaseUrl)
            ? (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:3978").Split(';')[0]
            : _options.PublicBaseUrl).TrimEnd('/');
    }

    /// <summary>Where the links point (scheme and host, no trailing slash).</summary>
    public string BaseUrl { get; }

    public TimeSpan Lifetime => _options.PdfLinkLifetime;

    /// <summary>A key of its own for another kind of link (e.g. the data-subject export), derived from this one: a token of one kind never opens as another.</summary>
    internal byte[] KeyFor(string purpose) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose));

    /// <summary>A link for this staff member to this case's PDF, valid for <see cref="Lifetime"/> from <paramref name="now"/>.</summary>
    public string Create(Guid caseId, string staffId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        var staff = Encoding.UTF8.GetBytes(staffId);
        var plain = new byte[16 + 8 + staff.Length];
        caseId.TryWriteBytes(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(plain.AsSpan(16, 8), (now + Lifetime).ToUnixTimeSeconds());
        staff.CopyTo(plain.AsSpan(24));

        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));
        return BaseUrl + PathPrefix + Base64Url(sealedBytes);
    }

    /// <summary>Opens a token; null when it is malformed, forged, made with another key, or expired.</summary>
    public PdfLinkTicket? Open(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = FromBase64Url(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceSize + 24 + 1 + TagSize)
        {
            return null;
        }

        var plainLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[plainLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plainLength), sealedBytes.AsSpan(NonceSize + plainLength, TagSize), plain);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(16, 8)));
        if (now >= expires)
        {
            return null;
        }

        return new PdfLinkTicket(new Guid(plain.AsSpan(0, 16)), Encoding.UTF8.GetString(plain.AsSpan(24)), expires);
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] FromBase64Url(string text)
    {
        foreach (var ch in text)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            {
                throw new FormatException("Not base64url.");
            }
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Bad length.") };
        return Convert.FromBase64String(padded);
    }
}
