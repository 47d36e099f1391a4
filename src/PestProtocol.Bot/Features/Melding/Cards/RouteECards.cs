using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;
using static PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Route E – de dader is onbekend: E.1 gesprek met slachtoffer en ouders, E.2 gegevens, E.3 melden, E.4 blijven volgen.</summary>
public static class RouteECards
{
    /// <summary>E.1: the suspect is at this school and was spoken to without the victim.</summary>
    public const string SuspectAtThisSchool = "verdachteOpSchool";

    /// <summary>E.1: the suspect admitted.</summary>
    public const string SuspectAdmitted = "verdachteGeeftToe";

    /// <summary>E.1 – Gesprek met het slachtoffer en de ouders.</summary>
    public static AdaptiveCard E1(string code, Case @case, IReadOnlyList<Choice> classmates)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var card = StepCard(StepTitles.For(ProtocolStep.E1ConversationWithVictimAndParents), code, @case,
            "De anti-pestcoördinator en/of de mentor (eventueel met de teamleider) praten met het slachtoffer en de ouders: welke stappen hebben zij al gezet? Het slachtoffer kan zeggen wie hij/zij verdenkt.",
            "Zit de vermoedelijke dader op deze school? Dan volgt een individueel gesprek met die leerling, zonder het slachtoffer. Geeft de leerling het toe, dan gaat de melding verder als route D.",
            "Blijft de dader onbekend? Bespreek met de leerling hoe de ouders worden ingelicht; de school kan dan verder niets doen. Bij digitaal pesten kunnen de ouders via de provider de dader proberen te achterhalen.");
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage5, "Bijlage 5: tips digitale pesterijen")));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat is er besproken? Welke stappen zijn al gezet?", required: true, multiline: true));
        card.Body!.Add(Toggle(SuspectAtThisSchool, "De vermoedelijke dader zit op deze school en is apart gesproken"));
        card.Body!.Add(Toggle(SuspectAdmitted, "De vermoedelijke dader heeft het toegegeven (verder met route D)"));
        card.Body!.AddRange(StudentField(Bully, "Met welke leerling sprak je? (alleen invullen als je met de vermoedelijke dader sprak)", classmates, "Of typ de naam (als de leerling niet in de lijst staat)"));
        var tick = new Dictionary<string, string>();
        if (@case.IsDigital)
        {
            card.Body!.Add(Toggle(DigitalTips, "De tips van bijlage 5 zijn met het slachtoffer en de ouders besproken"));
            tick[DigitalTips] = "De tips van bijlage 5 zijn besproken";
        }

        card.Actions = [Answer("Gesprek vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Wat is er besproken?" }, tick, ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>E.2 – Gegevens in het dossier.</summary>
    public static AdaptiveCard E2(string code, Case @case)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.E2DataRecorded), code, @case, "Sla de relevante gegevens op in het dossier.");
        card.Body!.Add(MeldingCardParts.Text(StepText, "Relevante gegevens", required: true, multiline: true));
        card.Actions = [Answer("Vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Relevante gegevens" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>E.3 – Melden bij ouders, teamleider, anti-pestcoördinator en IB.</summary>
    public static AdaptiveCard E3(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.E3Reported), code, @case,
            "De mentor meldt de gebeurtenis bij de ouders, de teamleider, de anti-pestcoördinator en de intern begeleider. De teamleider, de anti-pestcoördinator en de intern begeleider krijgen van mij een bericht zodra je dit vastlegt.");
        card.Body!.AddRange(ParentsFields.Inputs(today));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat heb je gemeld?", required: true, multiline: true));
        card.Actions = [Answer("Gesprek met ouders vastleggen", "opslaan", new Dictionary<string, string>(ParentsFields.Required) { [StepText] = "Wat heb je gemeld?" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>E.4 – Blijf de leerling volgen.</summary>
    public static AdaptiveCard E4(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.E4FollowUp), code, @case, "Blijf de leerling volgen. Plan het volgende vervolgmoment.");
        card.Body!.Add(Subtle("Geef de leerling de tips van bijlage 5 als het om digitaal pesten gaat."));
        card.Body!.AddRange(FollowUp(today));
        card.Actions = [Answer("Vervolgmoment vastleggen", "opslaan", new Dictionary<string, string> { [FollowUpDate] = "Volgend vervolgmoment" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }
}
