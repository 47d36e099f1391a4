using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Stap 2 – Ouders informeren: who informed the victim's parents, when, how, and who takes which steps.</summary>
public static class Step2ParentsCard
{
    /// <summary>Who takes which steps.</summary>
    public const string WhoTakesWhichSteps = "wieWelkeStappen";

    /// <summary>The card.</summary>
    public static AdaptiveCard Create(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.Step2ParentsInformed), code, @case,
            "Informeer de ouders/verzorgers van de leerling die gepest wordt, en vertel hun wie welke stappen gaat ondernemen. Leg hier vast wanneer, door wie en hoe dat gebeurde.");
        card.Body!.AddRange(ParentsFields.Inputs(today));
        card.Body!.Add(Text(WhoTakesWhichSteps, "Wie gaat welke stappen ondernemen?", required: true, multiline: true));
        var required = new Dictionary<string, string>(ParentsFields.Required) { [WhoTakesWhichSteps] = "Wie gaat welke stappen ondernemen?" };
        card.Actions = [Answer("Ouders zijn geïnformeerd", "opslaan", required, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>The rules.</summary>
    public static IReadOnlyList<CardInputRule> Rules() => [.. ParentsFields.Rules(), Rule(WhoTakesWhichSteps, "Wie gaat welke stappen ondernemen?", maxLength: 2000)];
}
