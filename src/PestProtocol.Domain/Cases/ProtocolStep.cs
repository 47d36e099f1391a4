namespace PestProtocol.Domain.Cases;

/// <summary>
/// Where a case stands in the flowchart: the last step that was carried out.
/// What has to happen next is in <see cref="Case.NextAction"/>; which moves are legal is in <see cref="CaseTransitions"/>.
/// </summary>
public enum ProtocolStep
{
    /// <summary>Stap 1 – vermoeden van pesten gemeld; nog te bevestigen of te verwerpen.</summary>
    Step1Suspicion = 10,

    /// <summary>Stap 1 – het vermoeden klopt.</summary>
    Step1SuspicionConfirmed = 11,

    /// <summary>Stap 2 – ouders van het slachtoffer geïnformeerd.</summary>
    Step2ParentsInformed = 20,

    /// <summary>Stap 3 – route A gekozen (samen met de leerling).</summary>
    Step3RouteA = 30,

    /// <summary>Stap 3 – route B gekozen (samen met de leerling).</summary>
    Step3RouteB = 31,

    /// <summary>Stap 3 – route C gekozen (samen met de leerling).</summary>
    Step3RouteC = 32,

    /// <summary>A.1 – de mentor behandelt het thema pesten in de klas.</summary>
    A1ThemeInClass = 101,

    /// <summary>A.2 – ouders op de hoogte gebracht van de genomen stappen.</summary>
    A2ParentsInformed = 102,

    /// <summary>A.3 – de leerling blijven volgen.</summary>
    A3FollowUp = 103,

    /// <summary>B.1 – bemiddelingsgesprek met dader en slachtoffer.</summary>
    B1MediationConversation = 201,

    /// <summary>B.2 – gemeld bij ouders, teamleider, anti-pestcoördinator en IB.</summary>
    B2Reported = 202,

    /// <summary>B.3 – gebeurtenis en afspraken genoteerd in het dossier.</summary>
    B3EventRecorded = 203,

    /// <summary>B.4 – naleving van de afspraken gevolgd, vervolgafspraak.</summary>
    B4FollowUpMeeting = 204,

    /// <summary>C.1 – gesprek met de leerling.</summary>
    C1ConversationWithStudent = 301,

    /// <summary>C.2 – ouders geïnformeerd.</summary>
    C2ParentsInformed = 302,

    /// <summary>C.3 – notitie in het dossier.</summary>
    C3DossierNote = 303,

    /// <summary>C.4 – de leerling blijven volgen.</summary>
    C4FollowUp = 304,

    /// <summary>Stap 4 – het pesten gaat door; route D of E kiezen.</summary>
    Step4BullyingContinues = 40,

    /// <summary>Stap 4 – route D gekozen (de dader is bekend).</summary>
    Step4RouteD = 41,

    /// <summary>Stap 4 – route E gekozen (de dader is onbekend).</summary>
    Step4RouteE = 42,

    /// <summary>D.1 – de mentor schakelt de teamleider (en eventueel coördinator/IB) in.</summary>
    D1TeamleiderInvolved = 401,

    /// <summary>D.2 – (confronterend) gesprek met de dader en diens ouders.</summary>
    D2ConfrontingConversation = 402,

    /// <summary>D.3 – ouders van het slachtoffer ingelicht over de genomen stappen.</summary>
    D3VictimParentsInformed = 403,

    /// <summary>D.4 – notitie in het dossier.</summary>
    D4DossierNote = 404,

    /// <summary>D.5 – slachtoffer en dader blijven volgen.</summary>
    D5FollowUp = 405,

    /// <summary>E.1 – gesprek met het slachtoffer en de ouders.</summary>
    E1ConversationWithVictimAndParents = 501,

    /// <summary>E.2 – relevante gegevens opgeslagen in het dossier.</summary>
    E2DataRecorded = 502,

    /// <summary>E.3 – gemeld bij ouders, teamleider, anti-pestcoördinator en IB.</summary>
    E3Reported = 503,

    /// <summary>E.4 – de leerling blijven volgen.</summary>
    E4FollowUp = 504,

    /// <summary>Herstelgesprek (Bijlage 8) gehouden, overeenkomst getekend.</summary>
    Herstelgesprek = 800,

    /// <summary>Melding gesloten.</summary>
    Closed = 900,
}
