using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Cases;

/// <summary>The title of every step, as the protocol names it ("Stap 1 – Vermoedens van pesten", "Stap B.1 – ...").</summary>
public static class StepTitles
{
    /// <summary>Every step's title, nl + en.</summary>
    public static readonly IReadOnlyDictionary<ProtocolStep, LocalizedText> All = new Dictionary<ProtocolStep, LocalizedText>
    {
        [ProtocolStep.Step1Suspicion] = new("Stap 1 – Vermoedens van pesten", "Step 1 – Suspicion of bullying"),
        [ProtocolStep.Step1SuspicionConfirmed] = new("Stap 1 – Vermoeden bevestigd", "Step 1 – Suspicion confirmed"),
        [ProtocolStep.Step2ParentsInformed] = new("Stap 2 – Ouders informeren", "Step 2 – Informing the parents"),
        [ProtocolStep.Step3RouteA] = new("Stap 3 – Route A: de dader zit vermoedelijk in de klas", "Step 3 – Route A: the bully is probably in the class"),
        [ProtocolStep.Step3RouteB] = new("Stap 3 – Route B: de leerling weet wie de dader is", "Step 3 – Route B: the student knows who the bully is"),
        [ProtocolStep.Step3RouteC] = new("Stap 3 – Route C: de leerling heeft geen idee wie de dader is", "Step 3 – Route C: the student has no idea who the bully is"),
        [ProtocolStep.A1ThemeInClass] = new("Stap A.1 – Thema pesten in de klas", "Step A.1 – Bullying as a theme in class"),
        [ProtocolStep.A2ParentsInformed] = new("Stap A.2 – Ouders op de hoogte brengen", "Step A.2 – Informing the parents"),
        [ProtocolStep.A3FollowUp] = new("Stap A.3 – Blijf de leerling volgen", "Step A.3 – Keep following the student"),
        [ProtocolStep.B1MediationConversation] = new("Stap B.1 – Bemiddelingsgesprek", "Step B.1 – Mediation conversation"),
        [ProtocolStep.B2Reported] = new("Stap B.2 – Melden bij ouders, teamleider, anti-pestcoördinator en IB", "Step B.2 – Reporting to parents, team leader, coordinator and care coordinator"),
        [ProtocolStep.B3EventRecorded] = new("Stap B.3 – Gebeurtenis en afspraken in het dossier", "Step B.3 – Event and agreements in the dossier"),
        [ProtocolStep.B4FollowUpMeeting] = new("Stap B.4 – Naleving afspraken en vervolgafspraak", "Step B.4 – Agreements kept and follow-up meeting"),
        [ProtocolStep.C1ConversationWithStudent] = new("Stap C.1 – Gesprek met de leerling", "Step C.1 – Conversation with the student"),
        [ProtocolStep.C2ParentsInformed] = new("Stap C.2 – Informeer de ouders", "Step C.2 – Inform the parents"),
        [ProtocolStep.C3DossierNote] = new("Stap C.3 – Notitie in het dossier", "Step C.3 – Note in the dossier"),
        [ProtocolStep.C4FollowUp] = new("Stap C.4 – Blijf de leerling volgen", "Step C.4 – Keep following the student"),
        [ProtocolStep.Step4BullyingContinues] = new("Stap 4 – Keuze uit route D / E", "Step 4 – Choice of route D / E"),
        [ProtocolStep.Step4RouteD] = new("Stap 4 – Route D: de dader is bekend", "Step 4 – Route D: the bully is known"),
        [ProtocolStep.Step4RouteE] = new("Stap 4 – Route E: de dader is onbekend", "Step 4 – Route E: the bully is unknown"),
        [ProtocolStep.D1TeamleiderInvolved] = new("Stap D.1 – Teamleider inschakelen", "Step D.1 – Bringing in the team leader"),
        [ProtocolStep.D2ConfrontingConversation] = new("Stap D.2 – Gesprek met de dader en de ouders", "Step D.2 – Conversation with the bully and the parents"),
        [ProtocolStep.D3VictimParentsInformed] = new("Stap D.3 – Ouders van het slachtoffer inlichten", "Step D.3 – Informing the victim's parents"),
        [ProtocolStep.D4DossierNote] = new("Stap D.4 – Notitie in het dossier", "Step D.4 – Note in the dossier"),
        [ProtocolStep.D5FollowUp] = new("Stap D.5 – Blijf de leerling volgen (slachtoffer en dader)", "Step D.5 – Keep following the student (victim and bully)"),
        [ProtocolStep.E1ConversationWithVictimAndParents] = new("Stap E.1 – Gesprek met het slachtoffer en de ouders", "Step E.1 – Conversation with the victim and the parents"),
        [ProtocolStep.E2DataRecorded] = new("Stap E.2 – Gegevens in het dossier", "Step E.2 – Data in the dossier"),
        [ProtocolStep.E3Reported] = new("Stap E.3 – Melden bij ouders, teamleider, anti-pestcoördinator en IB", "Step E.3 – Reporting to parents, team leader, coordinator and care coordinator"),
        [ProtocolStep.E4FollowUp] = new("Stap E.4 – Blijf de leerling volgen", "Step E.4 – Keep following the student"),
        [ProtocolStep.Herstelgesprek] = new("Herstelgesprek (bijlage 8)", "Restorative conference (Bijlage 8)"),
        [ProtocolStep.Closed] = new("Melding gesloten", "Case closed"),
    };

    /// <summary>The title of a step in a locale.</summary>
    public static string For(ProtocolStep step, Locale locale = Locale.Nl) => All[step].In(locale);
}
