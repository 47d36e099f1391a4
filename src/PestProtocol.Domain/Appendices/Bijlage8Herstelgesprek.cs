using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>Bijlage 8: Herstelgesprek — the restorative conference, optional after route B or D.</summary>
public static class Bijlage8Herstelgesprek
{
    /// <summary>The conditions the chair creates for every participant.</summary>
    public static readonly IReadOnlyList<AppendixItem> Conditions =
    [
        new("emoties", new("Emoties veilig te uiten;", "Express emotions safely;")),
        new("verantwoordelijkheid", new("De eigen verantwoordelijkheid voor het gebeurde te accepteren;", "Accept their own responsibility for what happened;")),
        new("schade", new("Te vertellen welke schade of leed door het gebeurde aangericht is;", "Tell what damage or suffering was caused by what happened;")),
        new("behoeften", new("Te vertellen welke behoeften en gevoelens daardoor beschadigd zijn;", "Tell which needs and feelings were harmed by it;")),
        new("excuses", new("Excuses maken, te vragen of te ontvangen;", "Make, ask for or receive apologies;")),
        new("overeenkomst", new("Bij te dragen aan het tot stand komen van een overeenkomst, met instemming van iedereen;", "Contribute to reaching an agreement, with everyone's consent;")),
        new("herstel", new("Zich open te stellen voor herstel van de relatie.", "Be open to restoring the relationship.")),
    ];

    /// <summary>Bijlage 8 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage8,
        new("Bijlage 8: Herstelgesprek", "Appendix 8: Restorative conference"),
        [
            AppendixSection.Text("herstelrecht", null,
                new LocalizedText("Herstelrecht legt de nadruk op de eigen verantwoordelijkheid voor veiligheid van alle leden binnen een scholengemeenschap. De verbindende factor is het werken met elkaar, in plaats van tegen, zonder of voor elkaar. In conflictsituaties wordt, naast genoegdoening voor aangebracht materieel leed, vooral ingezet op herstel van de verstoorde relatie, door slachtoffer, dader en andere betrokkenen met elkaar in gesprek te brengen. Dit gebeurt vanuit een vaste vraagstelling: wat is er gebeurd, hoe kijk je daarop terug, wie zijn erdoor benadeeld en hoe kan het weer goed gemaakt worden.",
                    "Restorative justice puts the emphasis on everyone's own responsibility for the safety of all members of a school community. The connecting factor is working with each other, instead of against, without or for each other. In conflicts, besides compensation for material harm done, the focus is above all on restoring the damaged relationship, by bringing victim, bully and others involved into conversation with each other. This follows a fixed set of questions: what happened, how do you look back on it, who was harmed by it and how can it be put right.")),
            AppendixSection.Text("gespreksleider", new("De herstelrecht gespreksleider", "The restorative conference facilitator"),
                new("De herstelrecht gespreksleider is een onafhankelijke neutrale voorzitter. Deze heeft als taak de details van het gebeurde incident te achterhalen en zich een beeld te vormen van het incident. Daartoe voert hij gesprekken met alle betrokkenen, eventuele getuigen en vrienden of familie van dader(s) en slachtoffer(s). Al deze mensen worden uitgenodigd om aanwezig te zijn op de conferentie en mee te praten over herstel.",
                    "The restorative conference facilitator is an independent, neutral chair, whose task is to find out the details of the incident and form a picture of it. To that end the facilitator talks with everyone involved, any witnesses, and friends or family of the bully (or bullies) and the victim(s). All these people are invited to attend the conference and to take part in the conversation about restoration."),
                new("De herstelconferentie biedt een veilige, gestructureerde omgeving waar alle betrokkenen bij elkaar komen om te bespreken wat er gebeurd is (ontmoeting), te overleggen hoe de schade hersteld kan worden (toenadering) met respect voor de gevoelens en behoeften van alle aanwezigen (verbinding). De veilige setting, het toegenomen invloedsbesef bij alle partijen en het persoonlijke contact doen tenslotte de betrokkenheid toenemen. En daarmee wordt voldaan aan zowel de basisbehoeften van mensen als aan de basiswaarden van het model.",
                    "The restorative conference offers a safe, structured setting where everyone involved comes together to discuss what happened (encounter) and to consult on how the harm can be repaired (rapprochement), with respect for the feelings and needs of everyone present (connection). The safe setting, the greater sense of influence of all parties and the personal contact finally increase involvement. And so both people's basic needs and the model's basic values are met."),
                new("De voorzitter leidt de bijeenkomst volgens een vastgestelde procedure en stuurt het verloop van het proces, niet de inhoud. Iedereen krijgt de kans zijn inbreng te doen en hij vraagt om verduidelijking of nadere uitleg en elimineert storende elementen. Hij kan deelnemers ook nadrukkelijk vragen de bijeenkomst te verlaten, als zij een storende factor zijn in de procedure.",
                    "The chair leads the meeting according to a set procedure and steers the course of the process, not its content. Everyone gets the chance to contribute; the chair asks for clarification or further explanation and removes disruptive elements. The chair can also expressly ask participants to leave the meeting if they disrupt the procedure.")),
            AppendixSection.List("condities", null, Conditions,
                new LocalizedText("Daarmee creëert hij de condities die voor iedere deelnemer nodig zijn om:",
                    "In this way the chair creates the conditions every participant needs to:")),
            AppendixSection.Text("overeenkomst", null,
                new LocalizedText("De conferentie wordt gehouden in cirkelopstelling, waarbij aan het einde van het gesprek een overeenkomst wordt gemaakt, die door beide partijen wordt getekend. Dit gebeurt in vaste volgorde; dader, slachtoffer en vervolgens de ondersteuners.",
                    "The conference is held with everyone seated in a circle; at the end of the conversation an agreement is made, which is signed by both parties. This happens in a fixed order: bully, victim and then the supporters.")),
        ]);
}
