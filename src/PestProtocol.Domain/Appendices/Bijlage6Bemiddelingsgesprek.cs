using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>
/// Bijlage 6: Bemiddelingsgesprek — the mediation conversation of B.1. <see cref="Topics"/> are the four subjects
/// that step B.1 says must be covered in that conversation, with stable ids for the card checklist.
/// </summary>
public static class Bijlage6Bemiddelingsgesprek
{
    /// <summary>The four B.1 topics ("Tijdens het gesprek komen de onderstaande onderwerpen aan de orde").</summary>
    public static readonly IReadOnlyList<AppendixItem> Topics =
    [
        new("b1.veilige-school", new(
            "Elke leerling heeft recht op een veilige schoolomgeving en de school doet er alles aan om dat te bewerkstelligen.",
            "Every student has the right to a safe school environment and the school does everything it can to achieve that.")),
        new("b1.pester-aanspreken", new(
            "Spreek de pester aan en maak hem duidelijk dat hij moet stoppen met het pesten.",
            "Address the bully and make clear that the bullying must stop.")),
        new("b1.gevoelens-slachtoffer", new(
            "Sta stil bij de gevoelens van het slachtoffer, zodat hij zich begrepen voelt.",
            "Dwell on the victim's feelings, so that the victim feels understood.")),
        new("b1.effect-gedrag", new(
            "Maak de pester bewust van het effect van zijn gedrag.",
            "Make the bully aware of the effect of their behaviour.")),
    ];

    /// <summary>Bijlage 6 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage6,
        new("Bijlage 6: Bemiddelingsgesprek", "Appendix 6: Mediation conversation"),
        [
            AppendixSection.Text("doel", new("Doel", "Goal"),
                new LocalizedText("De hulpverlener probeert een dialoog mogelijk te maken tussen twee partijen die op elkaar zijn vastgelopen.",
                    "The helper tries to make a dialogue possible between two parties who have reached a deadlock with each other.")),
            AppendixSection.Text("kenmerken", new("Kenmerken", "Features"),
                new LocalizedText("Twee partijen hebben een conflict waar zij zelf niet meer uit kunnen komen. Beide partijen hebben persoonlijke emoties overgehouden n.a.v. vorige botsingen. Beide partijen denken het recht aan hun kant te hebben en vinden dat de ander onjuist handelt. De bemiddelaar moet weer beweging in de situatie krijgen, zonder dat de partijen het gevoel hebben dat ze gezichtsverlies lijden.",
                    "Two parties have a conflict they can no longer resolve themselves. Both parties are left with personal emotions from earlier clashes. Both parties think they are in the right and find that the other acts wrongly. The mediator has to get the situation moving again, without the parties feeling that they lose face.")),
            AppendixSection.Text("werkwijze", new("Werkwijze", "Method"),
                new("Voorafgaand aan het gesprek heb je je een duidelijk beeld gevormd waar de zaak over gaat en welke beleving beide partijen hebben.",
                    "Before the conversation you have formed a clear picture of what the matter is about and how both parties experience it."),
                new("Nodig beide partijen uit toelichting te geven op de zaak, zo nodig verhelderen door terugkoppelen, samenvatten en vragen stellen.",
                    "Invite both parties to explain the matter; clarify where needed by reflecting back, summarising and asking questions."),
                new("In wisselwerking met beide partijen een probleemstelling formuleren.",
                    "Formulate a problem statement in interaction with both parties."),
                new("Beide partijen laten verklaren dat deze situatie om beweging vraagt van beide kanten.",
                    "Have both parties state that this situation asks for movement from both sides."),
                new("Beide partijen bereidheid vragen in beweging te komen.",
                    "Ask both parties to be willing to move.")),
            AppendixSection.List("vaardigheid", new("Vaardigheid", "Skills"),
            [
                new("open-opstellen", new("Zich open opstellen", "Being open")),
                new("luisteren", new("Luisteren", "Listening")),
                new("terugkoppelen", new("Terugkoppelen", "Reflecting back")),
                new("ordenen", new("Ordenen", "Ordering")),
                new("vragend-aansluiten", new("Vragend aansluiten", "Following up with questions")),
                new("vragend-toevoegen", new("Vragend toevoegen", "Adding through questions")),
                new("informeren", new("Informeren", "Informing")),
                new("adviseren", new("Adviseren", "Advising")),
            ]),
        ]);

    /// <summary>True when the id is one of the four B.1 topics.</summary>
    public static bool IsTopic(string? id) => id is not null && Topics.Any(t => t.Id == id);
}
