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

    /// <summary>The start of the reference made for a student typed by hand who is not in the directory.</summary>
    public const string TypedStudentPrefix = "buiten-directory-";

    /// <summary>The longest name a user may type for a student not in the directory.</summary>
    public const int MaxTypedName = 100;

    /// <summary>Told when a picked student is not (or no longer) in the directory.</summary>
    public const string UnknownPickText = "Die leerling kan ik niet vinden in de schoolgegevens. Kies de leerling opnieuw in de lijst, of typ de naam in het veld eronder.";

    /// <summary>Told when a typed name fits several students.</summary>
    public const string AmbiguousNameText = "Er zijn meerdere leerlingen met die naam. Kies de juiste leerling in de lijst (zoek op naam of klas).";

    /// <summary>The bully named earlier in the dossier, if any (the latest one named).</summary>
    public static string? KnownBully(Case @case) => KnownBullyParticipant(@case)?.Reference;

    /// <summary>The bully named earlier in the dossier, with a typed name when he is not in the directory.</summary>
    public static CaseParticipant? KnownBullyParticipant(Case @case)
    {
        var last = @case?.Dossier.SelectMany(e => e.Participants).LastOrDefault(p => p.Role == ParticipantRole.Bully)?.Reference;
        return last is null ? null : @case!.Bullies.FirstOrDefault(b => b.Reference == last);
    }

    /// <summary>The bully from a student field (<paramref name="fieldId"/> and its typed twin), else the one known, else "not in the directory".</summary>
    public async Task<CaseParticipant> BullyAsync(CardSubmit submit, string fieldId, Case @case, CancellationToken cancellationToken) =>
        await StudentAsync(submit, fieldId, ParticipantRole.Bully, @case, cancellationToken).ConfigureAwait(false)
        ?? KnownBullyParticipant(@case)
        ?? new CaseParticipant(BullyNotInDirectory, ParticipantRole.Bully);

    /// <summary>Every bully the dossier names, and the one picked on this card when he is new (B.3, herstelgesprek).</summary>
    public static IReadOnlyList<CaseParticipant> AllBullies(Case @case, CaseParticipant? picked)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var all = @case.Bullies.ToList();
        if (picked is not null && all.All(b => b.Reference != picked.Reference))
        {
            all.Add(picked);
        }

        return all;
    }

    /// <summary>
    /// The student filled in on a student field, in <paramref name="role"/>, or null when both fields are empty. A pick
    /// from the list is a directory id (checked, never trusted); a typed name is looked up, and when no student has it
    /// (e.g. someone at another school) it is kept as typed, under a reference of its own (the same one when this case
    /// already has a student typed with that name). A pick the directory does not know, or a name several students
    /// share, is refused with what to do.
    /// </summary>
    public async Task<CaseParticipant?> StudentAsync(CardSubmit submit, string fieldId, ParticipantRole role, Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(@case);
        var picked = submit.GetString(fieldId)?.Trim();
        if (!string.IsNullOrEmpty(picked))
        {
            var id = await search.ResolveOneAsync(picked, cancellationToken).ConfigureAwait(false);
            return id is null || string.Equals(id, @case.StudentRef, StringComparison.OrdinalIgnoreCase)
                ? throw Refusal(UnknownPickText)
                : new CaseParticipant(id, role);
        }

        var typed = string.Join(' ', (submit.GetString(fieldId + "Naam") ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (typed.Length == 0)
        {
            return null;
        }

        if (typed.Length > MaxTypedName || typed.Any(char.IsControl))
        {
            throw Refusal($"De naam is te lang: hooguit {MaxTypedName} tekens.");
        }

        var found = await search.ResolveAsync(typed, cancellationToken).ConfigureAwait(false);
        if (found.Count == 1)
        {
            return string.Equals(found[0].Id, @case.StudentRef, StringComparison.OrdinalIgnoreCase)
                ? throw Refusal("Dat is de leerling om wie het in deze melding gaat. Kies of typ de andere leerling.")
                : new CaseParticipant(found[0].Id, role);
        }

        if (found.Count > 1)
        {
            throw Refusal(AmbiguousNameText);
        }

        var same = @case.Dossier.SelectMany(e => e.Participants)
            .FirstOrDefault(p => p.Name is not null && string.Equals(p.Name, typed, StringComparison.OrdinalIgnoreCase));
        return new CaseParticipant(same?.Reference ?? TypedStudentPrefix + Guid.NewGuid().ToString("N"), role, typed);
    }

    private static ProtocolViolationException Refusal(string nl) => new(ViolationCode.InvalidInput, nl, nl);

    /// <summary>
    /// The bullies the dossier names, for a step card seen by the staff of the case: "Lars Hoekstra (2b)", a typed name as
    /// typed, "een leerling van een andere school"; joined with "en". Null when none is named yet.
    /// </summary>
    public async Task<string?> KnownBulliesAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var names = new List<string>();
        foreach (var bully in @case.Bullies)
        {
            if (bully.Name is { } typed)
            {
                names.Add(typed);
            }
            else if (bully.Reference == BullyNotInDirectory)
            {
                names.Add("een leerling van een andere school");
            }
            else
            {
                var found = await search.ResolveAsync(bully.Reference, cancellationToken).ConfigureAwait(false);
                names.Add(found.Count == 1 && found[0].Id == bully.Reference ? StudentSearch.Title(found[0]) : "een leerling die niet (meer) in de schoolgegevens staat");
            }
        }

        return names.Count == 0 ? null : List(names);
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
