using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;
using static PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Route D – de dader is bekend: D.1 teamleider, D.2 confronterend gesprek, D.3 ouders slachtoffer, D.4 notitie, D.5 blijven volgen.</summary>
public static class RouteDCards
{
    /// <summary>D.2 punishment.</summary>
    public const string Punishment = "straf";

    /// <summary>D.2: the deelschoolleider who gave the punishment.</summary>
    public const string PunishmentBy = "strafDoor";

    /// <summary>D.1 – Teamleider inschakelen.</summary>
    public static AdaptiveCard D1(string code, Case @case)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.D1TeamleiderInvolved), code, @case,
            "Het (digitale) pesten is structureel en niet eenmalig. De mentor schakelt de teamleider in, en eventueel de anti-pestcoördinator en/of de intern begeleider. De teamleider krijgt van mij een bericht zodra je dit vastlegt.");
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wie heb je ingeschakeld, en wat is er afgesproken?", required: true, multiline: true));
        card.Actions = [Answer("Vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Wie heb je ingeschakeld?" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>D.2 – Gesprek met de dader en de ouders (bijlage 7, confronterend gesprek).</summary>
    public static AdaptiveCard D2(string code, Case @case, string? knownBullies, IReadOnlyList<Choice> classmates, IReadOnlyList<DirectoryPerson> deelschoolleiders, IReadOnlyList<DirectoryPerson> teamleiders)
    {
        ArgumentNullException.ThrowIfNull(deelschoolleiders);
        var card = StepCard(StepTitles.For(ProtocolStep.D2ConfrontingConversation), code, @case,
            "De anti-pestcoördinator/mentor, de teamleider en eventueel de intern begeleider voeren een gesprek met de dader en diens ouders (confronterend gesprek). De deelschoolleider kan een passende straf geven.");
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage7, "Bijlage 7: confronterend gesprek")));
        if (knownBullies is not null)
        {
            card.Body!.Add(Subtle($"De dader is al bekend in deze melding: {knownBullies}. Kies hieronder alleen iemand als het om een andere leerling gaat."));
        }

        card.Body!.AddRange(StudentField(Bully, "Wie is de dader?", classmates, "Of typ de naam van de dader"));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Hoe is de situatie uitgelegd, en hoe lossen jullie het samen met de ouders op?", required: true, multiline: true));
        card.Body!.Add(MeldingCardParts.Text(Agreements, "Afspraken (één per regel)", multiline: true));
        if (deelschoolleiders.Count > 0)
        {
            card.Body!.Add(SubHeading("Straf (niet verplicht)"));
            card.Body!.Add(Choices(PunishmentBy, "Gegeven door de deelschoolleider", deelschoolleiders.Select(d => new Choice(d.DisplayName, d.Id))));
            card.Body!.Add(MeldingCardParts.Text(Punishment, "Welke straf?", maxLength: 500));
        }
        else
        {
            card.Body!.Add(Subtle("Een straf kan alleen de deelschoolleider geven; voor deze locatie is geen deelschoolleider bekend."));
        }

        card.Body!.AddRange(OtherSchoolContact(teamleiders));
        card.Actions = [Answer("Gesprek vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Hoe is de situatie uitgelegd?" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>D.3 – Ouders van het slachtoffer inlichten.</summary>
    public static AdaptiveCard D3(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.D3VictimParentsInformed), code, @case,
            "Licht de ouders van het slachtoffer in over de genomen stappen.");
        card.Body!.AddRange(ParentsFields.Inputs(today, "De ouders/verzorgers van het slachtoffer"));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Toelichting (niet verplicht)", multiline: true));
        card.Actions = [Answer("Ouders zijn ingelicht", "opslaan", ParentsFields.Required, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>D.4 – Notitie in het dossier.</summary>
    public static AdaptiveCard D4(string code, Case @case)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.D4DossierNote), code, @case, "Maak een notitie in het dossier.");
        card.Body!.Add(MeldingCardParts.Text(StepText, "Notitie", required: true, multiline: true));
        card.Actions = [Answer("Notitie vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Notitie" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>D.5 – Blijf slachtoffer en dader volgen.</summary>
    public static AdaptiveCard D5(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.D5FollowUp), code, @case, "Blijf zowel het slachtoffer als de dader volgen. Plan het volgende vervolgmoment.");
        card.Body!.AddRange(FollowUp(today));
        card.Actions = [Answer("Vervolgmoment vastleggen", "opslaan", new Dictionary<string, string> { [FollowUpDate] = "Volgend vervolgmoment" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }
}
