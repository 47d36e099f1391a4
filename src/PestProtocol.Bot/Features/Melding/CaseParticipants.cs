using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using Choice = PestProtocol.BotFramework.Cards.Choice;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// Who takes part in a step, as opaque references: the victim is the case's student; the bully is a student
/// picked on the card (or the one named earlier in the dossier); parents are referred to through their child.
/// </summary>
public sealed class CaseParticipants(StudentSearch search)
{
    /// <summary>The reference of a bully who is not in the directory (e.g. at another school). Never a name.</summary>
    public const string BullyNotInDirectory = "dader-buiten-school";

    /// <summary>The bully named earlier in the dossier, if any.</summary>
    public static string? KnownBully(Case @case) =>
        @case?.Dossier.SelectMany(e => e.Participants).LastOrDefault(p => p.Role == ParticipantRole.Bully)?.Reference;

    /// <summary>The bully from a student field (<paramref name="fieldId"/> and its typed twin), else the one known, else "not in the directory".</summary>
    public async Task<string> BullyAsync(CardSubmit submit, string fieldId, Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var picked = submit.GetString(fieldId);
        var typed = submit.GetString(fieldId + "Naam");
        var text = string.IsNullOrWhiteSpace(picked) ? typed : picked;
        if (!string.IsNullOrWhiteSpace(text))
        {
            return await search.ResolveOneAsync(text, cancellationToken).ConfigureAwait(false) ?? BullyNotInDirectory;
        }

        return KnownBully(@case) ?? BullyNotInDirectory;
    }

    /// <summary>The victim's classmates, to offer in a bully field before anything is typed.</summary>
    public Task<IReadOnlyList<Choice>> ClassmatesAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return search.SuggestAsync(@case.ClassName, @case.StudentRef, cancellationToken);
    }

    /// <summary>The staff members of the case, then the location's intern begeleider(s) and team leader(s), as choices "Naam (rol)", the user first.</summary>
    public static async Task<IReadOnlyList<Choice>> StaffChoicesAsync(ITurnContext turnContext, CaseSteps steps, LoadedCase loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var members = await turnContext.GetService<ICaseStore>().ListMembersAsync(loaded.Case.Id, cancellationToken).ConfigureAwait(false);
        var choices = new List<Choice> { new($"Ikzelf ({loaded.Person.DisplayName})", loaded.Person.Id) };
        foreach (var member in members.Where(m => !string.Equals(m.StaffId, loaded.Person.Id, StringComparison.OrdinalIgnoreCase)))
        {
            var person = await steps.Directory.FindPersonAsync(member.StaffId, cancellationToken).ConfigureAwait(false);
            if (person is not null && choices.All(c => c.Value != person.Id))
            {
                choices.Add(new Choice($"{person.DisplayName} ({RoleName(member.Role).Replace("de ", string.Empty, StringComparison.Ordinal)})", person.Id));
            }
        }

        // The protocol names the intern begeleider / zorgfunctionaris and the team leader of the location too (B.1).
        foreach (var role in (StaffRole[])[StaffRole.InternBegeleider, StaffRole.Teamleider])
        {
            var holders = await steps.Directory.GetRoleHoldersAsync(loaded.Case.LocationId, role, cancellationToken).ConfigureAwait(false);
            foreach (var person in holders.Where(p => choices.All(c => !string.Equals(c.Value, p.Id, StringComparison.OrdinalIgnoreCase))))
            {
                choices.Add(new Choice($"{person.DisplayName} ({RoleName(role).Replace("de ", string.Empty, StringComparison.Ordinal)})", person.Id));
            }
        }

        return choices;
    }

    /// <summary>The staff picked in a multi-select field, as participants.</summary>
    public static IEnumerable<CaseParticipant> Staff(CardSubmit submit, string fieldId) =>
        (submit?.GetString(fieldId) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => new CaseParticipant(id, ParticipantRole.Staff));

    /// <summary>The lines of a multi-line field, without blanks.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A follow-up date from a date field, as the moment of that morning; null when empty.</summary>
    public static DateTimeOffset? FollowUp(CardSubmit submit, string fieldId) =>
        DateOnly.TryParseExact(submit?.GetString(fieldId), "yyyy-MM-dd", out var day) ? SchoolTime.FollowUpMoment(day) : null;

    /// <summary>Whether a toggle is on.</summary>
    public static bool IsOn(CardSubmit submit, string fieldId) =>
        string.Equals(submit?.GetString(fieldId), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A text field, null when blank.</summary>
    public static string? Optional(CardSubmit submit, string fieldId) =>
        submit?.GetString(fieldId) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
