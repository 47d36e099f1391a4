using PestProtocol.BotFramework.Cards;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// The link to a dossier's PDF, in the staff member's personal chat. (Teams' own file-consent flow, which puts the file
/// in the user's OneDrive, needs a real tenant with the bot's supportsFiles; a short-lived link works everywhere.)
/// </summary>
public static class PdfLinkCard
{
    public const string OpenButton = "PDF openen";

    public static AdaptiveCard Build(string caseCode, string link, TimeSpan lifetime)
    {
        var minutes = Math.Max(1, (int)Math.Round(lifetime.TotalMinutes));
        var card = NewCard(
            Heading($"PDF van dossier {caseCode}"),
            Paragraph($"De PDF is klaar om te printen, bijvoorbeeld voor een gesprek met ouders of een overdracht naar een andere school. De link werkt {minutes} minuten; deel hem met niemand. Daarna vraag je gewoon een nieuwe aan."),
            Subtle("Het dossier gaat over een minderjarige leerling. Print het alleen als het nodig is, laat de print niet liggen en stuur de PDF niet door. Het downloaden komt in het inzage-log."));
        card.Actions = [new ActionOpenUrl(link) { Title = OpenButton }, CommandButton("Terug naar het dossier", $"dossier {caseCode}")];
        return card;
    }
}
