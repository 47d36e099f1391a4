using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>The cards and texts of <c>inzage</c> and <c>wissen</c>, for a coordinator answering a parent's request.</summary>
public static class DataSubjectCards
{
    public const string TextButton = "Overzicht openen";
    public const string JsonButton = "JSON downloaden";
    public const string EraseButton = "Definitief wissen";
    public const string ReasonInputId = "reden";
    public const string ConfirmInputId = "bevestiging";

    public const string OnlyCoordinatorText =
        "Inzage geven in of wissen van alle gegevens over een leerling kan alleen de anti-pestcoördinator van de locatie van die leerling. Komt er een verzoek van ouders binnen? Stuur het door naar de anti-pestcoördinator.";

    public const string NotHereText =
        "Een inzage- of wisverzoek behandel je alleen in je eigen chat met PestProtocol, niet in een groepschat of kanaal: hier lezen anderen mee.";

    public const string NoStudentText =
        "Ik vind geen leerling van jouw locatie met die naam. Typ de volledige naam, bijvoorbeeld 'inzage Sanne de Boer'. " +
        "Staat de leerling niet meer in de schoolgegevens (van school af)? Typ dan de code van een melding over de leerling, bijvoorbeeld 'inzage 2026-0003'.";

    public const string WhichStudentText = "Ik vind meer dan één leerling met die naam. Typ de volledige naam en kies uit:";

    public const string ConfirmCodeMismatchText = "De code die je typte is niet de code van de melding. Er is niets gewist. Typ de code van de melding om te bevestigen.";

    public const string ConfirmMismatchText = "De naam die je typte is niet de naam van de leerling. Er is niets gewist. Typ de volledige naam van de leerling om te bevestigen.";

    public const string NotErasedText = "Er is niets gewist.";

    /// <summary>How to use the command when no name was given.</summary>
    public static string Usage(string command) =>
        $"Typ '{command}' met de volledige naam van de leerling erachter, bijvoorbeeld '{command} Sanne de Boer'. " +
        $"Is de leerling van school af? Typ dan de code van een melding over de leerling, bijvoorbeeld '{command} 2026-0003'.";

    /// <summary>Several students match: their names and classes, to type again.</summary>
    public static string WhichStudent(IEnumerable<DirectoryPerson> students) =>
        WhichStudentText + "\r" + string.Join("\r", students.Select(s => $"- {s.DisplayName}{(s.ClassName is { } c ? $" (klas {c})" : "")}"));

    /// <summary>The export in the chat: what was found, and links to the readable document and the JSON.</summary>
    public static AdaptiveCard Export(SubjectExport export, string textLink, string jsonLink, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(export);
        var minutes = Math.Max(1, (int)Math.Round(lifetime.TotalMinutes));
        var student = export.Student;
        var facts = new FactSet
        {
            Facts =
            [
                new Fact("Leerling", $"{student.Name}{(student.ClassName is { } c ? $" (klas {c})" : "")}"),
                new Fact("Melding als slachtoffer", Count(export.CasesAsVictim.Count)),
                new Fact("Genoemd in andere meldingen", Count(export.CasesAsParticipant.Count)),
                new Fact("Dossierregels", export.AllCases.Sum(c => c.Entries.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Fact("Berichten buiten een melding", export.MessagesAboutStudent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Fact("Eerdere verzoeken", export.EarlierRequests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
        };
        var body = new List<CardElement>
        {
            Heading($"Inzage: alle gegevens over {student.Name}"),
            Paragraph("Dit is alles wat PestProtocol over deze leerling bewaart. Open het overzicht om het te lezen of te printen voor de ouders; de JSON is hetzelfde, voor een ander systeem of een overdracht."),
            facts,
        };
        var lines = export.CasesAsVictim.Select(c => $"{c.Code} · slachtoffer · {c.Step}")
            .Concat(export.CasesAsParticipant.Select(c => $"{c.Code} · {string.Join(", ", c.StudentRoles)} · {c.Entries.Count} dossierregel(s)"))
            .ToList();
        if (lines.Count > 0)
        {
            body.Add(SubHeading("Meldingen"));
            body.Add(Bullets(lines));
        }

        body.Add(Subtle(SubjectExport.AnonymousReportsText));
        body.Add(Subtle($"De links werken {minutes} minuten; deel ze met niemand. Het overzicht gaat over een minderjarige: geef het alleen aan wie erom vroeg. Deze inzage staat in het inzage-log."));
        var card = NewCard([.. body]);
        card.Actions =
        [
            new ActionOpenUrl(textLink) { Title = TextButton },
            new ActionOpenUrl(jsonLink) { Title = JsonButton },
        ];
        return card;
    }

    /// <summary>The confirmation step of an erasure: what goes, a reason, and the student's name typed again.</summary>
    public static AdaptiveCard ConfirmErasure(DirectoryPerson student, ErasureReport preview, string? reason)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(preview);
        var card = NewCard(
            Heading($"Alle gegevens over {student.DisplayName} wissen?"),
            Paragraph("Doe dit alleen op een gerechtvaardigd verzoek (bijvoorbeeld van de ouders, na overleg met de FG/privacy-officer). Wissen kan niet ongedaan worden gemaakt."),
            Bullets(
            [
                $"{Count(preview.CasesErased)} waarin de leerling het slachtoffer is: helemaal weg (dossier, meldingskaarten, bezorgingen, vervolgtaken).",
                $"{preview.EntriesAnonymised} dossierregel(s) in meldingen over een andere leerling: de naam van deze leerling wordt vervangen door '{DataSubjectRequests.ErasedName}', de rest blijft voor die andere leerling staan.",
                $"{preview.MessagesErased} bericht(en) over de leerling en het Teams-adres van de leerling: weg.",
                "Het inzage-log houdt alleen bij dát er gewist is, door wie, wanneer en waarom (zonder naam).",
            ]),
            new InputText(ReasonInputId)
            {
                Label = "Reden (welk verzoek, wanneer ontvangen; geen namen)",
                IsMultiline = true,
                IsRequired = true,
                MaxLength = DataSubjectRequests.ReasonMaxLength,
                ErrorMessage = "Schrijf op waarom je wist.",
                Placeholder = "Bijvoorbeeld: verwijderverzoek van de ouders per e-mail van 3 december, akkoord FG",
                Value = reason,
            },
            DataSubjectRequests.FormerStudentCode(student) is { } code
                ? new InputText(ConfirmInputId)
                {
                    Label = $"Typ de code van de melding ({code}) om te bevestigen",
                    IsRequired = true,
                    MaxLength = 200,
                    ErrorMessage = "Typ de code van de melding.",
                }
                : new InputText(ConfirmInputId)
                {
                    Label = "Typ de volledige naam van de leerling om te bevestigen",
                    IsRequired = true,
                    MaxLength = 200,
                    ErrorMessage = "Typ de naam van de leerling.",
                },
            Subtle("Toch niet wissen? Typ 'stop'."));
        card.Actions = [new ActionSubmit(EraseButton)];
        return card;
    }

    /// <summary>Said after an erasure.</summary>
    public static string Erased(ErasureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Gewist. {Count(report.CasesErased)} als slachtoffer zijn verwijderd, {report.EntriesAnonymised} dossierregel(s) in andere meldingen zijn zonder naam gemaakt en {report.MessagesErased} bericht(en) zijn verwijderd. Wat gewist is, staat ook niet meer in de database-bestanden. Het wissen staat met je reden in het inzage-log.";
    }

    private static string Count(int cases) => cases == 1 ? "1 melding" : $"{cases} meldingen";
}
