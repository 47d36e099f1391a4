using System.Text.Json.Nodes;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// The checks a /melding card needs beyond its fixed rules: the inputs and toggles the pressed button asks
/// for (<see cref="MeldingCardParts.RequiredKey"/>, <see cref="MeldingCardParts.TickKey"/>), e.g. a note only
/// when the suspicion is not confirmed, or "chosen together with the student" for every route button.
/// </summary>
public static class MeldingSubmitRules
{
    /// <summary>
    /// The card prompt of /melding, with these checks. A submit that misses something comes back as the same card, with
    /// everything the person filled in and the reasons on it (<see cref="CardPrompt"/>): typed text is never lost.
    /// </summary>
    public static CardPrompt CreatePrompt(string dialogId) => new(dialogId, check: CheckUnlessLater);

    /// <summary>"Later verder" needs nothing filled in; any other button what it asks for.</summary>
    public static string? CheckUnlessLater(CardSubmit submit) =>
        submit?.GetString(MeldingCardParts.ChoiceKey) == MeldingCardParts.Later ? null : Check(submit!);

    /// <summary>The reasons the submit misses what its button needs, or null.</summary>
    public static string? Check(CardSubmit submit)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var problems = new List<string>();
        if (submit.Data[MeldingCardParts.RequiredKey] is JsonObject required)
        {
            foreach (var (id, label) in required)
            {
                if (string.IsNullOrWhiteSpace(submit.GetString(id)))
                {
                    problems.Add($"Vul '{label?.GetValue<string>() ?? id}' in.");
                }
            }
        }

        if (submit.Data[MeldingCardParts.TickKey] is JsonObject ticked)
        {
            foreach (var (id, label) in ticked)
            {
                if (!string.Equals(submit.GetString(id), "true", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"Vink '{label?.GetValue<string>() ?? id}' aan.");
                }
            }
        }

        return problems.Count == 0 ? null : string.Join("\n\n", problems);
    }
}
