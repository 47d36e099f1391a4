using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

/// <summary>
/// The flowchart as a table: from which step each command may be given, and where it leads.
/// A move that is not in this table cannot happen. Two extra guards depend on the case's history and are
/// checked by <see cref="Case"/>: after route B only route D fits in step 4, and step 4 is reached only once.
/// Reopening a closed case is not a flowchart move: it returns to the step the case was closed from.
/// </summary>
public static class CaseTransitions
{
    /// <summary>(from step, command) → resulting step.</summary>
    public static readonly IReadOnlyDictionary<(ProtocolStep From, CaseCommand Command), ProtocolStep> Table =
        new Dictionary<(ProtocolStep, CaseCommand), ProtocolStep>
        {
            // Stap 1 – Vermoedens van pesten
            [(ProtocolStep.Step1Suspicion, CaseCommand.ConfirmSuspicion)] = ProtocolStep.Step1SuspicionConfirmed,
            [(ProtocolStep.Step1Suspicion, CaseCommand.RejectSuspicion)] = ProtocolStep.Closed,

            // Stap 2 – Ouders informeren
            [(ProtocolStep.Step1SuspicionConfirmed, CaseCommand.InformParents)] = ProtocolStep.Step2ParentsInformed,

            // Stap 3 – Keuze uit route A / B / C
            [(ProtocolStep.Step2ParentsInformed, CaseCommand.ChooseRouteA)] = ProtocolStep.Step3RouteA,
            [(ProtocolStep.Step2ParentsInformed, CaseCommand.ChooseRouteB)] = ProtocolStep.Step3RouteB,
            [(ProtocolStep.Step2ParentsInformed, CaseCommand.ChooseRouteC)] = ProtocolStep.Step3RouteC,

            // Route A
            [(ProtocolStep.Step3RouteA, CaseCommand.A1ThemeInClass)] = ProtocolStep.A1ThemeInClass,
            [(ProtocolStep.A1ThemeInClass, CaseCommand.A2InformParents)] = ProtocolStep.A2ParentsInformed,
            [(ProtocolStep.A2ParentsInformed, CaseCommand.A3FollowUp)] = ProtocolStep.A3FollowUp,
            [(ProtocolStep.A3FollowUp, CaseCommand.A3FollowUp)] = ProtocolStep.A3FollowUp,
            [(ProtocolStep.A3FollowUp, CaseCommand.BullyingContinues)] = ProtocolStep.Step4BullyingContinues,
            [(ProtocolStep.A3FollowUp, CaseCommand.Close)] = ProtocolStep.Closed,

            // Route B
            [(ProtocolStep.Step3RouteB, CaseCommand.B1MediationConversation)] = ProtocolStep.B1MediationConversation,
            [(ProtocolStep.B1MediationConversation, CaseCommand.B2Report)] = ProtocolStep.B2Reported,
            [(ProtocolStep.B2Reported, CaseCommand.B3RecordEvent)] = ProtocolStep.B3EventRecorded,
            [(ProtocolStep.B3EventRecorded, CaseCommand.B4FollowUpMeeting)] = ProtocolStep.B4FollowUpMeeting,
            [(ProtocolStep.B4FollowUpMeeting, CaseCommand.B4FollowUpMeeting)] = ProtocolStep.B4FollowUpMeeting,
            [(ProtocolStep.B4FollowUpMeeting, CaseCommand.BullyingContinues)] = ProtocolStep.Step4BullyingContinues,
            [(ProtocolStep.B4FollowUpMeeting, CaseCommand.HoldHerstelgesprek)] = ProtocolStep.Herstelgesprek,
            [(ProtocolStep.B4FollowUpMeeting, CaseCommand.Close)] = ProtocolStep.Closed,

            // Route C
            [(ProtocolStep.Step3RouteC, CaseCommand.C1ConversationWithStudent)] = ProtocolStep.C1ConversationWithStudent,
            [(ProtocolStep.C1ConversationWithStudent, CaseCommand.C2InformParents)] = ProtocolStep.C2ParentsInformed,
            [(ProtocolStep.C2ParentsInformed, CaseCommand.C3DossierNote)] = ProtocolStep.C3DossierNote,
            [(ProtocolStep.C3DossierNote, CaseCommand.C4FollowUp)] = ProtocolStep.C4FollowUp,
            [(ProtocolStep.C4FollowUp, CaseCommand.C4FollowUp)] = ProtocolStep.C4FollowUp,
            [(ProtocolStep.C4FollowUp, CaseCommand.BullyingContinues)] = ProtocolStep.Step4BullyingContinues,
            [(ProtocolStep.C4FollowUp, CaseCommand.Close)] = ProtocolStep.Closed,

            // Stap 4 – Keuze uit route D / E
            [(ProtocolStep.Step4BullyingContinues, CaseCommand.ChooseRouteD)] = ProtocolStep.Step4RouteD,
            [(ProtocolStep.Step4BullyingContinues, CaseCommand.ChooseRouteE)] = ProtocolStep.Step4RouteE,

            // Route D
            [(ProtocolStep.Step4RouteD, CaseCommand.D1InvolveTeamleider)] = ProtocolStep.D1TeamleiderInvolved,
            [(ProtocolStep.D1TeamleiderInvolved, CaseCommand.D2ConfrontingConversation)] = ProtocolStep.D2ConfrontingConversation,
            [(ProtocolStep.D2ConfrontingConversation, CaseCommand.D3InformVictimParents)] = ProtocolStep.D3VictimParentsInformed,
            [(ProtocolStep.D3VictimParentsInformed, CaseCommand.D4DossierNote)] = ProtocolStep.D4DossierNote,
            [(ProtocolStep.D4DossierNote, CaseCommand.D5FollowUp)] = ProtocolStep.D5FollowUp,
            [(ProtocolStep.D5FollowUp, CaseCommand.D5FollowUp)] = ProtocolStep.D5FollowUp,
            [(ProtocolStep.D5FollowUp, CaseCommand.HoldHerstelgesprek)] = ProtocolStep.Herstelgesprek,
            [(ProtocolStep.D5FollowUp, CaseCommand.Close)] = ProtocolStep.Closed,

            // Route E
            [(ProtocolStep.Step4RouteE, CaseCommand.E1ConversationWithVictimAndParents)] = ProtocolStep.E1ConversationWithVictimAndParents,
            [(ProtocolStep.E1ConversationWithVictimAndParents, CaseCommand.SwitchToRouteD)] = ProtocolStep.Step4RouteD,
            [(ProtocolStep.E1ConversationWithVictimAndParents, CaseCommand.E2RecordData)] = ProtocolStep.E2DataRecorded,
            [(ProtocolStep.E2DataRecorded, CaseCommand.E3Report)] = ProtocolStep.E3Reported,
            [(ProtocolStep.E3Reported, CaseCommand.E4FollowUp)] = ProtocolStep.E4FollowUp,
            [(ProtocolStep.E4FollowUp, CaseCommand.E4FollowUp)] = ProtocolStep.E4FollowUp,
            [(ProtocolStep.E4FollowUp, CaseCommand.Close)] = ProtocolStep.Closed,

            // Herstelgesprek (Bijlage 8), after route B or D: follow-up goes on, or the case closes,
            // or (after B) the bullying goes on.
            [(ProtocolStep.Herstelgesprek, CaseCommand.B4FollowUpMeeting)] = ProtocolStep.B4FollowUpMeeting,
            [(ProtocolStep.Herstelgesprek, CaseCommand.D5FollowUp)] = ProtocolStep.D5FollowUp,
            [(ProtocolStep.Herstelgesprek, CaseCommand.BullyingContinues)] = ProtocolStep.Step4BullyingContinues,
            [(ProtocolStep.Herstelgesprek, CaseCommand.Close)] = ProtocolStep.Closed,
        };

    /// <summary>True when the table has a move for (from, command); sets the resulting step.</summary>
    public static bool TryGetTarget(ProtocolStep from, CaseCommand command, out ProtocolStep to) =>
        Table.TryGetValue((from, command), out to);

    /// <summary>The commands the table allows from a step (before the history guards).</summary>
    public static IReadOnlyList<CaseCommand> CommandsFrom(ProtocolStep from) =>
        Table.Keys.Where(k => k.From == from).Select(k => k.Command).ToList();

    /// <summary>The route a route sub-step command belongs to, or null for commands outside the routes.</summary>
    public static Route? RouteOf(CaseCommand command) => command switch
    {
        CaseCommand.A1ThemeInClass or CaseCommand.A2InformParents or CaseCommand.A3FollowUp => Route.A,
        CaseCommand.B1MediationConversation or CaseCommand.B2Report or CaseCommand.B3RecordEvent
            or CaseCommand.B4FollowUpMeeting => Route.B,
        CaseCommand.C1ConversationWithStudent or CaseCommand.C2InformParents or CaseCommand.C3DossierNote
            or CaseCommand.C4FollowUp => Route.C,
        CaseCommand.D1InvolveTeamleider or CaseCommand.D2ConfrontingConversation or CaseCommand.D3InformVictimParents
            or CaseCommand.D4DossierNote or CaseCommand.D5FollowUp => Route.D,
        CaseCommand.E1ConversationWithVictimAndParents or CaseCommand.SwitchToRouteD or CaseCommand.E2RecordData
            or CaseCommand.E3Report or CaseCommand.E4FollowUp => Route.E,
        _ => null,
    };

    /// <summary>The route a step belongs to, or null for steps 1, 2, 4-choice, herstelgesprek and closed.</summary>
    public static Route? RouteOf(ProtocolStep step) => step switch
    {
        ProtocolStep.Step3RouteA or ProtocolStep.A1ThemeInClass or ProtocolStep.A2ParentsInformed or ProtocolStep.A3FollowUp => Route.A,
        ProtocolStep.Step3RouteB or ProtocolStep.B1MediationConversation or ProtocolStep.B2Reported
            or ProtocolStep.B3EventRecorded or ProtocolStep.B4FollowUpMeeting => Route.B,
        ProtocolStep.Step3RouteC or ProtocolStep.C1ConversationWithStudent or ProtocolStep.C2ParentsInformed
            or ProtocolStep.C3DossierNote or ProtocolStep.C4FollowUp => Route.C,
        ProtocolStep.Step4RouteD or ProtocolStep.D1TeamleiderInvolved or ProtocolStep.D2ConfrontingConversation
            or ProtocolStep.D3VictimParentsInformed or ProtocolStep.D4DossierNote or ProtocolStep.D5FollowUp => Route.D,
        ProtocolStep.Step4RouteE or ProtocolStep.E1ConversationWithVictimAndParents or ProtocolStep.E2DataRecorded
            or ProtocolStep.E3Reported or ProtocolStep.E4FollowUp => Route.E,
        _ => null,
    };

    /// <summary>True for the follow-up steps A.3, B.4, C.4, D.5 and E.4, which carry a follow-up date.</summary>
    public static bool IsFollowUpStep(ProtocolStep step) => step is ProtocolStep.A3FollowUp or ProtocolStep.B4FollowUpMeeting
        or ProtocolStep.C4FollowUp or ProtocolStep.D5FollowUp or ProtocolStep.E4FollowUp;

    /// <summary>The step-3 route choice command for a route.</summary>
    public static CaseCommand ChooseCommand(Route route) => route switch
    {
        Route.A => CaseCommand.ChooseRouteA,
        Route.B => CaseCommand.ChooseRouteB,
        Route.C => CaseCommand.ChooseRouteC,
        Route.D => CaseCommand.ChooseRouteD,
        _ => CaseCommand.ChooseRouteE,
    };
}
