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

    /// <summary>A card button of a dialog that has ended was used, and the card says how to go on. {0}: the command, e.g. "melding 2026-0002".</summary>
    public string StaleCardResume { get; init; } = "Deze kaart hoort bij een gesprek dat al is afgerond; met deze knop gebeurt niets meer. Verder gaan? Typ '{0}'.";

    /// <summary>A card button of an earlier question was used while another question is open.</summary>
    public string OtherCard { get; init; } = "Deze kaart hoort bij een eerdere vraag. Gebruik de laatste kaart in dit gesprek.";

    /// <summary>Answer to an Action.Execute that was accepted.</summary>
    public string CardReceived { get; init; } = "Ontvangen.";

    public string ConfirmRetry { get; init; } = "Antwoord met ja of nee.";

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

    /// <summary>{0}: what the user is busy with, e.g. "de melding".</summary>
    public string SwitchDialogQuestion { get; init; } = "Wil je stoppen met {0}?";

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
        StaleCardResume = "This card belongs to a conversation that has already finished; this button does nothing now. To carry on, type '{0}'.",
        OtherCard = "This card belongs to an earlier question. Please use the latest card in this chat.",
        CardReceived = "Received.",
        ConfirmRetry = "Please answer yes or no.",
        CardRetry = "Please use the buttons on the card.",
        TooManyAttempts = "This isn't working. I'll stop asking this question.",
        RequiredInputMissing = "Please fill in '{0}'.",
        ValueNotAllowed = "'{0}' can't have that value. Choose from: {1}.",
        ValueTooLong = "'{0}' is too long: at most {1} characters.",
        Yes = "Yes",
        No = "No",
        SwitchDialogQuestion = "Do you want to stop {0}?",
    };

    /// <summary>The texts for this turn: the <see cref="DialogTexts"/> in turn state, or <see cref="Dutch"/>.</summary>
    public static DialogTexts For(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<DialogTexts>() ?? Dutch;
    }
}
