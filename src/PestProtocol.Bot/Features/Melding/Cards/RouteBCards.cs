using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using static PestProtocol.Bot.Cards.CardParts;
using static PestProtocol.Bot.Features.Melding.Cards.MeldingCardParts;
using static PestProtocol.Bot.Features.Melding.Cards.RouteCardParts;

namespace PestProtocol.Bot.Features.Melding.Cards;

/// <summary>Route B – de leerling weet wie de dader is: B.1 bemiddelingsgesprek, B.2 melden, B.3 vastleggen, B.4 vervolgafspraak.</summary>
public static class RouteBCards
{
    /// <summary>Who held the B.1 conversation.</summary>
    public const string HeldBy = "gesprekDoor";

    /// <summary>B.1 punishment.</summary>
    public const string Punishment = "straf";

    /// <summary>B.4: the agreements were kept.</summary>
    public const string AgreementsKept = "afsprakenNagekomen";

    /// <summary>B.4: the bullying persists.</summary>
    public const string Persists = "pestenHoudtAan";

    /// <summary>The toggle id of a Bijlage 6 topic (1–4).</summary>
    public static string TopicToggle(int index) => $"onderwerp{index + 1}";

    /// <summary>B.1 – Bemiddelingsgesprek (bijlage 6).</summary>
    public static AdaptiveCard B1(string code, Case @case, IReadOnlyList<Choice> classmates, IReadOnlyList<Choice> staff, string actorId, IReadOnlyList<DirectoryPerson> teamleiders)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var card = StepCard(StepTitles.For(ProtocolStep.B1MediationConversation), code, @case,
            "De anti-pestcoördinator en/of de mentor (eventueel samen met de intern begeleider) voeren een bemiddelingsgesprek met de dader en het slachtoffer.");
        card.Body!.Add(new ActionSet(AppendixButton(AppendixId.Bijlage6, "Bijlage 6: bemiddelingsgesprek")));
        card.Body!.AddRange(StudentField(Bully, "Wie is de dader?", classmates, "Of typ de naam van de dader (leeg laten als de dader op een andere school zit)"));
        card.Body!.Add(Choices(HeldBy, "Wie voerden het gesprek?", staff, value: actorId, expanded: true, multi: true));
        card.Body!.Add(SubHeading("Deze onderwerpen kwamen aan de orde (alle vier)"));
        var topics = Bijlage6Bemiddelingsgesprek.Topics;
        for (var i = 0; i < topics.Count; i++)
        {
            card.Body!.Add(Toggle(TopicToggle(i), topics[i].Text.Nl));
        }

        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat is er besproken?", required: true, multiline: true));
        card.Body!.Add(MeldingCardParts.Text(Agreements, "Afspraken (één per regel)", multiline: true));
        card.Body!.Add(MeldingCardParts.Text(Punishment, "Straf, als die gegeven is (bijvoorbeeld een schorsing voor een bepaalde tijd)", maxLength: 500));
        card.Body!.AddRange(OtherSchoolContact(teamleiders));
        var tick = Enumerable.Range(0, topics.Count).ToDictionary(TopicToggle, i => $"Onderwerp {i + 1}: {topics[i].Text.Nl}");
        if (@case.IsDigital)
        {
            card.Body!.AddRange(DigitalTipsInputs("De tips van bijlage 5 zijn aan het slachtoffer gegeven"));
            tick[DigitalTips] = DigitalTipsLabel;
        }

        card.Actions = [Answer("Gesprek vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Wat is er besproken?" }, tick, ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>B.2 – Melden bij ouders, teamleider, anti-pestcoördinator en IB.</summary>
    public static AdaptiveCard B2(string code, Case @case, DateOnly today)
    {
        var card = StepCard(StepTitles.For(ProtocolStep.B2Reported), code, @case,
            "De mentor meldt de gebeurtenis bij de ouders, de teamleider, de anti-pestcoördinator en de intern begeleider. De teamleider, de anti-pestcoördinator en de intern begeleider krijgen van mij een bericht zodra je dit vastlegt.");
        card.Body!.AddRange(ParentsFields.Inputs(today));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat heb je gemeld?", required: true, multiline: true));
        card.Actions = [Answer("Gesprek met ouders vastleggen", "opslaan", new Dictionary<string, string>(ParentsFields.Required) { [StepText] = "Wat heb je gemeld?" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>B.3 – Gebeurtenis en afspraken in het dossier.</summary>
    public static AdaptiveCard B3(string code, Case @case, IReadOnlyList<string> agreementsSoFar, IReadOnlyList<Choice> classmates, string? knownBullies = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var card = StepCard(StepTitles.For(ProtocolStep.B3EventRecorded), code, @case,
            "Leg de gebeurtenis en de afspraken vast in het digitale dossier van de leerlingen (slachtoffer en dader).");
        card.Body!.Add(Subtle(@case.Bullies.Count == 0
            ? "Er staat nog geen dader in deze melding. Kies hieronder wie het is."
            : $"De dader uit het bemiddelingsgesprek staat al in het dossier: {knownBullies ?? "bekend"}. Hoort er nog een leerling bij als dader? Kies die hieronder; anders laat je het leeg."));
        card.Body!.AddRange(StudentField(Bully, @case.Bullies.Count == 0 ? "Wie is de dader?" : "Nog een dader (niet verplicht)", classmates, "Of typ de naam (als de leerling niet in de lijst staat)"));
        card.Body!.Add(MeldingCardParts.Text(StepText, "Wat is er gebeurd?", required: true, multiline: true));
        card.Body!.Add(MeldingCardParts.Text(Agreements, "Afspraken (één per regel)", required: true, multiline: true, value: agreementsSoFar.Count > 0 ? string.Join("\n", agreementsSoFar) : null));
        card.Actions = [Answer("Vastleggen", "opslaan", new Dictionary<string, string> { [StepText] = "Wat is er gebeurd?", [Agreements] = "Afspraken" }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>
    /// Whether the follow-up meeting a previous B.4 planned has come (its day is today or earlier). Until then B.4
    /// plans the meeting; after it, B.4 asks how it went.
    /// </summary>
    public static bool FollowUpMeetingHeld(Case @case, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return @case.CurrentStep == ProtocolStep.B4FollowUpMeeting
            && @case.NextFollowUpDate is { } planned
            && DateOnly.FromDateTime(planned.DateTime) <= today;
    }

    /// <summary>B.4 – Naleving van de afspraken en vervolgafspraak: plan it, or (once its day has come) say how it went.</summary>
    public static AdaptiveCard B4(string code, Case @case, DateOnly today)
    {
        var held = FollowUpMeetingHeld(@case, today);
        var card = StepCard(StepTitles.For(ProtocolStep.B4FollowUpMeeting), code, @case,
            held
                ? "De vervolgafspraak met beide partijen is geweest. Leg vast hoe het ging en of ze zich aan de afspraken houden."
                : "Plan de vervolgafspraak met de dader en het slachtoffer. Tot die dag letten de anti-pestcoördinator en/of de mentor erop dat beide partijen zich aan de afspraken houden.",
            "Houdt het pestgedrag aan? Dan wordt de intern begeleider ingeschakeld en gaat de melding verder met stap 4, route D.");
        card.Body!.Add(Toggle(AgreementsKept, held ? "Beide partijen houden zich aan de afspraken" : "Beide partijen houden zich tot nu toe aan de afspraken"));
        card.Body!.Add(Toggle(Persists, "Het pestgedrag houdt aan"));
        card.Body!.Add(MeldingCardParts.Date(FollowUpDate, held ? "Volgende vervolgafspraak (niet nodig als het pesten aanhoudt)" : "Datum van de vervolgafspraak (niet nodig als het pesten aanhoudt)", Domain.FollowUps.SchoolCalendar.WeekendsOnly.SuggestFollowUpDay(today), today.AddDays(1))); // followups branch: never in a weekend
        var question = held ? HowDidItGo : WhatSoFar;
        card.Body!.Add(MeldingCardParts.Text(StepText, question, required: true, multiline: true));
        card.Actions = [Answer(held ? "Vervolgafspraak vastleggen" : "Vervolgafspraak plannen", "opslaan", new Dictionary<string, string> { [StepText] = question }, style: ActionStyle.Positive), LaterButton()];
        return card;
    }

    /// <summary>B.4's question once the follow-up meeting has been.</summary>
    public const string HowDidItGo = "Hoe ging de vervolgafspraak?";

    /// <summary>B.4's question while the follow-up meeting is being planned.</summary>
    public const string WhatSoFar = "Hoe gaat het sinds de afspraken? (wat zie je, wat hoor je)";
}
