using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;
using static PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Route A – de dader zit vermoedelijk in de klas: A.1 thema in de klas, A.2 ouders, A.3 blijven volgen.</summary>
public static class RouteACards
{
    /// <summary>A.1 – Thema pesten in de klas.</summary>
    public static AdaptiveCard A1(string code, Case @case)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.A1ThemeInClass), code, @case,
            "De mentor behandelt het thema pesten in de klas, zonder iemand persoonlijk aan te spreken: wat is pesten, wat zijn de gevolgen? Eventueel wordt een pesttest afgenomen. De tips van bijlage 5 kunnen in de klas besproken worden.");
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage5, "Bijlage 5: tips digitale pesterijen")));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat is er in de klas behandeld?", required: true, multiline: true));
        card.Body!.Add(Toggle(DigitalTips, "De tips van bijlage 5 zijn in de klas besproken"));
        card.Actions = [Answer("Vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Wat is er in de klas behandeld?" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>A.2 – Ouders op de hoogte brengen van de genomen stappen.</summary>
    public static AdaptiveCard A2(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.A2ParentsInformed), code, @case,
            "Breng de ouders achteraf op de hoogte van de genomen stappen.");
        card.Body!.AddRange(ParentsFields.Inputs(today));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Toelichting (niet verplicht)", multiline: true));
        card.Actions = [Answer("Ouders zijn geïnformeerd", "opslaan", ParentsFields.Required, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>A.3 – Blijf de leerling volgen.</summary>
    public static AdaptiveCard A3(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.A3FollowUp), code, @case,
            "Blijf de leerling volgen. Plan het volgende vervolgmoment.");
        card.Body!.AddRange(FollowUp(today));
        card.Actions = [Answer("Vervolgmoment vastleggen", "opslaan", new Dictionary<string, string> { [FollowUpDate] = "Volgend vervolgmoment" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }
}
