using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;
using static PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Route C – de leerling heeft geen idee wie de dader is: C.1 gesprek, C.2 ouders, C.3 notitie, C.4 blijven volgen.</summary>
public static class RouteCCards
{
    /// <summary>C.1 – Gesprek met de leerling (bijlage 4; bijlage 5 bij digitaal pesten).</summary>
    public static AdaptiveCard C1(string code, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var card = StepCard(StepTitles.For(ProtocolStep.C1ConversationWithStudent), code, @case,
            "Ga in gesprek met de leerling (gesprekstips in bijlage 4). Overleg of het verstandig is de ouders te vertellen wat er aan de hand is; met bewijsmateriaal kunnen de ouders verdere stappen ondernemen.");
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage4, "Bijlage 4: gesprekstips")));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat is er besproken?", required: true, multiline: true));
        var tick = new Dictionary<string, string>();
        if (@case.IsDigital)
        {
            card.Body!.AddRange(DigitalTipsInputs());
            tick[DigitalTips] = DigitalTipsLabel;
        }

        card.Actions = [Answer("Gesprek vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Wat is er besproken?" }, tick, ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>C.2 – Informeer de ouders.</summary>
    public static AdaptiveCard C2(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.C2ParentsInformed), code, @case, "Informeer de ouders.");
        card.Body!.AddRange(ParentsFields.Inputs(today));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Toelichting (niet verplicht)", multiline: true));
        card.Actions = [Answer("Ouders zijn geïnformeerd", "opslaan", ParentsFields.Required, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>C.3 – Notitie in het dossier.</summary>
    public static AdaptiveCard C3(string code, Case @case)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.C3DossierNote), code, @case, "Maak een notitie in het dossier.");
        card.Body!.Add(MeldingCardParts.Text(StepText, "Notitie", required: true, multiline: true));
        card.Actions = [Answer("Notitie vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Notitie" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>C.4 – Blijf de leerling volgen.</summary>
    public static AdaptiveCard C4(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.C4FollowUp), code, @case, "Blijf de leerling volgen. Plan het volgende vervolgmoment.");
        card.Body!.AddRange(FollowUp(today));
        card.Actions = [Answer("Vervolgmoment vastleggen", "opslaan", new Dictionary<string, string> { [FollowUpDate] = "Volgend vervolgmoment" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }
}
