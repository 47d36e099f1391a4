using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Argon2id cost parameters.</summary>
/// <param name="MemoryKiB">Memory per hash in KiB.</param>
/// <param name="Iterations">Passes over the memory.</param>
/// <param name="Parallelism">Lanes.</param>
public sealed record Argon2Parameters(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>19 MiB, 2 passes, 1 lane (OWASP's minimum for Argon2id); about 100–250 ms on the bot's hardware.</summary>
    public static Argon2Parameters Default { get; } = new(19 * 1024, 2, 1);
}

/// <summary>
/// Hashes report passphrases with Argon2id and a random 16-byte salt; the stored form carries its parameters
/// (<c>argon2id$m=…,t=…,p=…$salt$hash</c>, base64) so they can be raised later. Verification recomputes the hash
/// with the stored parameters and compares in constant time.
/// </summary>
public sealed class PassphraseHasher(Argon2Parameters parameters)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A hash with a dummy passphrase, verified when a code is unknown so both paths cost the same.</summary>
    private readonly Lazy<string> _dummy = new(() => HashWith(parameters, "0000", RandomNumberGenerator.GetBytes(SaltBytes)));

    /// <summary>The parameters new hashes use.</summary>
    public Argon2Parameters Parameters { get; } = parameters;

    /// <summary>Hashes a (normalised) passphrase.</summary>
    public string Hash(string passphrase) => HashWith(Parameters, passphrase, RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>True when <paramref name="passphrase"/> matches <paramref name="stored"/>; with a null <paramref name="stored"/> it does the same work and returns false.</summary>
    public bool Verify(string? passphrase, string? stored)
    {
        // A blank passphrase (" " passes a card's required check) is a wrong one: Argon2 refuses an empty input, so the
        // same slow work is done on a placeholder, and the answer is false whatever is stored.
        var blank = string.IsNullOrEmpty(passphrase);
        var input = blank ? "\u0000blank" : passphrase!;
        var target = stored ?? _dummy.Value;
        var parts = target.Split('$');
        if (parts.Length != 4 || parts[0] != "argon2id")
        {
            return false;
        }

        var settings = parts[1].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Compute(new Argon2Parameters(settings["m"], settings["t"], settings["p"]), input, salt, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && stored is not null && !blank;
    }

    private static string HashWith(Argon2Parameters parameters, string passphrase, byte[] salt)
    {
        var hash = Compute(parameters, passphrase, salt, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"argon2id$m={parameters.MemoryKiB},t={parameters.Iterations},p={parameters.Parallelism}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    private static byte[] Compute(Argon2Parameters parameters, string passphrase, byte[] salt, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(passphrase))
        {
            Salt = salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
        };
        return argon.GetBytes(length);
    }
}
