namespace PestProtocol.Domain.Cases;

/// <summary>Machine-readable reason why a move was refused (see <see cref="ProtocolViolationException"/>).</summary>
public enum ViolationCode
{
    /// <summary>This step cannot be taken from the case's current step.</summary>
    StepOutOfOrder,
    /// <summary>The case is closed; reopen it first.</summary>
    CaseClosed,
    /// <summary>The case is not closed, so it cannot be reopened.</summary>
    CaseNotClosed,
    /// <summary>The suspicion has not been confirmed yet.</summary>
    SuspicionNotConfirmed,
    /// <summary>A route was chosen before the parents were informed (step 2).</summary>
    ParentsNotInformed,
    /// <summary>The step-3 route was not chosen together with the student.</summary>
    RouteNotChosenWithStudent,
    /// <summary>A route was chosen in the wrong step (A/B/C belong to step 3, D/E to step 4).</summary>
    RouteNotAllowedInThisStep,
    /// <summary>Step 4 before step 3 was carried out to its follow-up.</summary>
    Step3NotCompleted,
    /// <summary>Step 4 was already reached; it is the last stage.</summary>
    Step4AlreadyReached,
    /// <summary>Route E after route B: the bully is known, so only route D fits.</summary>
    BullyKnownUseRouteD,
    /// <summary>A sub-step of a route other than the chosen one.</summary>
    WrongRoute,
    /// <summary>Not all four B.1 mediation topics were covered.</summary>
    MediationTopicsMissing,
    /// <summary>An unknown checklist id (signal or topic).</summary>
    UnknownChecklistItem,
    /// <summary>Digital bullying: the Bijlage 5 tips were not given.</summary>
    DigitalTipsNotGiven,
    /// <summary>A required participant (victim, bully, parents) is missing.</summary>
    ParticipantMissing,
    /// <summary>A herstelgesprek is only possible after route B or D.</summary>
    HerstelgesprekNotAllowed,
    /// <summary>The herstelgesprek agreement was not signed in the order dader, slachtoffer, ondersteuners.</summary>
    SigningOrderInvalid,
    /// <summary>A required text (note, reason, agreement) is empty.</summary>
    TextRequired,
    /// <summary>Parents-information is incomplete (e.g. who takes which steps in step 2).</summary>
    ParentsInformationIncomplete,
    /// <summary>A follow-up step needs a follow-up date after the moment of recording.</summary>
    FollowUpDateRequired,
    /// <summary>B.3 needs at least one agreement.</summary>
    AgreementsRequired,
    /// <summary>A person acted in a role the protocol does not give this task (e.g. punishment not by the deelschoolleider).</summary>
    RoleNotAllowed,
    /// <summary>The dossier entry to correct does not exist in this case.</summary>
    EntryNotFound,
    /// <summary>A value given to the case is invalid (empty reference, time before the last entry, ...).</summary>
    InvalidInput,

    /// <summary>Answers that contradict each other (B.4: the agreements were kept, yet the bullying persists).</summary>
    ContradictoryAnswers,

    /// <summary>No follow-up is planned for this case now (or it was already reminded / escalated).</summary>
    NoFollowUpDue,

    /// <summary>Someone else holds the next step of this case (only the owner or a coordinator may act).</summary>
    NotTheOwner,

    /// <summary>The case is handed over to the person who already holds it.</summary>
    AlreadyOwner,

    /// <summary>More bullies than a case holds (<see cref="Case.MaxBullies"/>).</summary>
    TooManyBullies,

    /// <summary>The student is not a bully this case follows (D.5/E.4 follow-up of the bully).</summary>
    NotAFollowedBully,
}
