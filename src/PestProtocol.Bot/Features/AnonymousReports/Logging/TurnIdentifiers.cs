namespace PestProtocol.Bot.Features.AnonymousReports.Logging;

/// <summary>
/// The identifying values of the turn being handled (the sender's ids and name, the conversation and tenant ids),
/// held in memory for the turn only so that the redacting logger can strip them from every log line of the turn.
/// </summary>
public sealed partial class TurnIdentifiers
{
    private readonly AsyncLocal<string[]?> _current = new();

    /// <summary>The values to strip now (empty outside a turn).</summary>
    public IReadOnlyList<string> Current => _current.Value ?? [];

    /// <summary>Sets the values for the rest of this async flow; dispose to clear.</summary>
    public IDisposable Push(IEnumerable<string?> values)
    {
        var previous = _current.Value;
        _current.Value = [.. values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length >= 3).Select(v => v!).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
        return new Restore(this, previous);
    }

    /// <summary><paramref name="text"/> with every identifying value of the turn and every Teams id replaced by "[redacted]".</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in Current)
        {
            text = text.Replace(value, "[redacted]", StringComparison.OrdinalIgnoreCase);
        }

        return TeamsIds().Replace(text, "[redacted]");
    }

    /// <summary>True when <paramref name="text"/> holds something to redact.</summary>
    public bool NeedsRedaction(string text) =>
        Current.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)) || TeamsIds().IsMatch(text);

    // Teams user and conversation ids ("29:…", "8:orgid:…", "a:…", "19:…@thread…").
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:29|28|8:orgid|a|19):[A-Za-z0-9_\-@.:]{6,}")]
    private static partial System.Text.RegularExpressions.Regex TeamsIds();

    private sealed class Restore(TurnIdentifiers owner, string[]? previous) : IDisposable
    {
        public void Dispose() => owner._current.Value = previous;
    }
}
