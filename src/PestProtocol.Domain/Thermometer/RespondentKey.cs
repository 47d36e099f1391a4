using System.Security.Cryptography;
using System.Text;

namespace PestProtocol.Domain.Thermometer;

/// <summary>
/// One response per student without storing who answered. While a survey is open it has a secret key; a student who
/// sends his answers leaves only <c>HMAC-SHA256(key, survey id + student id)</c> in the survey's list of respondents,
/// in a table apart from the answers. With the key the bot can tell "this student already answered" and "these
/// students have not, remind them"; without it a token is 32 random-looking bytes that match no student. At close the
/// key is destroyed (zeroed here, deleted from storage by the caller), so afterwards nobody — not the school, not an
/// operator with the database — can learn who answered.
/// </summary>
public sealed class RespondentKey : IDisposable
{
    /// <summary>Key length in bytes.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _key;
    private bool _destroyed;

    private RespondentKey(byte[] key)
    {
        _key = key;
    }

    /// <summary>A fresh random key for a new survey.</summary>
    public static RespondentKey Create() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>A key loaded from storage (the bytes are copied).</summary>
    public static RespondentKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A respondent key has {KeyLength} bytes.", nameof(key));
        }

        return new RespondentKey(key.ToArray());
    }

    /// <summary>True once <see cref="Destroy"/> ran.</summary>
    public bool IsDestroyed => _destroyed;

    /// <summary>The key bytes, for storage while the survey is open.</summary>
    public byte[] Export()
    {
        ObjectDisposedException.ThrowIf(_destroyed, this);
        return _key.ToArray();
    }

    /// <summary>The respondent token of one student in one survey.</summary>
    public string TokenFor(Guid surveyId, string studentId)
    {
        ObjectDisposedException.ThrowIf(_destroyed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(studentId);
        var message = Encoding.UTF8.GetBytes($"{surveyId:N}\n{studentId}");
        return Convert.ToBase64String(HMACSHA256.HashData(_key, message));
    }

    /// <summary>
    /// The students of <paramref name="roster"/> whose token is not among <paramref name="respondentTokens"/>: the
    /// ones to remind. Computed in memory for the reminder and never stored as a list.
    /// </summary>
    public IReadOnlyList<string> NotYetAnswered(Guid surveyId, IEnumerable<string> roster, IReadOnlySet<string> respondentTokens) =>
        roster.Where(s => !respondentTokens.Contains(TokenFor(surveyId, s))).ToList();

    /// <summary>Zeroes the key. After this no token can be computed again.</summary>
    public void Destroy()
    {
        CryptographicOperations.ZeroMemory(_key);
        _destroyed = true;
    }

    /// <inheritdoc />
    public void Dispose() => Destroy();
}
