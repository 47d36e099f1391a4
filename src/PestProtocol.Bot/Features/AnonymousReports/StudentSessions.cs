using System.Security.Cryptography;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// After a correct code + passphrase the student's thread card carries a random session token, so they can answer
/// without typing the passphrase again. Tokens live in memory only (30 minutes; a restart ends them) and map to a
/// report id: no conversation, no user.
/// </summary>
public sealed class StudentSessions(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Guid ReportId, DateTimeOffset Until)> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new token for the report.</summary>
    public string Open(Guid reportId)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            Prune();
            _sessions[token] = (reportId, time.GetUtcNow() + Lifetime);
        }

        return token;
    }

    /// <summary>The report of a live token.</summary>
    public bool TryGet(string? token, out Guid reportId)
    {
        reportId = Guid.Empty;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        lock (_gate)
        {
            Prune();
            if (_sessions.TryGetValue(token, out var session))
            {
                reportId = session.ReportId;
                return true;
            }
        }

        return false;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _sessions.Where(s => s.Value.Until <= now).Select(s => s.Key).ToList())
        {
            _sessions.Remove(expired);
        }
    }
}
