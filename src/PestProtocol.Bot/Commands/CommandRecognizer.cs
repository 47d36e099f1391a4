using System.Text.Json;
using PestProtocol.Bot.Configuration;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Commands;

/// <summary>What the user asked for in this message, if it is a command rather than an answer.</summary>
public abstract record RecognizedCommand
{
    /// <summary>"help", "hulp", "?": the help card.</summary>
    public sealed record Help : RecognizedCommand;

    /// <summary>"stop", "annuleer": leave the current dialog.</summary>
    public sealed record Stop : RecognizedCommand;

    /// <summary>"stappen", "protocol": the flowchart of the protocol.</summary>
    public sealed record ProtocolOverview : RecognizedCommand;

    /// <summary>"bijlage 5": one appendix of the protocol.</summary>
    public sealed record Appendix(int Number) : RecognizedCommand;

    /// <summary>A command that begins a dialog; <see cref="Argument"/> is what followed it ("status ABC-123").</summary>
    public sealed record Start(BotCommand Command, string? Argument) : RecognizedCommand;
}

/// <summary>
/// Recognises commands in typed text (with or without a leading slash, any case, Teams' &lt;at&gt;
/// mention removed) and in help-card buttons (Action.Submit data <c>{"command": "…"}</c>).
/// Commands are registered by name: a command word or alias that another command (or a built-in word such as
/// "help" or "stop") already uses stops the bot at start (<see cref="BotConfigurationException"/> naming both),
/// instead of the later one silently never being recognised.
/// </summary>
public sealed class CommandRecognizer
{
    /// <summary>The submit data key a command button carries.</summary>
    public const string CommandDataKey = "command";

    private static readonly string[] HelpWords = ["help", "hulp", "?", "menu", "wat kan ik", "wat kun je"];
    private static readonly string[] StopWords = ["stop", "stoppen", "annuleer", "annuleren", "cancel", "afbreken"];
    private static readonly string[] OverviewWords = ["stappen", "protocol", "stroomschema", "stappen van het protocol", "pestprotocol"];

    private readonly IReadOnlyList<BotCommand> _commands;

    /// <summary>True when a feature registered "thermometer" (staff start a class survey); without it the word shows Bijlage 2.</summary>
    private readonly bool _thermometerIsACommand;

    public CommandRecognizer(IEnumerable<BotCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        _commands = [.. commands.OrderBy(c => c.Order)];
        _thermometerIsACommand = _commands.Any(c => c.Name == "thermometer");
        var problems = DuplicateWords(_commands);
        if (problems.Count > 0)
        {
            throw new BotConfigurationException(problems);
        }
    }

    public IReadOnlyList<BotCommand> Commands => _commands;

    public RecognizedCommand? Recognize(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (PromptCard.TryGetSubmittedData(activity, out var data))
        {
            return data.ValueKind == JsonValueKind.Object && data.TryGetProperty(CommandDataKey, out var command) && command.ValueKind == JsonValueKind.String
                ? RecognizeText(command.GetString())
                : null;
        }

        return activity.Type == ActivityTypes.Message ? RecognizeText(activity.Text) : null;
    }

    public RecognizedCommand? RecognizeText(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0 || normalized.Length > 80)
        {
            return null;
        }

        if (HelpWords.Contains(normalized))
        {
            return new RecognizedCommand.Help();
        }

        if (StopWords.Contains(normalized))
        {
            return new RecognizedCommand.Stop();
        }

        if (OverviewWords.Contains(normalized))
        {
            return new RecognizedCommand.ProtocolOverview();
        }

        if (!_thermometerIsACommand && normalized is "thermometer" or "thermometer pesten")
        {
            // Bijlage 2: the anonymous class questionnaire a mentor can hand out.
            return new RecognizedCommand.Appendix(2);
        }

        if (normalized is "tips" or "tips online" or "tip" or "tips digitaal pesten")
        {
            // Bijlage 5 (word for word) with the current tips beside it.
            return new RecognizedCommand.Appendix(5);
        }

        if (normalized.StartsWith("bijlage", StringComparison.Ordinal)
            && int.TryParse(normalized.AsSpan("bijlage".Length).Trim(), out var number) && number is >= 1 and <= 8)
        {
            return new RecognizedCommand.Appendix(number);
        }

        foreach (var command in _commands)
        {
            foreach (var word in command.Aliases.Prepend(command.Name))
            {
                if (normalized == word)
                {
                    return new RecognizedCommand.Start(command, null);
                }

                if (normalized.StartsWith(word + " ", StringComparison.Ordinal))
                {
                    // The argument as typed (case kept), without the @mention Teams puts in a group chat or channel.
                    return new RecognizedCommand.Start(command, WithoutMention(text!).TrimStart('/')[word.Length..].Trim());
                }
            }
        }

        return null;
    }

    /// <summary>Every word that two commands (or a command and a built-in word) both claim, as a sentence for an administrator.</summary>
    private static List<string> DuplicateWords(IReadOnlyList<BotCommand> commands)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in HelpWords.Concat(StopWords).Concat(OverviewWords).Concat(commands.Any(c => c.Name == "thermometer") ? [] : new[] { "thermometer" }))
        {
            owners[word] = "a built-in word";
        }

        var problems = new List<string>();
        foreach (var command in commands)
        {
            if (string.IsNullOrWhiteSpace(command.Name))
            {
                problems.Add($"Commands: a command for dialog '{command.DialogId}' has no name.");
                continue;
            }

            var owner = $"the command '{command.Name}'";
            foreach (var word in command.Aliases.Prepend(command.Name).Select(Normalize).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (owners.TryGetValue(word, out var earlier))
                {
                    problems.Add($"Commands: '{word}' is registered twice, by {earlier} and by {owner}. Give one of them another word.");
                }
                else if (word.StartsWith("bijlage", StringComparison.Ordinal))
                {
                    problems.Add($"Commands: '{word}' of {owner} is taken by the built-in 'bijlage 1' … 'bijlage 8'.");
                }
                else
                {
                    owners[word] = owner;
                }
            }
        }

        return problems;
    }

    /// <summary>Lower case, no mention, no leading slash, single spaces, no trailing punctuation.</summary>
    internal static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        return WithoutMention(text).TrimStart('/').TrimEnd('.', '!').Trim().ToLowerInvariant();
    }

    /// <summary>The text without Teams' &lt;at&gt;…&lt;/at&gt; mention, single spaces, trimmed.</summary>
    private static string WithoutMention(string text)
    {
        var withoutMention = System.Text.RegularExpressions.Regex.Replace(text, "<at>.*?</at>", " ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50));
        return string.Join(' ', withoutMention.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
