using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>What the follow-up cards show about one case (names come from the directory when the card is built).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseCode">"2026-0007".</param>
/// <param name="VictimName">The student followed.</param>
/// <param name="BullyNames">Routes D and E: the bullies followed too (else empty).</param>
/// <param name="ClassName">The student's class.</param>
/// <param name="StepTitle">The follow-up step the case rests in.</param>
/// <param name="PlannedDay">The follow-up day.</param>
/// <param name="IsRouteB">B.4: the card asks whether the agreements are kept.</param>
/// <param name="BullyingContinuesAllowed">"Het pesten gaat door" (stap 4) is still possible (not after stap 4).</param>
/// <param name="SuggestedNextDay">The default next follow-up: two weeks on, on a school day.</param>
/// <param name="Tomorrow">The earliest next follow-up day.</param>
/// <param name="OwnerName">Who follows the student.</param>
/// <param name="OwnerRole">In which role.</param>
public sealed record FollowUpView(
    Guid CaseId,
    string CaseCode,
    string VictimName,
    IReadOnlyList<string> BullyNames,
    string ClassName,
    string StepTitle,
    DateTimeOffset PlannedDay,
    bool IsRouteB,
    bool BullyingContinuesAllowed,
    DateOnly SuggestedNextDay,
    DateOnly Tomorrow,
    string OwnerName,
    StaffRole OwnerRole)
{
    /// <summary>"Sanne de Boer" or "Sanne de Boer en Lars Hoekstra".</summary>
    public string WhoIsFollowed => BullyNames.Count == 0 ? VictimName : $"{VictimName} en {string.Join(" en ", BullyNames)}";
}

/// <summary>What the bully's own follow-up card shows (routes D and E).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseCode">"2026-0007".</param>
/// <param name="BullyRef">The bully's opaque reference (sent back by the card, checked against the case).</param>
/// <param name="BullyName">His name, from the directory (or as typed when he is not in it).</param>
/// <param name="ClassName">His class, when the directory knows it.</param>
/// <param name="StepTitle">The follow-up step the case rests in (D.5 or E.4).</param>
/// <param name="PlannedDay">The follow-up day.</param>
public sealed record BullyFollowUpView(Guid CaseId, string CaseCode, string BullyRef, string BullyName, string? ClassName, string StepTitle, DateTimeOffset PlannedDay)
{
    /// <summary>"Lars de Jong (2b)".</summary>
    public string Title => string.IsNullOrEmpty(ClassName) ? BullyName : $"{BullyName} ({ClassName})";
}

/// <summary>What the owner filled in last time, to show the card again with it when something was missing.</summary>
public sealed record FollowUpAnswerDraft(string? Note, string? NextDay, bool AgreementsKept, string? Error);

/// <summary>
/// The owner's card on the follow-up day, "Hoe gaat het met …?", and the coordinator's card when it was not answered.
/// Every button sends the command <c>vervolg {code}</c> with the answer; the inputs come along, nothing is trusted.
/// </summary>
public static class FollowUpCards
{
    /// <summary>The answer key in the submit data.</summary>
    public const string AnswerKey = "antwoord";

    /// <summary>Answer: it goes well; close the case with a note.</summary>
    public const string GoesWell = "goed";

    /// <summary>Answer: the bullying goes on; stap 4.</summary>
    public const string Continues = "doorgaan";

    /// <summary>Answer: plan another follow-up.</summary>
    public const string PlanAnother = "opnieuw";

    /// <summary>Answer on the bully's own card: how it goes with him (a dossier entry of its own).</summary>
    public const string BullyAnswer = "dader";

    /// <summary>The bully's reference on his own card (checked against the case, never trusted).</summary>
    public const string BullyKey = "leerling";

    /// <summary>The button on the bully's own card.</summary>
    public const string BullyButton = "Vervolg van de dader vastleggen";

    /// <summary>The note input.</summary>
    public const string Note = "toelichting";

    /// <summary>The next follow-up day input.</summary>
    public const string NextDay = "vervolgdatum";

    /// <summary>B.4: the agreements are kept.</summary>
    public const string AgreementsKept = "afsprakenNagekomen";

    /// <summary>The card "Hoe gaat het met …?".</summary>
    public static AdaptiveCard Reminder(FollowUpView view, FollowUpAnswerDraft? draft = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var card = NewCard(
            Heading($"Hoe gaat het met {view.VictimName}?"),
            Paragraph(view.BullyNames.Count == 0
                ? $"Vandaag is het vervolgmoment van melding {view.CaseCode}. Je volgt {view.VictimName} (klas {view.ClassName}) sinds {view.StepTitle}."
                : $"Vandaag is het vervolgmoment van melding {view.CaseCode}. In deze route volg je zowel het slachtoffer als de dader. Deze kaart gaat over het slachtoffer, {view.VictimName} (klas {view.ClassName}); voor de dader ({string.Join(" en ", view.BullyNames)}) krijg je een eigen kaart."),
            new FactSet
            {
                Facts =
                [
                    new Fact("Melding", view.CaseCode),
                    new Fact("Stap", view.StepTitle),
                    new Fact("Vervolgmoment", DutchDates.ShortDate(view.PlannedDay)),
                ],
            });
        if (draft?.Error is { Length: > 0 } error)
        {
            card.Body!.Add(new Container { Style = ContainerStyle.Attention, Items = [Paragraph(error)] });
        }

        card.Body!.Add(new InputText(Note)
        {
            Label = "Hoe gaat het? Kort, dit komt in het dossier",
            IsMultiline = true,
            MaxLength = 2000,
            Value = draft?.Note,
        });
        if (view.IsRouteB)
        {
            card.Body.Add(new InputToggle(AgreementsKept, "Beide leerlingen houden zich aan de afspraken") { Wrap = true, Value = draft?.AgreementsKept == true ? "true" : null });
        }

        card.Body.Add(new InputDate(NextDay)
        {
            Label = "Volgend vervolgmoment (bij 'Nieuwe vervolgafspraak')",
            Value = draft?.NextDay ?? InputDate.Format(view.SuggestedNextDay),
            Min = InputDate.Format(view.Tomorrow),
        });

        var actions = new List<CardAction> { Answer("Het gaat goed: melding afsluiten", view.CaseCode, GoesWell, ActionStyle.Positive) };
        if (view.BullyingContinuesAllowed)
        {
            actions.Add(Answer("Het pesten gaat door", view.CaseCode, Continues, ActionStyle.Destructive));
        }

        actions.Add(Answer("Nieuwe vervolgafspraak", view.CaseCode, PlanAnother, null));
        card.Body.Add(new ActionSet(actions));
        card.Body.Add(Subtle(view.BullyingContinuesAllowed
            ? "Gaat het pesten door? Dan ga je verder met stap 4 (route D of E)."
            : "Stap 4 is al doorlopen. Gaat het pesten toch door? Bespreek het met de anti-pestcoördinator en plan een nieuwe vervolgafspraak."));
        card.FallbackText = $"Vervolgmoment van melding {view.CaseCode}: hoe gaat het met de leerling? Open PestProtocol in Teams.";
        return card;
    }

    /// <summary>
    /// Routes D and E: the card for one bully followed, "Hoe gaat het met Lars?", apart from the victim's. Its answer is a
    /// dossier entry of its own; the victim's follow-up (close, stap 4, a new date) stays on the victim's card.
    /// </summary>
    public static AdaptiveCard BullyReminder(BullyFollowUpView view, string? note = null, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var card = NewCard(
            Heading($"Hoe gaat het met {view.BullyName}? (dader)"),
            Paragraph($"Vandaag is ook het vervolgmoment van de dader in melding {view.CaseCode}. Houdt {view.BullyName} zich aan de afspraken? Wat zie en hoor je?"),
            new FactSet
            {
                Facts =
                [
                    new Fact("Melding", view.CaseCode),
                    new Fact("Dader", view.Title),
                    new Fact("Stap", view.StepTitle),
                    new Fact("Vervolgmoment", DutchDates.ShortDate(view.PlannedDay)),
                ],
            });
        if (error is { Length: > 0 })
        {
            card.Body!.Add(new Container { Style = ContainerStyle.Attention, Items = [Paragraph(error)] });
        }

        card.Body!.Add(new InputText(Note)
        {
            Label = $"Hoe gaat het met {view.BullyName}? Kort, dit komt in het dossier",
            IsMultiline = true,
            MaxLength = 2000,
            Value = note,
        });
        card.Body.Add(new ActionSet(new ActionSubmit(BullyButton)
        {
            Style = ActionStyle.Positive,
            Data = new Dictionary<string, object?>
            {
                [CommandRecognizer.CommandDataKey] = $"{FollowUpsServiceCollectionExtensions.Command.Name} {view.CaseCode}",
                [AnswerKey] = BullyAnswer,
                [BullyKey] = view.BullyRef,
            },
        }));
        card.Body.Add(Subtle("Dit gaat alleen over de dader. Of de melding dicht kan, of het pesten doorgaat, vul je in op de kaart van het slachtoffer."));
        card.FallbackText = $"Vervolgmoment van de dader in melding {view.CaseCode}. Open PestProtocol in Teams.";
        return card;
    }

    /// <summary>The coordinator's card: a follow-up was not answered in time.</summary>
    public static AdaptiveCard Overdue(FollowUpView view, DateTimeOffset remindedAt)
    {
        ArgumentNullException.ThrowIfNull(view);
        var card = NewCard(
            Heading($"Vervolgmoment niet beantwoord: melding {view.CaseCode}"),
            new FactSet
            {
                Facts =
                [
                    new Fact("Leerling", $"{view.VictimName} ({view.ClassName})"),
                    new Fact("Gevolgd door", $"{view.OwnerName} ({DutchNames.Of(view.OwnerRole)})"),
                    new Fact("Stap", view.StepTitle),
                    new Fact("Vervolgmoment", DutchDates.ShortDate(view.PlannedDay)),
                    new Fact("Herinnerd op", DutchDates.ShortDate(remindedAt)),
                ],
            },
            Paragraph($"{view.OwnerName} kreeg op het vervolgmoment een herinnering, maar heeft nog niet laten weten hoe het met {view.WhoIsFollowed} gaat. Als anti-pestcoördinator let je erop dat de stappen goed worden doorlopen: neem contact op met {view.OwnerName}, of pak de melding zelf op."),
            new ActionSet(
                CommandButton("Open dossier", "dossier " + view.CaseCode),
                CommandButton("Vervolg invullen", "vervolg " + view.CaseCode)));
        card.FallbackText = $"Een vervolgmoment van melding {view.CaseCode} is niet beantwoord. Open PestProtocol in Teams.";
        return card;
    }

    private static ActionSubmit Answer(string title, string code, string answer, ActionStyle? style) => new(title)
    {
        Style = style,
        Data = new Dictionary<string, object?>
        {
            [CommandRecognizer.CommandDataKey] = $"{FollowUpsServiceCollectionExtensions.Command.Name} {code}",
            [AnswerKey] = answer,
        },
    };
}
