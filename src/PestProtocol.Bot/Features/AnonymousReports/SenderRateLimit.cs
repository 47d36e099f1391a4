using System.Security.Cryptography;
using System.Text;
using PestProtocol.BotFramework.Builder;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// At most <see cref="ReportLimits.ReportsPerSenderPerDay"/> anonymous reports per sender per day, counted in memory
/// only, under HMAC-SHA256 of the sender's id with a random key that is made anew each (UTC) day and never stored:
/// yesterday's counts cannot be linked to anyone, not even by the bot. A restart forgets the counts.
/// This is the only place in the module that reads the sender's id.
/// </summary>
public sealed class SenderRateLimit(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private DateOnly _day;
    private byte[] _key = [];

    /// <summary>True when this turn's sender may send another report today.</summary>
    public bool MaySend(ITurnContext turnContext)
    {
        lock (_gate)
        {
            var key = KeyOf(turnContext);
            return key is null || _counts.GetValueOrDefault(key) < ReportLimits.ReportsPerSenderPerDay;
        }
    }

    /// <summary>Counts a sent report for this turn's sender.</summary>
    public void Count(ITurnContext turnContext)
    {
        lock (_gate)
        {
            if (KeyOf(turnContext) is { } key)
            {
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
        }
    }

    private string? KeyOf(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _counts.Clear();
            CryptographicOperations.ZeroMemory(_key);
            _key = RandomNumberGenerator.GetBytes(32);
        }

        var from = turnContext.Activity.From;
        var id = string.IsNullOrEmpty(from?.AadObjectId) ? from?.Id : from.AadObjectId;
        return string.IsNullOrEmpty(id) ? null : Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id)));
    }
}
