namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Recognises a report text that cannot be a report: too short, no letters, or one key held down.</summary>
public static class ReportTextCheck
{
    /// <summary>True when the text tells something: at least 3 words with letters and at least 4 different letters.</summary>
    public static bool TellsSomething(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));
        var letters = text.Where(char.IsLetter).Select(char.ToLowerInvariant).Distinct().Count();
        return words >= 3 && letters >= 4;
    }
}
