using PestProtocol.BotFramework.Builder;

namespace PestProtocol.BotFramework.Dialogs;

/// <summary>
/// Every sentence the dialog engine itself shows a user, in one place. Dutch is the default; the app
/// chooses per turn by putting a <see cref="DialogTexts"/> in <see cref="ITurnContext.TurnState"/>
/// (e.g. from a middleware that looks at the user's locale). Placeholders: {0}, {1} as noted.
/// </summary>
public sealed record DialogTexts
{
    /// <summary>A card button of a dialog that has ended was used.</summary>
    public string StaleCard { get; init; } = "Deze kaart hoort bij een gesprek dat al is afgerond. Begin opnieuw als je nog iets wilt doen.";

    /// <summary>A card button of an earlier question was used while another question is open.</summary>
    public string OtherCard { get; init; } = "Deze kaart hoort bij een eerdere vraag. Gebruik de laatste kaart in dit gesprek.";

    /// <summary>Answer to an Action.Execute that was accepted.</summary>
    public string CardReceived { get; init; } = "Ontvangen.";

    public string TextRetry { get; init; } = "Ik heb geen tekst ontvangen. Probeer het nog eens.";

    /// <summary>{0}: the choices, comma separated.</summary>
    public string ChoiceRetry { get; init; } = "Kies een van deze opties: {0}.";

    public string ConfirmRetry { get; init; } = "Antwoord met ja of nee.";

    public string DateRetry { get; init; } = "Die datum begrijp ik niet. Schrijf bijvoorbeeld 12-3, 12-03-2027, 12 maart, morgen of maandag.";

    /// <summary>A card prompt got a typed message instead of a card submit.</summary>
    public string CardRetry { get; init; } = "Gebruik de knoppen op de kaart.";

    public string TooManyAttempts { get; init; } = "Dat lukt zo niet. Ik stop met deze vraag.";

    /// <summary>{0}: the input's label.</summary>
    public string RequiredInputMissing { get; init; } = "Vul '{0}' in.";

    /// <summary>{0}: the input's label; {1}: the allowed values.</summary>
    public string ValueNotAllowed { get; init; } = "Bij '{0}' kan dat niet. Kies uit: {1}.";

    /// <summary>{0}: the input's label; {1}: the maximum length.</summary>
    public string ValueTooLong { get; init; } = "'{0}' is te lang: maximaal {1} tekens.";

    public string Yes { get; init; } = "Ja";

    public string No { get; init; } = "Nee";

    /// <summary>The button under an Input.ChoiceSet.</summary>
    public string SubmitChoice { get; init; } = "Verder";

    /// <summary>{0}: what the user is busy with, e.g. "de melding".</summary>
    public string SwitchDialogQuestion { get; init; } = "Wil je stoppen met {0}?";

    /// <summary>Shown on "help" before the current question is asked again (<see cref="CommandDialog"/>).</summary>
    public string Help { get; init; } = "Beantwoord de vraag hieronder. Typ 'stop' om te stoppen.";

    /// <summary>Shown after "stop"/"annuleer" cancelled the dialogs (<see cref="CommandDialog"/>).</summary>
    public string Stopped { get; init; } = "Oké, ik ben gestopt. Wat je in dit gesprek nog niet had afgerond, is niet opgeslagen.";

    /// <summary>A message that is no command while no dialog runs (<see cref="CommandDialog"/>). {0}: the commands.</summary>
    public string UnknownCommand { get; init; } = "Dat begrijp ik niet. Je kunt typen: {0}.";

    /// <summary>Words that mean yes (compared case-insensitively, trimmed, without a final '.' or '!').</summary>
    public IReadOnlyList<string> YesWords { get; init; } =
        ["ja", "j", "jawel", "jazeker", "zeker", "yes", "y", "ok", "oke", "oké", "okay", "klopt", "goed", "prima", "akkoord", "graag", "true"];

    /// <summary>Words that mean no.</summary>
    public IReadOnlyList<string> NoWords { get; init; } =
        ["nee", "n", "neen", "nope", "no", "niet", "liever niet", "klopt niet", "nee dank je", "false"];

    /// <summary>The Dutch texts (default).</summary>
    public static DialogTexts Dutch { get; } = new();

    /// <summary>The English texts.</summary>
    public static DialogTexts English { get; } = new()
    {
        StaleCard = "This card belongs to a conversation that has already finished. Start again if you want to do something else.",
        OtherCard = "This card belongs to an earlier question. Please use the latest card in this chat.",
        CardReceived = "Received.",
        TextRetry = "I did not receive any text. Please try again.",
        ChoiceRetry = "Please choose one of these options: {0}.",
        ConfirmRetry = "Please answer yes or no.",
        DateRetry = "I don't understand that date. Write for example 12-3, 12-03-2027, 12 maart, morgen or maandag.",
        CardRetry = "Please use the buttons on the card.",
        TooManyAttempts = "This isn't working. I'll stop asking this question.",
        RequiredInputMissing = "Please fill in '{0}'.",
        ValueNotAllowed = "'{0}' can't have that value. Choose from: {1}.",
        ValueTooLong = "'{0}' is too long: at most {1} characters.",
        Yes = "Yes",
        No = "No",
        SubmitChoice = "Continue",
        SwitchDialogQuestion = "Do you want to stop {0}?",
        Help = "Answer the question below. Type 'stop' to stop.",
        Stopped = "OK, I stopped. Anything you had not finished in this conversation has not been saved.",
        UnknownCommand = "I don't understand that. You can type: {0}.",
    };

    /// <summary>The texts for this turn: the <see cref="DialogTexts"/> in turn state, or <see cref="Dutch"/>.</summary>
    public static DialogTexts For(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<DialogTexts>() ?? Dutch;
    }
}
