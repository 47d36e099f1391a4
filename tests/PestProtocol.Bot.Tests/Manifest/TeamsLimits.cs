using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>
/// The limits Teams enforces on bot commands that the v1.29 JSON schema leaves wider
/// (the schema allows a 128-character title; Teams shows and accepts at most 32).
/// </summary>
internal static partial class TeamsLimits
{
    public const int CommandTitleMax = 32;
    public const int CommandDescriptionMax = 128;

    /// <summary>Every command title/description in a manifest that is too long, as readable lines.</summary>
    public static IReadOnlyList<string> ProblemsInManifest(JsonObject manifest)
    {
        var problems = new List<string>();
        foreach (var (path, text) in CommandTexts(manifest))
        {
            Check(path, text, problems);
        }
        return problems;
    }

    /// <summary>Every translated command title/description in a localization file that is too long.</summary>
    public static IReadOnlyList<string> ProblemsInLocalization(JsonObject localization)
    {
        var problems = new List<string>();
        foreach (var (key, value) in localization)
        {
            if (CommandKey().IsMatch(key) && value is JsonValue text)
            {
                Check(key, text.GetValue<string>(), problems);
            }
        }
        return problems;
    }

    /// <summary>(path in localization-key syntax, text) of every command title and description.</summary>
    public static IEnumerable<(string Path, string Text)> CommandTexts(JsonObject manifest)
    {
        var bots = manifest["bots"]?.AsArray() ?? [];
        for (var b = 0; b < bots.Count; b++)
        {
            var lists = bots[b]?["commandLists"]?.AsArray() ?? [];
            for (var l = 0; l < lists.Count; l++)
            {
                var commands = lists[l]?["commands"]?.AsArray() ?? [];
                for (var c = 0; c < commands.Count; c++)
                {
                    var where = string.Create(CultureInfo.InvariantCulture, $"bots[{b}].commandLists[{l}].commands[{c}]");
                    yield return ($"{where}.title", commands[c]?["title"]?.GetValue<string>() ?? "");
                    if (commands[c]?["description"] is JsonValue description)
                    {
                        yield return ($"{where}.description", description.GetValue<string>());
                    }
                }
            }
        }
    }

    private static void Check(string path, string text, List<string> problems)
    {
        var max = path.EndsWith(".title", StringComparison.Ordinal) ? CommandTitleMax : CommandDescriptionMax;
        var length = text.EnumerateRunes().Count();
        if (length > max)
        {
            problems.Add($"{path} is {length} characters, Teams allows at most {max}");
        }
    }

    [GeneratedRegex(@"^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.(title|description)$")]
    private static partial Regex CommandKey();
}
