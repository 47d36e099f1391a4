using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

using Choice = PestProtocol.BotFramework.Cards.Choice;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>The intake of a new melding: which student, then what was seen (Bijlage 1), by whom, where.</summary>
public static class IntakeCards
{
    /// <summary>Input ids of the intake cards.</summary>
    public static class Inputs
    {
        public const string Student = "leerling";
        public const string StudentTyped = "leerlingNaam";
        public const string ClassName = "klas";
        public const string Location = "locatie";
        public const string Role = "rol";
        public const string Trigger = "aanleiding";
        public const string SchoolSignals = "signalenSchool";
        public const string HomeSignals = "signalenThuis";
        public const string Digital = "digitaal";
        public const string Description = "beschrijving";
    }

    /// <summary>The roles someone can say they signal in, when the directory does not know.</summary>
    public static readonly IReadOnlyList<(StaffRole Role, string Title)> SignallerRoles =
    [
        (StaffRole.Mentor, "Mentor"),
        (StaffRole.Docent, "Docent"),
        (StaffRole.Concierge, "Conciërge"),
        (StaffRole.OtherStaff, "Andere medewerker"),
    ];

    /// <summary>What led to the suspicion, in the protocol's words.</summary>
    public static readonly IReadOnlyList<(SuspicionTrigger Trigger, string Title)> Triggers =
    [
        (SuspicionTrigger.Signals, "Signalen die ik zag of hoorde (bijlage 1)"),
        (SuspicionTrigger.StudentToldStaff, "De leerling vertelde het zelf"),
        (SuspicionTrigger.ColleagueReport, "Een collega of de conciërge meldde het"),
        (SuspicionTrigger.Thermometer, "De thermometer in de klas (bijlage 2)"),
        (SuspicionTrigger.AnonymousStudentReport, "Een anonieme melding van een leerling"),
    ];

    /// <summary>"Over welke leerling gaat het?"</summary>
    public static AdaptiveCard AskStudent(IReadOnlyList<Choice> suggestions)
    {
        var card = NewCard(
            Heading("Nieuwe melding"),
            Paragraph("Je start een melding volgens het pestprotocol (stap 1: vermoedens van pesten). Over welke leerling gaat het? Dat is de leerling die misschien gepest wordt."));
        card.Body!.AddRange(StudentField(Inputs.Student, "Leerling", suggestions));
        card.Actions = [Answer("Verder", "leerling")];
        return card;
    }

    /// <summary>Several students match what was typed: pick one.</summary>
    public static AdaptiveCard ChooseStudent(string typed, IReadOnlyList<DirectoryPerson> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var card = NewCard(
            Heading("Welke leerling bedoel je?"),
            Paragraph($"Er zijn meer leerlingen die passen bij '{typed}'."),
            Choices(Inputs.Student, "Leerling", matches.Select(m => new Choice(Features.Melding.StudentSearch.Title(m), m.Id)), expanded: true, required: true));
        card.Actions = [Answer("Deze leerling", "leerling", new Dictionary<string, string> { [Inputs.Student] = "Leerling" })];
        return card;
    }

    /// <summary>The rules of <see cref="ChooseStudent"/>.</summary>
    public static IReadOnlyList<CardInputRule> ChooseStudentRules(IReadOnlyList<DirectoryPerson> matches) =>
        [Rule(Inputs.Student, "Leerling", allowed: [.. matches.Select(m => m.Id)])];

    /// <summary>What was seen, by whom, where: the step-1 intake.</summary>
    public static AdaptiveCard Details(DirectoryPerson student, IReadOnlyList<SchoolLocation> locations, bool askRole, SuspicionTrigger trigger = SuspicionTrigger.Signals)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(locations);
        var card = NewCard(
            Heading("Stap 1 – Vermoedens van pesten"),
            Paragraph($"Melding over {StudentSearch(student)}. Vul in wat je hebt gezien of gehoord. Klas en locatie komen uit de schooladministratie; pas ze aan als ze niet kloppen."),
            Text(Inputs.ClassName, "Klas", required: true, maxLength: 20, value: student.ClassName),
            Choices(Inputs.Location, "Locatie", locations.Select(l => new Choice(l.Name, l.Id)), value: student.LocationId ?? locations.FirstOrDefault()?.Id, required: true));
        if (askRole)
        {
            card.Body!.Add(Choices(Inputs.Role, "Wat is jouw rol?", SignallerRoles.Select(r => new Choice(r.Title, r.Role.ToString())), expanded: true, required: true));
        }

        card.Body!.Add(Choices(Inputs.Trigger, "Hoe kwam het vermoeden?", Triggers.Select(t => new Choice(t.Title, t.Trigger.ToString())), value: trigger.ToString()));
        card.Body!.Add(SubHeading("Welke signalen zie je? (bijlage 1)"));
        card.Body!.Add(Choices(Inputs.SchoolSignals, "Signalen op school", Bijlage1Signalen.SchoolSignals.Select(s => new Choice(s.Text.Nl, s.Id)), expanded: true, multi: true));
        card.Body!.Add(Choices(Inputs.HomeSignals, "Signalen thuis (bijvoorbeeld van de ouders gehoord)", Bijlage1Signalen.HomeSignals.Select(s => new Choice(s.Text.Nl, s.Id)), expanded: true, multi: true));
        card.Body!.Add(Toggle(Inputs.Digital, "Het gaat (ook) om digitaal pesten: online, in de chat of op sociale media"));
        card.Body!.Add(Text(Inputs.Description, "Wat heb je gezien of gehoord?", required: true, multiline: true, placeholder: "Wat, wanneer, waar, wie waren erbij"));
        card.Body!.Add(Subtle("Wat je vastlegt komt in het dossier van de melding. De mentor en de anti-pestcoördinator krijgen meteen bericht."));
        var required = new Dictionary<string, string>
        {
            [Inputs.ClassName] = "Klas",
            [Inputs.Location] = "Locatie",
            [Inputs.Description] = "Wat heb je gezien of gehoord?",
        };
        if (askRole)
        {
            required[Inputs.Role] = "Wat is jouw rol?";
        }

        card.Actions = [Answer("Melding vastleggen", "opslaan", required, style: ActionStyle.Positive)];
        return card;
    }

    /// <summary>The rules of <see cref="Details"/>.</summary>
    public static IReadOnlyList<CardInputRule> DetailsRules(IReadOnlyList<SchoolLocation> locations) =>
    [
        Rule(Inputs.ClassName, "Klas", maxLength: 20),
        Rule(Inputs.Location, "Locatie", allowed: [.. locations.Select(l => l.Id)]),
        Rule(Inputs.Role, "Wat is jouw rol?", allowed: [.. SignallerRoles.Select(r => r.Role.ToString())]),
        Rule(Inputs.Trigger, "Hoe kwam het vermoeden?", allowed: [.. Triggers.Select(t => t.Trigger.ToString())]),
        Rule(Inputs.SchoolSignals, "Signalen op school", allowed: [.. Bijlage1Signalen.SchoolSignals.Select(s => s.Id)], multi: true),
        Rule(Inputs.HomeSignals, "Signalen thuis", allowed: [.. Bijlage1Signalen.HomeSignals.Select(s => s.Id)], multi: true),
        Rule(Inputs.Description, "Wat heb je gezien of gehoord?", maxLength: 2000),
    ];

    private static string StudentSearch(DirectoryPerson student) => Features.Melding.StudentSearch.Title(student);
}
