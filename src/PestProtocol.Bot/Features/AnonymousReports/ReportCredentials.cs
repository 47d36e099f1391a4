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

    /// <summary>
    /// What the card lets through as a code (<c>regex</c> of the code field): exactly the texts <see cref="NormalizeCode"/>
    /// accepts — six code symbols, either case, with spaces, dashes or dots anywhere. Anchored: Adaptive Cards test the
    /// pattern with JavaScript's <c>RegExp.test</c>, which otherwise matches a part.
    /// </summary>
    public const string CodeCardPattern = @"^[\s.\-]*(?:[2-9A-HJKMNP-TV-Za-hjkmnp-tv-z][\s.\-]*){6}$";

    /// <summary>
    /// What the card lets through as a passphrase: twelve symbols of the passphrase alphabet (with the look-alikes O, I and L,
    /// either case) and separators — the texts whose <see cref="NormalizePassphrase"/> can be a passphrase at all.
    /// </summary>
    public const string PassphraseCardPattern = @"^[\s.\-]*(?:[0-9A-TV-Za-tv-z][\s.\-]*){12}$";

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
