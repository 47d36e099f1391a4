namespace PestProtocol.Domain.Cases;

/// <summary>Every move along the flowchart, as a name. <see cref="CaseTransitions"/> says from where each one is allowed.</summary>
public enum CaseCommand
{
    /// <summary>Stap 1: het vermoeden klopt.</summary>
    ConfirmSuspicion,
    /// <summary>Stap 1: het vermoeden klopt niet; melding sluiten.</summary>
    RejectSuspicion,
    /// <summary>Stap 2: ouders informeren.</summary>
    InformParents,
    /// <summary>Stap 3: route A kiezen.</summary>
    ChooseRouteA,
    /// <summary>Stap 3: route B kiezen.</summary>
    ChooseRouteB,
    /// <summary>Stap 3: route C kiezen.</summary>
    ChooseRouteC,
    /// <summary>A.1.</summary>
    A1ThemeInClass,
    /// <summary>A.2.</summary>
    A2InformParents,
    /// <summary>A.3.</summary>
    A3FollowUp,
    /// <summary>B.1.</summary>
    B1MediationConversation,
    /// <summary>B.2.</summary>
    B2Report,
    /// <summary>B.3.</summary>
    B3RecordEvent,
    /// <summary>B.4.</summary>
    B4FollowUpMeeting,
    /// <summary>C.1.</summary>
    C1ConversationWithStudent,
    /// <summary>C.2.</summary>
    C2InformParents,
    /// <summary>C.3.</summary>
    C3DossierNote,
    /// <summary>C.4.</summary>
    C4FollowUp,
    /// <summary>Stap 4: het pesten gaat door.</summary>
    BullyingContinues,
    /// <summary>Stap 4: route D kiezen.</summary>
    ChooseRouteD,
    /// <summary>Stap 4: route E kiezen.</summary>
    ChooseRouteE,
    /// <summary>D.1.</summary>
    D1InvolveTeamleider,
    /// <summary>D.2.</summary>
    D2ConfrontingConversation,
    /// <summary>D.3.</summary>
    D3InformVictimParents,
    /// <summary>D.4.</summary>
    D4DossierNote,
    /// <summary>D.5.</summary>
    D5FollowUp,
    /// <summary>E.1.</summary>
    E1ConversationWithVictimAndParents,
    /// <summary>E.1: de vermoede dader geeft het toe; verder als route D.</summary>
    SwitchToRouteD,
    /// <summary>E.2.</summary>
    E2RecordData,
    /// <summary>E.3.</summary>
    E3Report,
    /// <summary>E.4.</summary>
    E4FollowUp,
    /// <summary>Herstelgesprek (Bijlage 8).</summary>
    HoldHerstelgesprek,
    /// <summary>Melding afsluiten.</summary>
    Close,
}
