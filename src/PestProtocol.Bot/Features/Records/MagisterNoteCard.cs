using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// The note for Magister in a card. The text sits pre-filled in a multi-line text field: unlike a TextBlock, a text
/// field's content can be selected and copied on every Teams client (desktop, web, iOS, Android), and it shows the
/// plain text exactly as it will be pasted, without markdown rendering.
/// </summary>
public static class MagisterNoteCard
{
    public const string NoteInputId = "magisterNote";
    public const string Title = "Notitie voor Magister";
    public const string HowTo =
        "Klik in het tekstvak, selecteer alles (Ctrl+A, op een Mac Cmd+A; op je telefoon: lang drukken en 'Alles selecteren') en kopieer het. Plak het in Magister in het logboek van de leerling.";

    public const string NothingNewText =
        "Alle stappen van dit dossier staan al in een eerdere notitie voor Magister. Wil je ze toch nog eens? Typ dan bijvoorbeeld 'dossier {0} magister vanaf 1'.";

    public static AdaptiveCard Build(string caseCode, string note, int from, int to, bool someAlreadyInMagister)
    {
        var card = NewCard(
            Heading($"{Title} – {caseCode}"),
            Paragraph(HowTo),
            new InputText(NoteInputId)
            {
                Label = from == to ? $"Dossierstap #{from}" : $"Dossierstappen #{from} t/m #{to}",
                IsMultiline = true,
                Value = note,
            });
        if (someAlreadyInMagister)
        {
            card.Body!.Add(Subtle("Let op: een deel van deze stappen stond al in een eerdere notitie voor Magister."));
        }

        card.Body!.Add(Subtle("In het dossier staan deze stappen nu gemarkeerd als 'notitie voor Magister gemaakt'. Andere leerlingen staan er alleen met hun rol in (dader, omstander), nooit met hun naam."));
        card.Actions = [CommandButton("Terug naar het dossier", $"dossier {caseCode}")];
        return card;
    }
}
