using PestProtocol.Bot.Cards;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Overview.Cards;

/// <summary>Everything the dossier card shows, with the names already looked up in the directory.</summary>
/// <param name="CaseCode">The human case code, e.g. "2026-0007".</param>
/// <param name="Case">The case with its full dossier.</param>
/// <param name="StudentName">The student's display name (or "onbekende leerling").</param>
/// <param name="LocationName">The location's name (or its id when the directory does not know it).</param>
/// <param name="StaffNames">Display names of the staff in the dossier, by staff id; missing ids show as "onbekende medewerker".</param>
public sealed record DossierView(
    string CaseCode,
    Case Case,
    string StudentName,
    string LocationName,
    IReadOnlyDictionary<string, string> StaffNames)
{
    /// <summary>Dossier entries (by sequence) already put in a note for Magister, with when that note was made.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> InMagister { get; init; } = new Dictionary<int, DateTimeOffset>();

    /// <summary>The access log, newest first, for a reader who may see it (the location's coordinator); null for anyone else.</summary>
    public IReadOnlyList<Features.Records.DossierAccess>? AccessLog { get; init; }

    /// <summary>
    /// Names of the other students the dossier names as participants (dader, vermoedelijke dader, omstander), by
    /// reference: "Lars de Jong (2b)". Looked up per request (or, for a student not in the directory, as typed).
    /// </summary>
    public IReadOnlyDictionary<string, string> PupilNames { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Null for the dossier card and the PDF (seen only by staff with a role in the case: every participant by name).
    /// Set to one student's reference for a note in that student's own Magister logbook: every other student is
    /// then named by their part only, with a pointer to the dossier ("de pester (zie dossier 2026-0007)").
    /// </summary>
    public string? LogbookOf { get; init; }
}

/// <summary>
/// The /dossier card: a header with where the case stands, then every dossier entry in order (who, when, what,
/// with whom, agreements). The newest entries are on the card; older ones open under "Oudere stappen". The card
/// stays under <see cref="CardSize.RecommendedMaxBytes"/>: when a dossier is very long, older entries are shortened
/// first and, as a last resort, the oldest are left off with a note.
/// </summary>
public static class DossierCard
{
    public const string OlderButton = "Oudere stappen";
    public const string ContinueButton = OverviewCard.ContinueButton;
    public const string OverviewButton = "Mijn meldingen";
    public const string HandOverButton = "Overdragen";
    public const string UnknownStaff = "onbekende medewerker";
    public const string MagisterButton = "Kopieer voor Magister";
    public const string MagisterFromInputId = "magisterFrom";
    public const string MagisterMakeButton = "Maak de notitie";
    public const string BullyMagisterButton = "Notitie voor het logboek van de dader";
    public const string PdfButton = "PDF om te printen";
    public const string AccessLogButton = "Inzage-log";

    /// <summary>How many of the newest steps "Kopieer voor Magister" offers to start from (besides the whole dossier).</summary>
    public const int MagisterChoices = 12;

    /// <summary>Shown beside an entry already put in a note for Magister.</summary>
    public const string InMagisterMark = "✓ notitie voor Magister gemaakt op";

    /// <summary>How many of the newest entries are on the card itself.</summary>
    public const int RecentEntries = 20;

    private static readonly Layout[] Layouts =
    [
        new(RecentEntries, null, null, OlderCompact: false),
        new(RecentEntries, null, 400, OlderCompact: true),
        new(RecentEntries, 1000, 200, OlderCompact: true),
        new(RecentEntries, 1000, 120, OlderCompact: true),
        new(10, 600, 120, OlderCompact: true),
    ];

    /// <summary>The dossier card, within Teams' size limit.</summary>
    public static AdaptiveCard Build(DossierView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        AdaptiveCard? card = null;
        foreach (var layout in Layouts)
        {
            card = Build(view, layout, skipOldest: 0);
            if (Fits(card))
            {
                return card;
            }
        }

        var last = Layouts[^1];
        var older = Math.Max(0, view.Case.Dossier.Count - last.Recent);
        for (var skip = 10; skip <= older; skip += 10)
        {
            card = Build(view, last, Math.Min(skip, older));
            if (Fits(card))
            {
                return card;
            }
        }

        return card!;
    }

    private static AdaptiveCard Build(DossierView view, Layout layout, int skipOldest)
    {
        var c = view.Case;
        var card = NewCard(Heading($"Dossier {view.CaseCode}"), Header(view), SubHeading(PupilsHeading), new FactSet { Facts = [.. PupilFacts(view)] });
        var entries = c.Dossier.OrderBy(e => e.Sequence).ToList();
        var recent = entries.TakeLast(layout.Recent).ToList();
        var older = entries.Take(entries.Count - recent.Count).ToList();
        card.Body!.Add(new TextBlock(older.Count == 0
            ? $"Alle stappen, de oudste eerst ({entries.Count})."
            : $"De nieuwste {recent.Count} van {entries.Count} stappen, de oudste eerst. De {older.Count} stappen daarvoor zie je onder '{OlderButton}'.")
        {
            Wrap = true,
            Weight = FontWeight.Bolder,
            Spacing = Spacing.Large,
        });

        if (older.Count > 0)
        {
            var olderCard = new AdaptiveCard { Schema = null, Version = null, Body = [] };
            if (skipOldest > 0)
            {
                olderCard.Body.Add(new TextBlock($"De oudste {skipOldest} stappen passen niet op deze kaart (Teams staat zo'n grote kaart niet toe). Ze blijven wel bewaard in het dossier.")
                {
                    Wrap = true,
                    Color = TextColor.Warning,
                });
            }

            foreach (var entry in older.Skip(skipOldest))
            {
                olderCard.Body.Add(Entry(view, entry, layout.OlderTextMax, layout.OlderCompact));
            }

            card.Body!.Add(new ActionSet(new ActionShowCard { Title = OlderButton, Card = olderCard }));
        }

        foreach (var entry in recent)
        {
            card.Body!.Add(Entry(view, entry, layout.RecentTextMax, compact: false));
        }

        if (view.AccessLog is { } log)
        {
            card.Body!.Add(new ActionSet(new ActionShowCard { Title = $"{AccessLogButton} ({log.Count})", Card = AccessLogCard(view, log) }));
        }

        card.Actions = [MagisterAction(view), CommandButton(PdfButton, $"dossier {view.CaseCode} pdf")];
        if (!c.IsClosed)
        {
            card.Actions.Add(CommandButton(ContinueButton, $"melding {view.CaseCode}"));
            card.Actions.Add(CommandButton(HandOverButton, $"overdragen {view.CaseCode}")); // handover branch
        }

        card.Actions.Add(CommandButton(OverviewButton, "overzicht"));
        return card;
    }

    /// <summary>"Kopieer voor Magister": choose the first entry (by default the first one not yet in Magister), then make the note.</summary>
    private static ActionShowCard MagisterAction(DossierView view)
    {
        var entries = view.Case.Dossier.OrderBy(e => e.Sequence).ToList();
        var firstNew = entries.FirstOrDefault(e => !view.InMagister.ContainsKey(e.Sequence))?.Sequence ?? entries.FirstOrDefault()?.Sequence ?? 1;
        // The whole dossier, and each of the newest steps (a long dossier's card stays small).
        var offered = entries.TakeLast(MagisterChoices).Select(e => e.Sequence).Prepend(1).Append(firstNew).Distinct().Order().ToList();
        var choices = offered
            .Select(sequence => entries.FirstOrDefault(e => e.Sequence == sequence))
            .OfType<DossierEntry>()
            .Select(e => new BotFramework.Cards.Choice(
                (e.Sequence == 1 ? "het hele dossier, vanaf #1" : $"vanaf #{e.Sequence} {StepTitles.For(e.Step)}, {DutchDates.ShortDate(e.RecordedAt)}") + (view.InMagister.ContainsKey(e.Sequence) ? " (al in Magister)" : ""),
                e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var submit = CommandButton(MagisterMakeButton, $"dossier {view.CaseCode} magister");
        var inner = new AdaptiveCard
        {
            Schema = null,
            Version = null,
            Body =
            [
                new InputChoiceSet(MagisterFromInputId)
                {
                    Label = "Welke stappen wil je in Magister zetten?",
                    Style = ChoiceInputStyle.Compact,
                    Value = firstNew.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Choices = choices,
                },
            ],
            Actions = [submit],
        };
        if (view.Case.Bullies.Any(b => b.Reference != Melding.CaseParticipants.BullyNotInDirectory))
        {
            // The bully's own logbook gets his part (D and E: "vastgelegd in het dossier van slachtoffer en dader").
            inner.Actions.Add(CommandButton(BullyMagisterButton, $"dossier {view.CaseCode} magister dader"));
        }

        return new ActionShowCard { Title = MagisterButton, Card = inner };
    }

    private static AdaptiveCard AccessLogCard(DossierView view, IReadOnlyList<Features.Records.DossierAccess> log)
    {
        var card = new AdaptiveCard { Schema = null, Version = null, Body = [Subtle("Wie dit dossier heeft bekeken, gekopieerd of geprint (nieuwste eerst). Alleen de anti-pestcoördinator van de locatie ziet dit; niemand kan het veranderen.")] };
        if (log.Count == 0)
        {
            card.Body.Add(Paragraph("Nog niets vastgelegd."));
            return card;
        }

        card.Body.Add(Bullets(log.Select(a => $"{DutchDates.DateAndTime(a.At)} · {StaffName(view, a.StaffId)} · {Features.Records.AccessWords.Of(a)}")));
        return card;
    }

    /// <summary>
    /// Within Teams' size limit also when every non-ASCII character (é, ë, –, ✓) travels escaped as \uXXXX, as the
    /// default JSON writer sends it: six characters each, not one.
    /// </summary>
    private static bool Fits(AdaptiveCard card) =>
        System.Text.Json.Nodes.JsonNode.Parse(card.ToJson())!.ToJsonString().Length * sizeof(char) <= CardSize.RecommendedMaxBytes;

    private static FactSet Header(DossierView view)
    {
        var c = view.Case;
        var facts = new FactSet
        {
            Facts =
            [
                new Fact("Leerling", view.StudentName),
                new Fact("Klas", c.ClassName),
                new Fact("Locatie", view.LocationName),
                new Fact("Geopend op", DutchDates.DateAndTime(c.OpenedAt)),
                new Fact("Huidige stap", c.CurrentStepTitle()),
                new Fact("Volgende stap", c.NextAction),
            ],
        };
        if (c.NextFollowUpDate is { } followUp)
        {
            facts.Facts.Add(new Fact("Vervolgafspraak", DutchDates.DateWithYear(followUp)));
        }

        return facts;
    }

    private static CardElement Entry(DossierView view, DossierEntry entry, int? textMax, bool compact)
    {
        var when = $"{DutchDates.DateAndTime(entry.RecordedAt)} · {StaffName(view, entry.Actor.StaffId)} ({DutchNames.Of(entry.Actor.Role)})";
        if (view.InMagister.TryGetValue(entry.Sequence, out var copied))
        {
            when += $" · {InMagisterMark} {DutchDates.DateWithYear(copied)}";
        }

        if (compact)
        {
            // One text block per entry: a long dossier's older steps take little room.
            var text = string.IsNullOrWhiteSpace(entry.Text) ? "" : "\n\n" + Shorten(entry.Text, textMax);
            return new TextBlock($"**{EntryTitle(view, entry)}**\n\n{when}{text}") { Wrap = true, Separator = true };
        }

        var container = new Container
        {
            Separator = true,
            Spacing = Spacing.Medium,
            Items =
            [
                new TextBlock(EntryTitle(view, entry)) { Weight = FontWeight.Bolder, Wrap = true },
                Subtle(when),
            ],
        };
        if (!string.IsNullOrWhiteSpace(entry.Text))
        {
            container.Items.Add(Paragraph(Shorten(entry.Text, textMax)));
        }

        var facts = Facts(view, entry);
        if (facts.Count > 0)
        {
            container.Items.Add(new FactSet { Facts = facts });
        }

        if (entry.Agreements.Count > 0)
        {
            container.Items.Add(new TextBlock("Afspraken") { Weight = FontWeight.Bolder, Size = FontSize.Small, Wrap = true });
            container.Items.Add(Bullets(entry.Agreements.Select(a => Shorten(a, textMax))));
        }

        return container;
    }

    public static string EntryTitle(DossierView view, DossierEntry entry)
    {
        var title = StepTitles.For(entry.Step);
        return entry.Kind switch
        {
            DossierEntryKind.Note => $"#{entry.Sequence} Notitie bij {title}",
            DossierEntryKind.Correction => $"#{entry.Sequence} {CorrectionTitle(view, entry)}",
            DossierEntryKind.Reopened => $"#{entry.Sequence} Melding heropend, terug naar {title}",
            DossierEntryKind.RouteSwitched => $"#{entry.Sequence} Verder met route D: {title}",
            DossierEntryKind.FollowUpReminderSent => $"#{entry.Sequence} Vervolgmoment: herinnering gestuurd ({title})", // followups branch
            DossierEntryKind.FollowUpOverdue => $"#{entry.Sequence} Vervolgmoment niet beantwoord: anti-pestcoördinator ingelicht", // followups branch
            DossierEntryKind.HandedOver => $"#{entry.Sequence} Overgedragen ({title})", // handover branch
            DossierEntryKind.BullyFollowUp => $"#{entry.Sequence} Vervolgmoment van de dader ({title})",
            _ => $"#{entry.Sequence} {title}",
        };
    }

    private static string CorrectionTitle(DossierView view, DossierEntry entry)
    {
        var original = view.Case.Dossier.FirstOrDefault(e => e.Id == entry.CorrectionOf);
        return original is null
            ? $"Correctie op {StepTitles.For(entry.Step)}"
            : $"Correctie op #{original.Sequence} ({StepTitles.For(original.Step)}, {DutchDates.DateAndTime(original.RecordedAt)})";
    }

    public static List<Fact> Facts(DossierView view, DossierEntry entry)
    {
        var facts = new List<Fact>();
        if (entry.Route is { } route)
        {
            facts.Add(new Fact("Route", entry.ChosenWithStudent ? $"route {route}, samen met de leerling gekozen" : $"route {route}"));
        }

        if (entry.Parents is { } parents)
        {
            facts.Add(new Fact("Ouders geïnformeerd", $"{DutchNames.Of(parents.Method)} door {StaffName(view, parents.InformedByStaffId)}, {DutchDates.DateAndTime(parents.InformedAt)}"));
            if (!string.IsNullOrWhiteSpace(parents.WhoTakesWhichSteps) && parents.WhoTakesWhichSteps != entry.Text)
            {
                facts.Add(new Fact("Verteld wie wat doet", parents.WhoTakesWhichSteps));
            }
        }

        if (entry.Participants.Count > 0)
        {
            facts.Add(new Fact("Betrokken", Participants(view, entry.Participants)));
        }

        var signals = entry.ChecklistItemIds.Select(id => Bijlage1Signalen.All.FirstOrDefault(s => s.Id == id)).OfType<AppendixItem>().ToList();
        if (signals.Count > 0)
        {
            facts.Add(new Fact("Signalen (bijlage 1)", string.Join("; ", signals.Select(s => s.Text.Nl))));
        }

        var topics = entry.ChecklistItemIds.Select(id => Bijlage6Bemiddelingsgesprek.Topics.FirstOrDefault(t => t.Id == id)).OfType<AppendixItem>().ToList();
        if (topics.Count > 0)
        {
            facts.Add(new Fact("Besproken (bijlage 6)", string.Join("; ", topics.Select(t => t.Text.Nl))));
        }

        if (entry.DigitalTipsGiven)
        {
            facts.Add(new Fact("Tips digitaal pesten (bijlage 5)", "gegeven of besproken"));
        }

        if (!string.IsNullOrWhiteSpace(entry.Punishment))
        {
            var by = entry.PunishmentDecidedByStaffId is { } staffId ? $" (besloten door {StaffName(view, staffId)})" : "";
            facts.Add(new Fact("Straf", entry.Punishment + by));
        }

        if (!string.IsNullOrWhiteSpace(entry.OtherSchoolContact))
        {
            facts.Add(new Fact("Contact met andere school", entry.OtherSchoolContact));
        }

        AddYesNo(facts, "Afspraken nagekomen", entry.AgreementsKept);
        AddYesNo(facts, "Pesten houdt aan", entry.BullyingPersists);
        AddYesNo(facts, "Vermoedelijke dader heeft bekend", entry.SuspectAdmitted);
        if (entry.FollowUpDate is { } followUp)
        {
            facts.Add(new Fact("Vervolgafspraak", DutchDates.DateWithYear(followUp)));
        }

        if (entry.Signatures.Count > 0)
        {
            facts.Add(new Fact("Ondertekend (bijlage 8)", Signatures(view, entry.Signatures)));
        }

        if (entry.InformedRoles.Count > 0)
        {
            facts.Add(new Fact("Op de hoogte gebracht", string.Join(", ", entry.InformedRoles.Distinct().Select(DutchNames.Of))));
        }

        return facts;
    }

    /// <summary>
    /// Staff by name; parents and supporters by their part; the victim as "slachtoffer" (the header names her); another
    /// student by part and name on the card and the PDF ("dader Lars de Jong (2b)"), or by part with a pointer to the
    /// dossier in a note for someone else's logbook (<see cref="DossierView.LogbookOf"/>).
    /// </summary>
    private static string Participants(DossierView view, IReadOnlyList<CaseParticipant> participants) =>
        string.Join(", ", participants
            .Select(p => Label(view, p))
            .GroupBy(label => label, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Count()}× {g.Key}"));

    /// <summary>Who signed, in signing order (Bijlage 8: dader, slachtoffer, ondersteuners).</summary>
    private static string Signatures(DossierView view, IReadOnlyList<CaseParticipant> signatures) =>
        string.Join(", daarna ", signatures.Select(p => Label(view, p)));

    /// <summary>How one participant is shown (see <see cref="Participants"/>).</summary>
    public static string Label(DossierView view, CaseParticipant p)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(p);
        if (p.Role == ParticipantRole.Staff)
        {
            return StaffName(view, p.Reference);
        }

        if (p.Role is not (ParticipantRole.Victim or ParticipantRole.Bully or ParticipantRole.SuspectedBully or ParticipantRole.Bystander))
        {
            return DutchNames.Of(p.Role);
        }

        if (view.LogbookOf is { } own)
        {
            // A note for one student's logbook names no other student (AVG): his part, and where to look.
            if (string.Equals(p.Reference, own, StringComparison.Ordinal))
            {
                return p.Role == ParticipantRole.Victim ? DutchNames.Of(p.Role) : DutchNames.Of(p.Role) + " (deze leerling)";
            }

            return p.Role switch
            {
                ParticipantRole.Bully => $"de pester (zie dossier {view.CaseCode})",
                ParticipantRole.SuspectedBully => $"de vermoedelijke pester (zie dossier {view.CaseCode})",
                ParticipantRole.Victim => $"het slachtoffer (zie dossier {view.CaseCode})",
                _ => $"een omstander (zie dossier {view.CaseCode})",
            };
        }

        return p.Role != ParticipantRole.Victim && view.PupilNames.TryGetValue(p.Reference, out var name) ? $"{DutchNames.Of(p.Role)} {name}" : DutchNames.Of(p.Role);
    }

    /// <summary>
    /// The participants section of the card and the PDF: "Slachtoffer: Sanne de Boer (2b)", "Pester: Lars de Jong (2b)",
    /// one line per other student the dossier names.
    /// </summary>
    public static IReadOnlyList<Fact> PupilFacts(DossierView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var c = view.Case;
        var facts = new List<Fact> { new("Slachtoffer", $"{view.StudentName} ({c.ClassName})") };
        var others = c.Dossier.SelectMany(e => e.Participants)
            .Where(p => p.Role is ParticipantRole.Bully or ParticipantRole.SuspectedBully or ParticipantRole.Bystander)
            .DistinctBy(p => (p.Reference, p.Role))
            .OrderBy(p => p.Role);
        foreach (var p in others)
        {
            var title = p.Role switch
            {
                ParticipantRole.Bully => "Pester",
                ParticipantRole.SuspectedBully => "Vermoedelijke pester",
                _ => "Omstander",
            };
            facts.Add(new Fact(title, view.PupilNames.TryGetValue(p.Reference, out var name) ? name : UnknownPupil));
        }

        return facts;
    }

    /// <summary>A student the dossier names whom the directory no longer knows (left the school, or erased).</summary>
    public const string UnknownPupil = "niet (meer) in de schoolgegevens";

    /// <summary>The heading of the participants section.</summary>
    public const string PupilsHeading = "Betrokken leerlingen";

    private static void AddYesNo(List<Fact> facts, string title, bool? value)
    {
        if (value is { } v)
        {
            facts.Add(new Fact(title, v ? "ja" : "nee"));
        }
    }

    public static string StaffName(DossierView view, string staffId) =>
        view.StaffNames.TryGetValue(staffId, out var name) && !string.IsNullOrWhiteSpace(name) ? name : UnknownStaff;

    private static string Shorten(string text, int? max) =>
        max is { } m && text.Length > m ? string.Concat(text.AsSpan(0, m).TrimEnd(), "…") : text;

    private sealed record Layout(int Recent, int? RecentTextMax, int? OlderTextMax, bool OlderCompact);
}
