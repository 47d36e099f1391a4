using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>Bijlage 3: Oriënterend gesprek — the orienting conversation of step 1.</summary>
public static class Bijlage3OrienterendGesprek
{
    /// <summary>Bijlage 3 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage3,
        new("Bijlage 3: Oriënterend gesprek", "Appendix 3: Orienting conversation"),
        [
            AppendixSection.Text("doel", new("Doel", "Goal"),
                new("Nagaan of en wat er aan de hand is.", "Find out whether something is going on, and what."),
                new("Achterhalen of het probleem dat verteld wordt het echte probleem is, of dat er een probleem achter zit. Nagaan of de probleem inbrenger geholpen wil worden.",
                    "Find out whether the problem being told is the real problem, or whether there is another problem behind it. Find out whether the person raising the problem wants to be helped.")),
            AppendixSection.Text("werkwijze", new("Werkwijze", "Method"),
                new("De ander vrijelijk laten vertellen.", "Let the other person talk freely."),
                new("Gerichte, open vragen stellen.", "Ask focused, open questions.")),
            AppendixSection.Text("kenmerken", new("Kenmerken", "Features"),
                new LocalizedText("Kort, de situatie wordt in kaart gebracht.", "Short; the situation is mapped out.")),
            AppendixSection.List("vaardigheden", new("Vaardigheden", "Skills"),
            [
                new("aandacht", new("Aandacht geven;", "Giving attention;")),
                new("luisteren", new("Luisteren;", "Listening;")),
                new("stimuleren", new("Stimuleren;", "Encouraging;")),
                new("vragend-aansluiten", new("Vragend aansluiten;", "Following up with questions;")),
                new("beginzin", new("Stimulerende beginzin;", "An encouraging opening sentence;")),
                new("terugkoppelen", new("Terugkoppelen, samenvatten.", "Reflecting back, summarising.")),
            ]),
            AppendixSection.List("open-vragen", new("Open vragen stellen", "Asking open questions"),
            [
                new("beginnen", new("Een gesprek te beginnen;", "To start a conversation;")),
                new("dieper", new("Tijdens het gesprek dieper op zaken in te gaan;", "To go deeper into matters during the conversation;")),
                new("richten", new("Tijdens het gesprek de aandacht op bepaalde onderwerpen te richten.", "To focus attention on certain topics during the conversation.")),
            ],
                new("Open vragen geven de ander veel vrijheid om duidelijk te maken wat hem bezig houdt.",
                    "Open questions give the other person a lot of freedom to make clear what is on their mind."),
                new("Open vragen stel je om:", "You ask open questions:")),
        ]);
}
