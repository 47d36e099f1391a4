using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.TellMentor;

/// <summary>The student's card ("vertel het je mentor") and the card the mentor gets.</summary>
public static class TellMentorCards
{
    public const string MessageId = "bericht";
    public const string ChoiceKey = "keuze";
    public const string Send = "versturen";
    public const string Cancel = "toch-niet";
    public const int MaxMessage = 1000;

    /// <summary>The submit data key with the trigger the /melding intake should pre-select.</summary>
    public const string TriggerKey = "aanleiding";

    public const string StudentTitle = "Vertel het je mentor";
    public const string MentorTitle = "Een leerling wil met je praten";
    public const string StartStep1 = "Start stap 1";

    /// <summary>The student sees who their mentor is and what the mentor will get.</summary>
    public static AdaptiveCard AskStudent(DirectoryPerson mentor)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        var card = NewCard(
            Heading(StudentTitle),
            Paragraph($"Je mentor is {mentor.DisplayName}. Als je op Versturen drukt, krijgt je mentor een bericht van mij met jouw naam. Je mentor komt dan naar je toe om met je te praten."),
            Paragraph("Je hoeft nu nog niets uit te leggen. Wil je toch al iets vertellen? Schrijf het hieronder. Dat leest alleen je mentor."),
            new InputText(MessageId)
            {
                Label = "Wat wil je je mentor laten weten? (mag leeg blijven)",
                IsMultiline = true,
                MaxLength = MaxMessage,
                Placeholder = "Bijvoorbeeld: ze pesten me in de groepsapp van de klas.",
            },
            Subtle("Liever niet met je naam? Typ dan 'anoniem'."));
        card.Actions =
        [
            new ActionSubmit("Versturen") { Style = ActionStyle.Positive, Data = new Dictionary<string, object?> { [ChoiceKey] = Send } },
            new ActionSubmit("Toch niet") { Data = new Dictionary<string, object?> { [ChoiceKey] = Cancel } },
        ];
        return card;
    }

    public static IReadOnlyList<CardInputRule> AskStudentRules { get; } =
    [
        new CardInputRule { Id = ChoiceKey, Label = "Keuze", Required = true, AllowedValues = [Send, Cancel] },
        new CardInputRule { Id = MessageId, Label = "Wat wil je je mentor laten weten?", MaxLength = MaxMessage },
    ];

    /// <summary>The student is told who will come to them.</summary>
    public static string Told(DirectoryPerson mentor) =>
        $"Je bericht is naar je mentor gestuurd: {mentor.DisplayName}. Je mentor komt naar je toe om met je te praten, op een rustig moment. "
        + "Dat was moedig van je. Kan het niet wachten of voel je je niet veilig? Praat met een volwassene op school die je vertrouwt, "
        + "of bel gratis de Kindertelefoon: 0800-0432 (kindertelefoon.nl). In gevaar? Bel 112.";

    /// <summary>What the mentor gets in the personal chat, with the button that begins step 1 for this student.</summary>
    public static AdaptiveCard ForMentor(DirectoryPerson student, StudentToldMentorPayload payload, string when)
    {
        var name = student.ClassName is { Length: > 0 } className ? $"{student.DisplayName} ({className})" : student.DisplayName;
        var card = NewCard(
            Heading(MentorTitle),
            Paragraph($"{name} vertelde je via PestProtocol zelf dat er iets aan de hand is (gepest worden of zich niet veilig voelen). De leerling heeft te horen gekregen dat jij naar hem of haar toe komt."),
            new FactSet { Facts = [new Fact("Leerling", name), new Fact("Verstuurd", when)] });
        if (!string.IsNullOrWhiteSpace(payload.Message))
        {
            card.Body!.Add(SubHeading("Wat de leerling schreef"));
            card.Body.Add(Paragraph(payload.Message));
        }
        else
        {
            card.Body!.Add(Paragraph("De leerling schreef er niets bij."));
        }

        card.Body.Add(Subtle("Zoek de leerling op een rustig moment op voor een oriënterend gesprek (bijlage 3, tips in bijlage 4). Met 'Start stap 1' begin je de melding; 'De leerling vertelde het zelf' staat dan al ingevuld."));
        card.Actions =
        [
            new ActionSubmit(StartStep1)
            {
                Style = ActionStyle.Positive,
                Data = new Dictionary<string, object?>
                {
                    [CommandRecognizer.CommandDataKey] = "melding " + student.Id,
                    [TriggerKey] = nameof(SuspicionTrigger.StudentToldStaff),
                },
            },
            CommandButton("Bijlage 3: oriënterend gesprek", "bijlage 3"),
        ];
        return card;
    }
}
