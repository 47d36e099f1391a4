using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>Bijlage 7: Confronterend gesprek — the confronting conversation of D.2.</summary>
public static class Bijlage7ConfronterendGesprek
{
    /// <summary>Bijlage 7 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage7,
        new("Bijlage 7: Confronterend gesprek", "Appendix 7: Confronting conversation"),
        [
            AppendixSection.Text("doel", new("Doel", "Goal"),
                new LocalizedText("De hulpverlener maakt de ander duidelijk welk probleem hij/zij heeft met het gedrag van de cliënt. Aan de cliënt wordt om medewerking gevraagd om zo te komen tot een constructieve werksituatie/werkrelatie.",
                    "The helper makes clear to the other person what problem he/she has with the client's behaviour. The client is asked to cooperate, so as to arrive at a constructive working situation/working relationship.")),
            AppendixSection.Text("kenmerken", new("Kenmerken", "Features"),
                new LocalizedText("De hulpverlener neemt initiatief tot dit gesprek.", "The helper takes the initiative for this conversation.")),
            AppendixSection.Text("werkwijze", new("Werkwijze", "Method"),
                new("Informeer de cliënt welk gedrag als hinderlijk wordt ervaren.", "Tell the client which behaviour is experienced as disruptive."),
                new("Leg dit uitvoerig uit, gebruik ik-boodschappen. Overtuig je ervan dat de ander begrepen heeft wat het probleem is.",
                    "Explain this at length, using I-messages. Make sure the other person has understood what the problem is."),
                new("Ga serieus in op negatieve emoties van de ander.", "Respond seriously to the other person's negative emotions."),
                new("Nodig de ander oprecht uit om mee te werken aan het veranderen van de werksituatie/werkrelatie.",
                    "Sincerely invite the other person to help change the working situation/working relationship."),
                new("Spreek goede voornemens uit en maak afspraken.", "Express good intentions and make agreements.")),
            AppendixSection.List("vaardigheid", new("Vaardigheid", "Skills"),
            [
                new("bewoording", new("Duidelijke bewoording kiezen;", "Choosing clear wording;")),
                new("kritiek", new("Open staan voor kritiek van de cliënt;", "Being open to criticism from the client;")),
                new("empathisch", new("Aandacht geven, empathisch reageren;", "Giving attention, responding empathically;")),
                new("reflecteren", new("Reflecteren op gevoelens van de ander;", "Reflecting on the other person's feelings;")),
                new("eigen-gevoelens", new("Verwoorden van de eigen gevoelens;", "Putting your own feelings into words;")),
                new("ik-boodschap", new("Ik-boodschap gebruiken;", "Using I-messages;")),
                new("niet-verdedigen", new("Niet in de verdediging gaan, maar met een ik-boodschap de kritiek ontvangen;", "Not becoming defensive, but receiving the criticism with an I-message;")),
                new("gedrag-niet-persoon", new("Duidelijk maken dat het gedrag van de ander te maken heeft met het gedrag en niet met de persoon van de ander.",
                    "Making clear that it is about the other person's behaviour and not about the other person as a person.")),
            ]),
        ]);
}
