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

    /// <summary>The heading of the note for the bully's own logbook.</summary>
    public const string BullyTitle = "Notitie voor Magister, logboek van de dader";

    /// <summary>Told when the case names no bully with a logbook at this school.</summary>
    public const string NoBullyText = "In melding {0} staat geen dader met naam (of de dader zit op een andere school). Kies de dader op de kaart van de stap (B.1, B.3, D.2 of E.1); daarna kun je hier een notitie voor zijn logboek maken.";

    public static AdaptiveCard Build(string caseCode, string note, int from, int to, bool someAlreadyInMagister, string? bullyName = null)
    {
        var card = NewCard(
            Heading(bullyName is null ? $"{Title} – {caseCode}" : $"{BullyTitle} – {bullyName}"),
            Paragraph(bullyName is null ? HowTo : HowTo.Replace("het logboek van de leerling", $"het logboek van {bullyName} (niet in dat van het slachtoffer)", StringComparison.Ordinal)),
            new InputText(NoteInputId)
            {
                Label = from == to ? $"Dossierstap #{from}" : $"Dossierstappen #{from} t/m #{to}",
                IsMultiline = true,
                Value = note,
            });
        if (someAlreadyInMagister && bullyName is null)
        {
            card.Body!.Add(Subtle("Let op: een deel van deze stappen stond al in een eerdere notitie voor Magister."));
        }

        card.Body!.Add(Subtle(bullyName is null
            ? "In het dossier staan deze stappen nu gemarkeerd als 'notitie voor Magister gemaakt'. Andere leerlingen staan er alleen met hun rol in (de pester, omstander), nooit met hun naam."
            : "Dit is het deel van de dader: de gesprekken met hem en zijn ouders, de afspraken en zijn vervolg. Het slachtoffer staat er alleen met zijn rol in, nooit met zijn naam."));
        card.Actions = [CommandButton("Terug naar het dossier", $"dossier {caseCode}")];
        return card;
    }
}
