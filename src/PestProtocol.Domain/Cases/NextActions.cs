using System.Globalization;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

/// <summary>The short sentence "what has to happen next" for each state of a case (shown in /overzicht).</summary>
public static class NextActions
{
    /// <summary>The next action for a case in a locale; follow-up steps mention the planned date.</summary>
    public static string For(Case c, Locale locale = Locale.Nl)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = ForStep(c.CurrentStep, c.CurrentRoute, c.ClosedAsNotConfirmed, c.Step4Route is not null).In(locale);
        if (CaseTransitions.IsFollowUpStep(c.CurrentStep) && c.NextFollowUpDate is { } date)
        {
            var formatted = date.ToString("d-M-yyyy", CultureInfo.InvariantCulture);
            text += locale == Locale.En ? $" Next follow-up: {formatted}." : $" Volgend vervolgmoment: {formatted}.";
        }

        return text;
    }

    /// <summary>The next action for a step, without dates.</summary>
    public static LocalizedText ForStep(ProtocolStep step, Route? route = null, bool closedAsNotConfirmed = false, bool inStep4 = false) => step switch
    {
        ProtocolStep.Step1Suspicion => new(
            "Bespreek het vermoeden in de docentengroep, voer een oriënterend gesprek (bijlage 3) en bevestig of verwerp het vermoeden.",
            "Discuss the suspicion with the teachers, hold an orienting conversation (Bijlage 3) and confirm or reject the suspicion."),
        ProtocolStep.Step1SuspicionConfirmed => new(
            "Stap 2: informeer de ouders van het slachtoffer en vertel wie welke stappen gaat ondernemen.",
            "Step 2: inform the victim's parents and tell them who will take which steps."),
        ProtocolStep.Step2ParentsInformed => new(
            "Stap 3: kies samen met de leerling route A, B of C.",
            "Step 3: choose route A, B or C together with the student."),
        ProtocolStep.Step3RouteA => new(
            "A.1: behandel het thema pesten in de klas, zonder iemand persoonlijk aan te spreken.",
            "A.1: treat bullying as a theme in class, without addressing anyone personally."),
        ProtocolStep.A1ThemeInClass => new(
            "A.2: breng de ouders op de hoogte van de genomen stappen.",
            "A.2: inform the parents of the steps taken."),
        ProtocolStep.A2ParentsInformed => new(
            "A.3: blijf de leerling volgen en plan een vervolgmoment.",
            "A.3: keep following the student and plan a follow-up."),
        ProtocolStep.Step3RouteB => new(
            "B.1: voer een bemiddelingsgesprek (bijlage 6) met de dader en het slachtoffer.",
            "B.1: hold a mediation conversation (Bijlage 6) with the bully and the victim."),
        ProtocolStep.B1MediationConversation => new(
            "B.2: meld de gebeurtenis bij de ouders, de teamleider, de anti-pestcoördinator en de intern begeleider.",
            "B.2: report the event to the parents, the team leader, the anti-bullying coordinator and the care coordinator."),
        ProtocolStep.B2Reported => new(
            "B.3: noteer de gebeurtenis en de afspraken in het dossier van de leerling(en).",
            "B.3: record the event and the agreements in the dossier of the student(s)."),
        ProtocolStep.B3EventRecorded => new(
            "B.4: let op de naleving van de afspraken en plan een vervolgafspraak met beide partijen.",
            "B.4: check that the agreements are kept and plan a follow-up meeting with both parties."),
        ProtocolStep.B4FollowUpMeeting => new(
            "Volg de afspraken; houdt het pesten aan, schakel dan de intern begeleider in (stap 4). Anders: herstelgesprek of afsluiten.",
            "Follow up the agreements; if the bullying persists, bring in the care coordinator (step 4). Otherwise: restorative conference or close."),
        ProtocolStep.Step3RouteC => new(
            "C.1: ga in gesprek met de leerling (tips in bijlage 4).",
            "C.1: talk with the student (tips in Bijlage 4)."),
        ProtocolStep.C1ConversationWithStudent => new("C.2: informeer de ouders.", "C.2: inform the parents."),
        ProtocolStep.C2ParentsInformed => new("C.3: maak een notitie in het dossier.", "C.3: make a note in the dossier."),
        ProtocolStep.C3DossierNote => new(
            "C.4: blijf de leerling volgen en plan een vervolgmoment.",
            "C.4: keep following the student and plan a follow-up."),
        ProtocolStep.A3FollowUp or ProtocolStep.C4FollowUp => new(
            "Blijf de leerling volgen. Gaat het pesten door: stap 4. Anders: melding afsluiten.",
            "Keep following the student. If the bullying goes on: step 4. Otherwise: close the case."),
        ProtocolStep.Step4BullyingContinues when route == Route.B => new(
            "Stap 4: de dader is bekend, kies route D.",
            "Step 4: the bully is known, choose route D."),
        ProtocolStep.Step4BullyingContinues => new(
            "Stap 4: kies route D (de dader is bekend) of route E (de dader is onbekend).",
            "Step 4: choose route D (the bully is known) or route E (the bully is unknown)."),
        ProtocolStep.Step4RouteD => new(
            "D.1: schakel de teamleider in (en eventueel de anti-pestcoördinator of intern begeleider).",
            "D.1: bring in the team leader (and possibly the anti-bullying coordinator or care coordinator)."),
        ProtocolStep.D1TeamleiderInvolved => new(
            "D.2: voer een gesprek met de dader en de ouders (bijlage 7).",
            "D.2: hold a conversation with the bully and the parents (Bijlage 7)."),
        ProtocolStep.D2ConfrontingConversation => new(
            "D.3: licht de ouders van het slachtoffer in over de genomen stappen.",
            "D.3: inform the victim's parents of the steps taken."),
        ProtocolStep.D3VictimParentsInformed => new("D.4: maak een notitie in het dossier.", "D.4: make a note in the dossier."),
        ProtocolStep.D4DossierNote => new(
            "D.5: blijf de leerling volgen (zowel slachtoffer als dader) en plan een vervolgmoment.",
            "D.5: keep following the student (both victim and bully) and plan a follow-up."),
        ProtocolStep.D5FollowUp => new(
            "Blijf slachtoffer en dader volgen. Eventueel een herstelgesprek (bijlage 8); anders melding afsluiten.",
            "Keep following victim and bully. Possibly a restorative conference (Bijlage 8); otherwise close the case."),
        ProtocolStep.Step4RouteE => new(
            "E.1: voer een gesprek met het slachtoffer en de ouders.",
            "E.1: hold a conversation with the victim and the parents."),
        ProtocolStep.E1ConversationWithVictimAndParents => new(
            "E.2: sla de relevante gegevens op in het dossier.",
            "E.2: store the relevant data in the dossier."),
        ProtocolStep.E2DataRecorded => new(
            "E.3: meld de gebeurtenis bij de ouders, de teamleider, de anti-pestcoördinator en de intern begeleider.",
            "E.3: report the event to the parents, the team leader, the anti-bullying coordinator and the care coordinator."),
        ProtocolStep.E3Reported => new(
            "E.4: blijf de leerling volgen en plan een vervolgmoment.",
            "E.4: keep following the student and plan a follow-up."),
        ProtocolStep.E4FollowUp => new(
            "Blijf de leerling volgen; sluit de melding af als het pesten gestopt is.",
            "Keep following the student; close the case when the bullying has stopped."),
        ProtocolStep.Herstelgesprek when route == Route.B && !inStep4 => new(
            "Blijf de afspraken volgen (B.4). Gaat het pesten door: stap 4. Anders: melding afsluiten.",
            "Keep following the agreements (B.4). If the bullying goes on: step 4. Otherwise: close the case."),
        ProtocolStep.Herstelgesprek => new(
            "Blijf slachtoffer en dader volgen (D.5) of sluit de melding af.",
            "Keep following victim and bully (D.5) or close the case."),
        ProtocolStep.Closed when closedAsNotConfirmed => new(
            "Vermoeden niet bevestigd. Blijf alert op signalen (bijlage 1) en heropen de melding als ze terugkomen.",
            "Suspicion not confirmed. Stay alert to signals (Bijlage 1) and reopen the case if they return."),
        _ => new(
            "Melding gesloten. Blijf alert; heropen de melding als het pesten terugkomt.",
            "Case closed. Stay alert; reopen the case if the bullying returns."),
    };
}
