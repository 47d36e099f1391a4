using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>The format a data-subject export link serves.</summary>
public enum SubjectExportFormat
{
    /// <summary>The readable document (plain text).</summary>
    Text = 0,

    /// <summary>The JSON document.</summary>
    Json = 1,
}

/// <summary>What an export link stands for: which student, for which coordinator, in which format, until when.</summary>
public sealed record SubjectExportTicket(string StudentId, string StaffId, SubjectExportFormat Format, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived links to a data-subject export, sealed like the dossier PDF's links (AES-GCM, with a key derived from the
/// PDF links' key for this purpose only; same lifetime, <see cref="RecordsOptions.PdfLinkLifetime"/>). The link carries no
/// readable id. The export is made again when the link is opened, after checking the coordinator's rights again.
/// </summary>
public sealed class SubjectExportLinks(PdfLinks pdfLinks)
{
    public const string PathPrefix = "/inzage/";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = pdfLinks.KeyFor("data-subject-export");

    public TimeSpan Lifetime => pdfLinks.Lifetime;

    /// <summary>A link for this coordinator to this student's export in <paramref name="format"/>, valid for <see cref="Lifetime"/>.</summary>
    public string Create(string studentId, string staffId, SubjectExportFormat format, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        var ids = Encoding.UTF8.GetBytes(studentId + "\n" + staffId);
        var plain = new byte[1 + 8 + ids.Length];
        plain[0] = (byte)format;
        BinaryPrimitives.WriteInt64BigEndian(plain.AsSpan(1, 8), (now + Lifetime).ToUnixTimeSeconds());
        ids.CopyTo(plain.AsSpan(9));
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));
        return pdfLinks.BaseUrl + PathPrefix + PdfLinks.Base64Url(sealedBytes);
    }

    /// <summary>Opens a token; null when it is malformed, forged, of another kind, or expired.</summary>
    public SubjectExportTicket? Open(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = PdfLinks.FromBase64Url(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceSize + 9 + 3 + TagSize)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize), plain);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(1, 8)));
        var ids = Encoding.UTF8.GetString(plain.AsSpan(9)).Split('\n');
        if (now >= expires || ids.Length != 2 || plain[0] > (byte)SubjectExportFormat.Json)
        {
            return null;
        }

        return new SubjectExportTicket(ids[0], ids[1], (SubjectExportFormat)plain[0], expires);
    }
}
