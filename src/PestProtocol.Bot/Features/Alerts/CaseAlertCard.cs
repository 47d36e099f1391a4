using System.Globalization;
using PestProtocol.Bot.Cards;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>Who took a case from an alert, and when.</summary>
public sealed record AlertTaker(string Name, StaffRole Role, DateTimeOffset At);

/// <summary>Everything an alert card about one dossier entry shows to one staff recipient.</summary>
/// <param name="RefreshUserIds">Teams user MRIs (<c>29:…</c>) the card refreshes for automatically (at most 60).</param>
public sealed record CaseAlertView(
    Guid CaseId,
    string CaseCode,
    Guid EntryId,
    ProtocolStep Step,
    StaffRole SignallerRole,
    StaffRole RecipientRole,
    string StudentName,
    string ClassName,
    string LocationName,
    string NextAction,
    bool CaseClosed,
    AlertTaker? TakenBy,
    IReadOnlyList<string> RefreshUserIds)
{
    /// <summary>Where the case is now (not the step the alert was about): e.g. "Stap 2: ouders ingelicht", or closed.</summary>
    public ProtocolStep CurrentStep { get; init; } = Step;

    /// <summary>Who holds the case's next step now (the case owner); null when unknown.</summary>
    public AlertHolder? HeldBy { get; init; }
}

/// <summary>Who holds a case's next step: the name (personal copies only) and the role.</summary>
public sealed record AlertHolder(string Name, StaffRole Role);

/// <summary>
/// The alert card (Universal Actions, version 1.5): who signalled (role only), the student, the location, the step and what
/// it means for the recipient, who took it, and the buttons "Ik pak dit op" (Action.Execute <c>case.take</c> with an
/// Action.Submit fallback) and "Open dossier". Refreshes itself (<c>case.refresh</c>) so each viewer sees the current state.
/// </summary>
public static class CaseAlertCard
{
    public const string TakeVerb = "case.take";
    public const string RefreshVerb = "case.refresh";
    public const int MaxRefreshUsers = 60;

    private static readonly TimeZoneInfo SchoolTime = FindSchoolTime();

    /// <summary>Builds the card.</summary>
    public static AdaptiveCard Build(CaseAlertView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var stepTitle = StepTitles.For(view.CurrentStep);
        List<Fact> facts =
        [
            new Fact("Leerling", $"{view.StudentName} ({view.ClassName})"),
            new Fact("Locatie", view.LocationName),
            new Fact("Gemeld door", DutchNames.Signaller(view.SignallerRole)),
            new Fact("Stap", stepTitle),
        ];
        if (view.HeldBy is { } holder && !view.CaseClosed)
        {
            // A role only: the holder is often who signalled, and an alert never names the signaller.
            facts.Add(new Fact("Ligt bij", DutchNames.Signaller(holder.Role)));
        }

        facts.Add(new Fact("Dossier", view.CaseCode));
        var card = CardParts.NewCard(
            CardParts.Heading(Heading(view, stepTitle)),
            new FactSet { Facts = facts },
            CardParts.Paragraph(view.CurrentStep == view.Step
                ? MeaningFor(view.Step, view.SignallerRole, view.RecipientRole)
                : $"Je kreeg dit bericht als {DutchNames.Of(view.RecipientRole)}. De melding is verder gegaan; deze kaart laat zien hoe hij er nu voor staat."));
        if (!view.CaseClosed)
        {
            card.Body!.Add(CardParts.Paragraph("Wat nu: " + view.NextAction));
        }

        if (view.TakenBy is { } taker)
        {
            card.Body!.Add(new Container
            {
                Style = ContainerStyle.Good,
                Items = [CardParts.Paragraph(TakenText(taker))],
            });
        }

        var data = new Dictionary<string, object?> { ["caseId"] = view.CaseId.ToString("D"), ["entryId"] = view.EntryId.ToString("D") };
        var actions = new List<CardAction>();
        if (view.TakenBy is null && !view.CaseClosed)
        {
            actions.Add(new ActionExecute(TakeVerb)
            {
                Title = "Ik pak dit op",
                Style = ActionStyle.Positive,
                Data = data,
                Fallback = new ActionSubmit("Ik pak dit op") { Data = new Dictionary<string, object?>(data) { ["verb"] = TakeVerb } },
            });
        }

        actions.Add(CardParts.CommandButton("Open dossier", "dossier " + view.CaseCode));
        card.Body!.Add(new ActionSet(actions));
        card.Refresh = new Refresh
        {
            Action = new ActionExecute(RefreshVerb) { Title = "Vernieuwen", Data = data },
            UserIds = [.. view.RefreshUserIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers)],
        };
        card.FallbackText = "Er is een melding in PestProtocol voor je. Open de app in Teams.";
        return card;
    }

    /// <summary>
    /// The copy for the coordinators' Teams channel, whose members need not all be in the case: no student name and no
    /// class, only the case code, location, step and what has to happen. "Ik pak dit op" keeps its membership check;
    /// "Open dossier" opens the personal chat with the bot (a dossier never opens in the channel). No automatic refresh.
    /// </summary>
    public static AdaptiveCard BuildForChannel(CaseAlertView view, string appLink)
    {
        ArgumentNullException.ThrowIfNull(view);
        var stepTitle = StepTitles.For(view.CurrentStep);
        List<Fact> facts =
        [
            new Fact("Dossier", view.CaseCode),
            new Fact("Locatie", view.LocationName),
            new Fact("Gemeld door", DutchNames.Signaller(view.SignallerRole)),
            new Fact("Stap", stepTitle),
        ];
        if (view.HeldBy is { } holder && !view.CaseClosed)
        {
            facts.Add(new Fact("Ligt bij", DutchNames.Signaller(holder.Role))); // a role, never a name in the channel
        }

        var card = CardParts.NewCard(
            CardParts.Heading(view.CurrentStep == ProtocolStep.Step1Suspicion ? $"Nieuwe melding {view.CaseCode}: vermoeden van pesten" : $"Melding {view.CaseCode}: {stepTitle}"),
            new FactSet { Facts = facts });
        if (!view.CaseClosed)
        {
            card.Body!.Add(CardParts.Paragraph("Wat nu: " + view.NextAction));
        }

        card.Body!.Add(view.TakenBy is { } taker
            ? new Container { Style = ContainerStyle.Good, Items = [CardParts.Paragraph(TakenText(taker))] }
            : CardParts.Paragraph(view.CaseClosed ? "Deze melding is afgesloten." : "Nog niemand heeft deze melding opgepakt."));
        card.Body!.Add(CardParts.Subtle($"Namen staan niet in dit kanaal. Open het dossier in je chat met PestProtocol: typ 'dossier {view.CaseCode}'."));

        var actions = new List<CardAction>();
        if (view.TakenBy is null && !view.CaseClosed)
        {
            var data = new Dictionary<string, object?> { ["caseId"] = view.CaseId.ToString("D"), ["entryId"] = view.EntryId.ToString("D") };
            actions.Add(new ActionExecute(TakeVerb)
            {
                Title = "Ik pak dit op",
                Style = ActionStyle.Positive,
                Data = data,
                Fallback = new ActionSubmit("Ik pak dit op") { Data = new Dictionary<string, object?>(data) { ["verb"] = TakeVerb } },
            });
        }

        actions.Add(new ActionOpenUrl(appLink) { Title = "Open dossier" });
        card.Body!.Add(new ActionSet(actions));
        card.FallbackText = $"Melding {view.CaseCode} in PestProtocol. Open de app in Teams.";
        return card;
    }

    private static string Heading(CaseAlertView view, string stepTitle) => view.CurrentStep switch
    {
        ProtocolStep.Step1Suspicion => "Nieuwe melding: vermoeden van pesten",
        ProtocolStep.Closed => $"Melding {view.CaseCode}: afgesloten",
        _ => $"Melding {view.CaseCode}: {stepTitle}",
    };

    /// <summary>"Opgepakt door Jeroen Bakker (anti-pestcoördinator) om 14:05".</summary>
    public static string TakenText(AlertTaker taker)
    {
        ArgumentNullException.ThrowIfNull(taker);
        var local = TimeZoneInfo.ConvertTime(taker.At, SchoolTime);
        return $"Opgepakt door {taker.Name} ({DutchNames.Of(taker.Role)}) om {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>What the step means for this recipient, in the protocol's words.</summary>
    public static string MeaningFor(ProtocolStep step, StaffRole signaller, StaffRole recipient)
    {
        var role = DutchNames.Of(recipient);
        return step switch
        {
            ProtocolStep.Step1Suspicion when recipient is StaffRole.Mentor or StaffRole.AntiPestCoordinator =>
                $"Er is een vermoeden van pesten gemeld. Als {role} ben je vanaf stap 1 betrokken.",
            ProtocolStep.Step1Suspicion =>
                $"Er is een vermoeden van pesten gemeld door {DutchNames.Signaller(signaller).ToLowerInvariant()}. Je krijgt dit bericht als {role}.",
            _ => $"Er is een nieuwe stap gezet: {StepTitles.For(step)}. Je krijgt dit bericht als {role}.",
        };
    }

    private static TimeZoneInfo FindSchoolTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
