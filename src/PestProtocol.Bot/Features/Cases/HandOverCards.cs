using System.Text.Json;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>What a handover card shows (names from the directory when the card is built).</summary>
/// <param name="CaseCode">"2026-0007".</param>
/// <param name="StudentName">The student concerned.</param>
/// <param name="ClassName">Their class.</param>
/// <param name="ByName">Who handed the case over (or signalled, at intake).</param>
/// <param name="ByRole">In which role.</param>
/// <param name="NewOwnerName">Who holds the case now.</param>
/// <param name="NewOwnerRole">In which role.</param>
/// <param name="Reason">The reason in the dossier.</param>
/// <param name="StepTitle">Where the case stands.</param>
/// <param name="NextAction">What has to happen next.</param>
/// <param name="AtIntake">Handed on right after a colleague signalled (step 1 waits).</param>
public sealed record HandOverView(
    string CaseCode,
    string StudentName,
    string ClassName,
    string ByName,
    StaffRole ByRole,
    string NewOwnerName,
    StaffRole NewOwnerRole,
    string Reason,
    string StepTitle,
    string NextAction,
    bool AtIntake);

/// <summary>The cards of a handover: for the new owner, for the old owner, and the owner's card to choose a colleague.</summary>
public static class HandOverCards
{
    /// <summary>The colleague input.</summary>
    public const string ColleagueId = "collega";

    /// <summary>The reason input.</summary>
    public const string ReasonId = "reden";

    /// <summary>The choice key in the submit data.</summary>
    public const string ChoiceKey = "keuze";

    /// <summary>Choice: hand over.</summary>
    public const string HandOver = "overdragen";

    /// <summary>Choice: keep the case.</summary>
    public const string Keep = "houden";

    /// <summary>The longest reason.</summary>
    public const int MaxReason = 1000;

    /// <summary>The new owner's card: the case is theirs now, with a button to continue at the step it is in.</summary>
    public static AdaptiveCard ForNewOwner(HandOverView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var heading = view.AtIntake ? $"Melding {view.CaseCode}: jij gaat verder" : $"Melding {view.CaseCode} is aan jou overgedragen";
        var intro = view.AtIntake
            ? $"{view.ByName} ({DutchNames.Of(view.ByRole)}) heeft een vermoeden van pesten gemeld over {view.StudentName} ({view.ClassName}). Stap 1 is vastgelegd; jij bent nu aan zet."
            : $"{view.ByName} ({DutchNames.Of(view.ByRole)}) heeft de melding over {view.StudentName} ({view.ClassName}) aan jou overgedragen. Jij bent nu aan zet.";
        var card = NewCard(
            Heading(heading),
            Paragraph(intro),
            new FactSet
            {
                Facts =
                [
                    new Fact("Leerling", $"{view.StudentName} ({view.ClassName})"),
                    new Fact("Stap", view.StepTitle),
                    new Fact("Reden", view.Reason),
                    new Fact("Dossier", view.CaseCode),
                ],
            },
            Paragraph("Wat nu: " + view.NextAction));
        card.Actions =
        [
            CommandButton(view.AtIntake ? "Verder met stap 1" : "Verder met de melding", "melding " + view.CaseCode),
            CommandButton("Open dossier", "dossier " + view.CaseCode),
        ];
        card.FallbackText = $"Melding {view.CaseCode} is aan jou overgedragen. Typ 'melding {view.CaseCode}' om verder te gaan.";
        return card;
    }

    /// <summary>The old owner's card when someone else (a coordinator) assigned the case to a colleague.</summary>
    public static AdaptiveCard ForOldOwner(HandOverView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var card = NewCard(
            Heading($"Melding {view.CaseCode} is overgedragen"),
            Paragraph($"{view.ByName} ({DutchNames.Of(view.ByRole)}) heeft de melding over {view.StudentName} ({view.ClassName}) overgedragen aan {view.NewOwnerName} ({DutchNames.Of(view.NewOwnerRole)}). "
                + $"Je hoeft voor deze melding niets meer te doen; {view.NewOwnerName} is nu aan zet."),
            new FactSet { Facts = [new Fact("Reden", view.Reason), new Fact("Dossier", view.CaseCode)] });
        card.Actions = [CommandButton("Open dossier", "dossier " + view.CaseCode)];
        card.FallbackText = $"Melding {view.CaseCode} is overgedragen aan {view.NewOwnerName}.";
        return card;
    }

    /// <summary>The owner's (or coordinator's) card: to which colleague of the location, and why.</summary>
    public static AdaptiveCard AskColleague(string code, string studentName, IReadOnlyList<DirectoryPerson> colleagues, bool assigning)
    {
        ArgumentNullException.ThrowIfNull(colleagues);
        var card = NewCard(
            Heading($"Melding {code} overdragen"),
            Paragraph(assigning
                ? $"Wijs de melding over {studentName} toe aan een collega van deze locatie. De collega krijgt de melding met een kaart om verder te gaan; wie de melding nu heeft, hoort het ook."
                : $"Geef de melding over {studentName} door aan een collega van deze locatie. De collega krijgt de melding met een kaart om verder te gaan. Daarna is je collega aan zet, niet jij."),
            new InputChoiceSet(ColleagueId)
            {
                Label = "Aan wie?",
                IsRequired = true,
                ErrorMessage = "Kies een collega.",
                Style = ChoiceInputStyle.Filtered,
                Placeholder = "Typ of kies een naam",
                Choices = [.. colleagues.Select(c => new Choice(ColleagueLabel(c), c.Id))],
            },
            new InputText(ReasonId)
            {
                Label = "Waarom? (komt in het dossier)",
                IsRequired = true,
                ErrorMessage = "Schrijf kort waarom je de melding overdraagt.",
                IsMultiline = true,
                MaxLength = MaxReason,
                Placeholder = "Bijvoorbeeld: ik ben vanaf volgende week met verlof.",
            });
        card.Actions =
        [
            new ActionSubmit("Overdragen") { Style = ActionStyle.Positive, Data = new Dictionary<string, object?> { [ChoiceKey] = HandOver } },
            new ActionSubmit("Toch niet") { AssociatedInputs = AssociatedInputs.None, Data = new Dictionary<string, object?> { [ChoiceKey] = Keep } },
        ];
        return card;
    }

    /// <summary>The input rules of <see cref="AskColleague"/> (checked again by the bot: nothing on a card is trusted).</summary>
    public static IReadOnlyList<CardInputRule> AskColleagueRules(IReadOnlyList<DirectoryPerson> colleagues)
    {
        ArgumentNullException.ThrowIfNull(colleagues);
        return
        [
            new CardInputRule { Id = ChoiceKey, Label = "Keuze", Required = true, AllowedValues = [HandOver, Keep] },
        ];
    }

    private static string ColleagueLabel(DirectoryPerson person)
    {
        var roles = person.Roles.Select(r => DutchNames.Of(r.Role)).Distinct().ToList();
        return roles.Count == 0 ? person.DisplayName : $"{person.DisplayName} ({string.Join(", ", roles)})";
    }
}

/// <summary>
/// Builds the card of a <see cref="CaseHandedOverPayload"/> from the case at sending time. Nothing is sent when the case is
/// gone, or when the new owner's card would be stale (the case was handed on again meanwhile).
/// </summary>
public sealed class HandOverCardRenderer(ICaseStore cases, IDirectory directory) : IAlertCardRenderer
{
    /// <inheritdoc />
    public string Kind => CaseHandedOverPayload.Kind;

    /// <inheritdoc />
    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<CaseHandedOverPayload>(message.Payload, JsonSerializerOptions.Web);
        if (payload is null || await cases.FindAsync(payload.CaseId, cancellationToken).ConfigureAwait(false) is not { } @case)
        {
            return null;
        }

        var entry = @case.Dossier.FirstOrDefault(e => e.Id == payload.EntryId && e.Kind == DossierEntryKind.HandedOver);
        var newOwnerId = entry?.Participants.FirstOrDefault()?.Reference;
        if (entry is null || newOwnerId is null || (payload.ToNewOwner && !@case.IsOwner(newOwnerId)))
        {
            return null;
        }

        var view = await ViewAsync(@case, cases.CodeOf(@case) ?? "?", entry, newOwnerId, cancellationToken).ConfigureAwait(false);
        return payload.ToNewOwner ? HandOverCards.ForNewOwner(view) : HandOverCards.ForOldOwner(view);
    }

    /// <summary>The view of a handover entry.</summary>
    public async Task<HandOverView> ViewAsync(Case @case, string code, DossierEntry entry, string newOwnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(entry);
        var student = await directory.FindPersonAsync(@case.StudentRef, cancellationToken).ConfigureAwait(false);
        var by = await directory.FindPersonAsync(entry.Actor.StaffId, cancellationToken).ConfigureAwait(false);
        var owner = await directory.FindPersonAsync(newOwnerId, cancellationToken).ConfigureAwait(false);
        var reasonStart = entry.Text.IndexOf("): ", StringComparison.Ordinal);
        var reason = reasonStart < 0 ? entry.Text : entry.Text[(reasonStart + 3)..];
        var atIntake = entry.Sequence == 2 && @case.Dossier[0].Kind == DossierEntryKind.StepTaken && @case.Dossier[0].Step == ProtocolStep.Step1Suspicion
                       && entry.Step == ProtocolStep.Step1Suspicion;
        return new HandOverView(
            code,
            student?.DisplayName ?? "de leerling",
            @case.ClassName,
            by?.DisplayName ?? "Een collega",
            entry.Actor.Role,
            owner?.DisplayName ?? "een collega",
            @case.IsOwner(newOwnerId) ? @case.Owner.Role : StaffRole.OtherStaff,
            reason,
            @case.CurrentStepTitle(),
            @case.NextAction,
            atIntake);
    }
}
