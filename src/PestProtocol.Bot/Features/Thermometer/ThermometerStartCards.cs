using System.Globalization;
using PestProtocol.Bot.Commands;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Thermometer;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>The staff side of starting the thermometer: pick a class and a closing day, send, and the confirmation.</summary>
public static class ThermometerStartCards
{
    /// <summary>The command word.</summary>
    public const string Command = "thermometer";

    /// <summary>The argument that asks for the results.</summary>
    public const string ResultsArgument = "resultaten";

    /// <summary>Submit data key that says the start card was sent.</summary>
    public const string CardKey = "thermometerKaart";

    /// <summary>Value of <see cref="CardKey"/> on the start card.</summary>
    public const string StartCard = "start";

    /// <summary>Input id of the class.</summary>
    public const string ClassInput = "thermometer.klas";

    /// <summary>Input id of the closing day.</summary>
    public const string ClosesOnInput = "thermometer.sluitingsdatum";

    /// <summary>Heading of the start card.</summary>
    public const string StartTitle = "De thermometer in je klas";

    /// <summary>The button on the start card.</summary>
    public const string SendButton = "Versturen";

    /// <summary>The button that shows the results (or why there are none yet).</summary>
    public const string ResultsButton = "Tussenstand of uitslag bekijken";

    internal static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Pick a class (one of the staff member's own), an optional closing day (default: a week, on a school day), and send.</summary>
    public static AdaptiveCard Start(IReadOnlyList<ThermometerClass> classes, DateOnly suggestedClosing, DateOnly today, string? error = null, string? chosenKey = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var card = NewCard(
            Heading(StartTitle),
            Paragraph("De thermometer (bijlage 2) is een anonieme vragenlijst over hoe veilig leerlingen zich voelen en of er gepest wordt. Elke leerling van de klas krijgt hem in de eigen chat met PestProtocol."),
            Subtle($"Niemand ziet wie wat invult, ook jij niet. De uitslag zie je vanaf {ThermometerThresholds.AbsoluteMinimumRespondents} antwoorden: als de thermometer sluit krijg jij die, en de anti-pestcoördinator van de locatie."));
        if (error is { Length: > 0 })
        {
            card.Body!.Add(new Container { Style = ContainerStyle.Attention, Items = [Paragraph(error)] });
        }

        card.Body!.Add(new InputChoiceSet(ClassInput)
        {
            Label = "Klas",
            Style = ChoiceInputStyle.Compact,
            IsRequired = true,
            ErrorMessage = "Kies een klas.",
            Value = chosenKey ?? (classes.Count == 1 ? classes[0].Key : null),
            Choices = [.. classes.Select(c => new Choice(c.Name, c.Key))],
        });
        card.Body.Add(new InputDate(ClosesOnInput)
        {
            Label = "Sluit na (een schooldag)",
            Value = suggestedClosing.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Min = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Max = today.AddDays(ThermometerSurvey.MaxDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        card.Body.Add(Subtle($"Zonder datum: {suggestedClosing.ToString("dddd d MMMM", Dutch)}, over een week. De dag voor het sluiten krijgt wie nog niet heeft ingevuld één herinnering."));
        card.Actions =
        [
            new ActionSubmit(SendButton)
            {
                Style = ActionStyle.Positive,
                Data = new Dictionary<string, object?> { [CommandRecognizer.CommandDataKey] = Command, [CardKey] = StartCard },
            },
            CommandButton("Vragenlijst bekijken (bijlage 2)", "bijlage 2"),
        ];
        return card;
    }

    /// <summary>After "Versturen": to how many students it went, until when, and how to see the results.</summary>
    public static AdaptiveCard Started(ThermometerSurvey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var card = NewCard(
            Heading($"De thermometer is verstuurd naar klas {survey.ClassName}"),
            new FactSet
            {
                Facts =
                [
                    new Fact("Leerlingen", survey.InvitedCount.ToString(CultureInfo.InvariantCulture)),
                    new Fact("Open tot en met", survey.ClosesOn.ToString("dddd d MMMM yyyy", Dutch)),
                ],
            },
            Paragraph($"Als hij sluit, krijg jij de uitslag (en de anti-pestcoördinator). Een tussenstand kan vanaf {ThermometerThresholds.AbsoluteMinimumRespondents} antwoorden: typ 'thermometer resultaten' of gebruik de knop."));
        card.Body!.Add(Subtle("Elke leerling krijgt de uitnodiging in de eigen chat met PestProtocol. Heeft iemand hem niet gekregen? Dan typt die leerling daar 'thermometer'."));
        card.Actions = [CommandButton(ResultsButton, $"{Command} {ResultsArgument}")];
        return card;
    }

    /// <summary>"thermometer resultaten" without any survey in the staff member's classes.</summary>
    public static AdaptiveCard NoSurveys() => NewCard(
        Heading("Nog geen thermometer"),
        Paragraph("In jouw klassen is de thermometer nog niet gestart. Typ 'thermometer' om hem te versturen."));
}
