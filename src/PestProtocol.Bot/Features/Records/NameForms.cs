using System.Text.RegularExpressions;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// The ways free text names a student: the full display name ("Lars de Jong"), and, when no other person in the same
/// case shares them, the first name ("Lars") and the surname with its tussenvoegsel ("de Jong"). Used to take a
/// student's name out of free text: on erasure (wissen) and in a note for another student's Magister logbook.
/// </summary>
public static class NameForms
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The forms to replace, longest first. The short forms only when unambiguous: at least two letters, and not a
    /// word of any of <paramref name="otherNames"/> (another student or staff member in the case with that name).
    /// </summary>
    public static IReadOnlyList<string> Of(string? displayName, IEnumerable<string?> otherNames)
    {
        var full = Clean(displayName);
        if (full.Length == 0)
        {
            return [];
        }

        var forms = new List<string> { full };
        var words = full.Split(' ');
        if (words.Length < 2)
        {
            return forms;
        }

        var others = (otherNames ?? []).Select(Clean).Where(n => n.Length > 0 && !string.Equals(n, full, StringComparison.OrdinalIgnoreCase)).ToList();
        bool Unambiguous(string form) => form.Length >= 2 && !others.Any(o => Regex.IsMatch(o, $@"(?<!\p{{L}}){Regex.Escape(form)}(?!\p{{L}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout));
        var first = words[0];
        var surname = string.Join(' ', words.Skip(1));
        if (Unambiguous(surname))
        {
            forms.Add(surname);
        }

        if (Unambiguous(first))
        {
            forms.Add(first);
        }

        return forms;
    }

    /// <summary>
    /// <paramref name="text"/> with every form replaced by <paramref name="replacement"/>: the full name in any case, a
    /// short form only as a whole word written with its capital (so "Jong" is replaced, "jong" is not).
    /// </summary>
    public static string? Replace(string? text, IReadOnlyList<string> forms, string replacement)
    {
        ArgumentNullException.ThrowIfNull(forms);
        if (string.IsNullOrEmpty(text) || forms.Count == 0)
        {
            return text;
        }

        var result = text;
        for (var i = 0; i < forms.Count; i++)
        {
            var options = RegexOptions.CultureInvariant | (i == 0 ? RegexOptions.IgnoreCase : RegexOptions.None);
            result = Regex.Replace(result, $@"(?<!\p{{L}}){Regex.Escape(forms[i])}(?!\p{{L}})", replacement.Replace("$", "$$", StringComparison.Ordinal), options, Timeout);
        }

        return result;
    }

    /// <summary>"Lars de Jong (2b)" → "Lars de Jong"; spaces made single.</summary>
    public static string Clean(string? name)
    {
        var text = Regex.Replace(name ?? string.Empty, @"\s+", " ", RegexOptions.None, Timeout).Trim();
        var paren = text.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 && text.EndsWith(')') ? text[..paren] : text;
    }
}
