using System.Security.Cryptography;
using System.Text;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>The report code and passphrase a student follows an anonymous report with.</summary>
/// <param name="Code">Shown as <c>K7M-4QX</c>.</param>
/// <param name="Passphrase">Shown as <c>7QKM-2HXD-9RTA</c>.</param>
public sealed record ReportCredentials(string Code, string Passphrase)
{
    /// <summary>
    /// Code alphabet: digits and capitals without the look-alikes 0/O, 1/I/L and U (30 symbols).
    /// 6 symbols: log2(30^6) = 29.4 bits.
    /// </summary>
    public const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Crockford base32 (32 symbols, 5 bits each). 12 symbols: 60 bits. Code + passphrase: 89.4 bits.</summary>
    public const string PassphraseAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private const int CodeLength = 6;
    private const int PassphraseLength = 12;

    /// <summary>New random credentials (cryptographic RNG).</summary>
    public static ReportCredentials Create() =>
        new(Group(RandomNumberGenerator.GetString(CodeAlphabet, CodeLength), 3), Group(RandomNumberGenerator.GetString(PassphraseAlphabet, PassphraseLength), 4));

    /// <summary>A typed code as stored (upper case, no dashes or spaces), or null when it cannot be a code.</summary>
    public static string? NormalizeCode(string? typed)
    {
        var clean = Clean(typed);
        return clean.Length == CodeLength && clean.All(c => CodeAlphabet.Contains(c, StringComparison.Ordinal)) ? clean : null;
    }

    /// <summary>A typed passphrase as hashed: upper case, without separators, with Crockford's look-alikes mapped (O→0, I/L→1).</summary>
    public static string NormalizePassphrase(string? typed)
    {
        var clean = Clean(typed);
        var builder = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            builder.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
        }

        return builder.ToString();
    }

    /// <summary>A stored code shown with its dash.</summary>
    public static string ShowCode(string normalized) => Group(normalized, 3);

    private static string Clean(string? typed) =>
        string.Concat((typed ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '.')).ToUpperInvariant();

    private static string Group(string value, int size) =>
        string.Join('-', Enumerable.Range(0, (value.Length + size - 1) / size).Select(i => value.Substring(i * size, Math.Min(size, value.Length - (i * size)))));
}
