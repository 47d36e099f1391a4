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
        ArgumentNullException.ThrowIfNull(values);
        var previous = _current.Value;
        _current.Value = Distinct(values);
        return new Restore(this, previous);
    }

    // The values of 3 characters or more, each once, longest first (a longer id that contains a shorter one is replaced
    // whole); equal lengths keep their order. A handful of values per turn: no LINQ, one array.
    private static string[] Distinct(IEnumerable<string?> values)
    {
        var kept = new List<string>(8);
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length < 3 || kept.Contains(value, StringComparer.Ordinal))
            {
                continue;
            }

            var at = kept.Count;
            while (at > 0 && kept[at - 1].Length < value.Length)
            {
                at--;
            }

            kept.Insert(at, value);
        }

        return [.. kept];
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
