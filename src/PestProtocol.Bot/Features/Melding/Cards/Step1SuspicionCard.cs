using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Stap 1 – Vermoedens van pesten: recorded; orienting conversation; does the suspicion hold?</summary>
public static class Step1SuspicionCard
{
    /// <summary>Answer: het vermoeden klopt.</summary>
    public const string Confirm = "ja";

    /// <summary>Answer: het klopt niet.</summary>
    public const string Reject = "nee";

    /// <summary>Answer: dat weet ik nog niet.</summary>
    public const string NotYet = "weetniet";

    /// <summary>The note input.</summary>
    public const string Note = "notitie";

    /// <summary>The card.</summary>
    public static AdaptiveCard Create(string code, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var informed = @case.Dossier[0].InformedRoles.Select(RoleName).ToList();
        var card = StepCard(StepTitles.For(ProtocolStep.Step1Suspicion), code, @case,
            $"Het vermoeden is vastgelegd in melding {code}." + (informed.Count > 0 ? $" {Capitalize(List(informed))} {(informed.Count == 1 ? "krijgt" : "krijgen")} meteen bericht." : string.Empty));
        card.Body!.Add(SubHeading("Wat nu?"));
        card.Body!.Add(Bullets(
        [
            "Bespreek het vermoeden zo snel mogelijk in de docentengroep.",
            "Voer een oriënterend gesprek met de leerling (bijlage 3), met de gesprekstips van bijlage 4.",
            "Maak altijd een notitie in het dossier.",
        ]));
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage3, "Bijlage 3: oriënterend gesprek"), AppendixButton(AppendixId.Bijlage4, "Bijlage 4: gesprekstips")));
        card.Body!.Add(SubHeading("Klopt het vermoeden?"));
        card.Body!.Add(Text(Note, "Notitie (verplicht als je kiest of het vermoeden klopt: wat bleek uit het gesprek?)", multiline: true));
        card.Actions =
        [
            Answer("Ja, het vermoeden klopt", Confirm, new Dictionary<string, string> { [Note] = "Notitie" }, style: ActionStyle.Positive),
            Answer("Nee, het klopt niet", Reject, new Dictionary<string, string> { [Note] = "Notitie" }),
            Answer("Dat weet ik nog niet", NotYet),
        ];
        return card;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
