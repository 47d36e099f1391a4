using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Herstelgesprek (Bijlage 8): the agreement and who signed it, in order.</summary>
public static class HerstelgesprekCard
{
    /// <summary>The agreement text.</summary>
    public const string Agreement = "overeenkomst";

    /// <summary>The bully (student field).</summary>
    public const string Bully = "dader";

    /// <summary>Signature 1–3.</summary>
    public static string Signature(int position) => $"handtekening{position}";

    /// <summary>The signers to choose from.</summary>
    public static readonly IReadOnlyList<Choice> Signers =
    [
        new("De dader", "dader"),
        new("Het slachtoffer", "slachtoffer"),
        new("De ondersteuners", "ondersteuners"),
    ];

    /// <summary>The card.</summary>
    public static AdaptiveCard Create(string code, Case @case, string? knownBullies, IReadOnlyList<Choice> classmates)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.Herstelgesprek), code, @case,
            "In een herstelgesprek maken de dader, het slachtoffer en hun ondersteuners samen een overeenkomst. Die wordt getekend in een vaste volgorde: eerst de dader, dan het slachtoffer, dan de ondersteuners.");
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage8, "Bijlage 8: herstelgesprek")));
        if (knownBullies is null)
        {
            card.Body!.AddRange(StudentField(Bully, "Wie is de dader?", classmates, "Of typ de naam van de dader"));
        }
        else
        {
            card.Body!.Add(Subtle($"De dader in deze melding: {knownBullies}."));
        }

        card.Body!.Add(Text(Agreement, "De overeenkomst", required: true, multiline: true));
        card.Body!.Add(SubHeading("Wie tekende, in welke volgorde?"));
        card.Body!.Add(Choices(Signature(1), "Eerst getekend door", Signers, value: "dader", required: true));
        card.Body!.Add(Choices(Signature(2), "Daarna getekend door", Signers, value: "slachtoffer", required: true));
        card.Body!.Add(Choices(Signature(3), "Als laatste getekend door", [.. Signers, new Choice("Niemand meer", "geen")], value: "ondersteuners"));
        card.Actions =
        [
            Answer("Overeenkomst vastleggen", "opslaan", new Dictionary<string, string> { [Agreement] = "De overeenkomst", [Signature(1)] = "Eerst getekend door", [Signature(2)] = "Daarna getekend door" }, style: ActionStyle.Positive),
            LaterButton(),
        ];
        return card;
    }
}
