using System.Globalization;
using System.Text;

namespace PestProtocol.Bot.Features.StudentSide;

/// <summary>How worrying a student's message sounds.</summary>
public enum DistressLevel
{
    /// <summary>Nothing in the message sounds like bullying or distress.</summary>
    None,

    /// <summary>It sounds like bullying or unhappiness at school: a kind answer with what the student can do.</summary>
    Bullying,

    /// <summary>It sounds like the student is in danger or thinks of hurting themselves: help lines first.</summary>
    Danger,
}

/// <summary>
/// Recognises, without any external service, free text from a student that sounds like bullying or distress
/// ("ik word gepest", "ze schelden me uit", "ik wil niet meer naar school"). A curated Dutch phrase list; the text is
/// normalised first (case, accents, punctuation, repeated letters, common spelling variants such as "wordt"/"word" and
/// "mij"/"me"), the words of a phrase must come in order with at most two other words between them, and a word of five
/// letters or more may have one typo (one letter more, less, other, or two letters swapped).
/// </summary>
public static class DistressPhrases
{
    /// <summary>Phrases that mean danger: the help lines come first.</summary>
    public static readonly IReadOnlyList<string> DangerPhrases =
    [
        "wil dood", "dood willen", "niet meer leven", "zelfmoord", "mezelf iets aandoen", "mezelf pijn doen",
        "mezelf snijden", "er een eind aan maken", "wil er niet meer zijn", "niet meer wakker worden",
        "ze willen me slaan na school", "ze wachten me op", "ik ben in gevaar", "ze hebben een mes",
    ];

    /// <summary>Phrases and words that sound like bullying or unhappiness at school.</summary>
    public static readonly IReadOnlyList<string> BullyingPhrases =
    [
        // Being bullied, in the words students use.
        "gepest", "pesten me", "pest me", "pesten ons", "pestkop", "pesterij", "word gepest", "online gepest",
        "schelden me uit", "uitgescholden", "scheldt me uit", "lachen me uit", "uitgelachen",
        "buitengesloten", "sluiten me buit", "niemand wil met me", "mag niet meedoen", "niemand praat met me",
        "ik heb geen vrienden", "slaan me", "geslagen", "schoppen me", "geschopt", "duwen me", "bedreigd", "bedreigen me",
        "spullen afgepakt", "pakken mijn spullen", "maken mijn spullen kapot", "achter mijn rug",
        "roddelen over me", "nepaccount", "foto van me", "fotos van me", "filmpje van me", "in de groepsapp",
        "uit de groepsapp", "haten me", "iedereen haat me", "ze zitten aan me", "ze blijven aan me zitten",
        // Not wanting to go to school, feeling unsafe or alone.
        "niet meer naar school", "durf niet naar school", "wil niet naar school", "bang op school",
        "ik ben bang", "voel me alleen", "voel me niet veilig", "niet veilig op school", "ik ben verdrietig",
        "ik voel me rot", "ik voel me slecht",
    ];

    private static readonly Dictionary<string, string> Variants = new(StringComparer.Ordinal)
    {
        ["wordt"] = "word",
        ["wort"] = "word",
        ["mij"] = "me",
        ["mn"] = "mijn",
        ["m"] = "me",
        ["k"] = "ik",
        ["zn"] = "zijn",
        ["dr"] = "haar",
        ["ff"] = "even",
        ["skool"] = "school",
        ["scool"] = "school",
        ["schoool"] = "school",
    };

    private static readonly IReadOnlyList<string[]> Danger = [.. DangerPhrases.Select(Words)];
    private static readonly IReadOnlyList<string[]> Bullying = [.. BullyingPhrases.Select(Words)];

    /// <summary>How worrying <paramref name="text"/> sounds.</summary>
    public static DistressLevel Recognize(string? text)
    {
        var words = Words(text);
        if (words.Length == 0 || words.Length > 120)
        {
            return DistressLevel.None;
        }

        if (Danger.Any(phrase => Contains(words, phrase)))
        {
            return DistressLevel.Danger;
        }

        return Bullying.Any(phrase => Contains(words, phrase)) ? DistressLevel.Bullying : DistressLevel.None;
    }

    /// <summary>
    /// The text as words: lower case, accents removed, anything but letters and digits a word break, an apostrophe
    /// dropped ("foto's" → "fotos", "m'n" → "mn"), three or more of the same letter as two ("gepesttt" → "gepestt"), a
    /// doubled final consonant as one ("gepestt" → "gepest"), and spelling variants mapped to one form.
    /// </summary>
    public static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '`')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Canonical)];
    }

    private static string Canonical(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (builder.Length >= 2 && builder[^1] == c && builder[^2] == c)
            {
                continue;
            }

            builder.Append(c);
        }

        if (builder.Length >= 4 && builder[^1] == builder[^2] && !"aeiou".Contains(builder[^1], StringComparison.Ordinal))
        {
            builder.Length--;
        }

        var canonical = builder.ToString();
        return Variants.TryGetValue(canonical, out var variant) ? variant : canonical;
    }

    /// <summary>The phrase's words in order in <paramref name="words"/>, at most two other words between two of them.</summary>
    private static bool Contains(string[] words, string[] phrase)
    {
        for (var start = 0; start < words.Length; start++)
        {
            if (!Same(words[start], phrase[0]))
            {
                continue;
            }

            var at = start;
            var matched = 1;
            while (matched < phrase.Length)
            {
                var next = -1;
                for (var i = at + 1; i < words.Length && i <= at + 3; i++)
                {
                    if (Same(words[i], phrase[matched]))
                    {
                        next = i;
                        break;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                at = next;
                matched++;
            }

            if (matched == phrase.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same word, or (five letters or more) one typo apart.</summary>
    private static bool Same(string word, string expected) =>
        word == expected || (expected.Length >= 5 && word.Length >= 4 && OneEditApart(word, expected));

    /// <summary>Optimal string alignment distance at most 1: one insertion, deletion, substitution or swap of neighbours.</summary>
    private static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == a.Length && i == b.Length)
        {
            return true;
        }

        if (a.Length == b.Length)
        {
            // One substitution, or two neighbours swapped.
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        return a.Length > b.Length
            ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i))
            : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
