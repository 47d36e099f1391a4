using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

// Stap 1 – Vermoedens van pesten, Stap 2 – Ouders informeren, Stap 3/4 – route keuze.
public sealed partial class Case
{
    /// <summary>
    /// Stap 1: the suspicion is right ("het vermoeden klopt"). A note is required: the protocol says a note is always
    /// made ("Er moet altijd een notitie in Magister worden gemaakt"), e.g. what the orienting conversation showed.
    /// Next: inform the parents.
    /// </summary>
    public DossierEntry ConfirmSuspicion(StaffRef by, DateTimeOffset now, string? note = null)
    {
        var to = EnsureAllowed(CaseCommand.ConfirmSuspicion);
        RequireText(note);
        return Record(to, by, now, note);
    }

    /// <summary>
    /// Stap 1: the suspicion is not confirmed. The case closes with the note and a reminder to stay alert;
    /// it can be reopened (<see cref="Reopen"/>) when new signals come.
    /// </summary>
    public DossierEntry RejectSuspicion(StaffRef by, DateTimeOffset now, string note)
    {
        var to = EnsureAllowed(CaseCommand.RejectSuspicion);
        RequireText(note);
        StepBeforeClose = CurrentStep;
        var entry = Record(to, by, now, note, e => e with { Kind = DossierEntryKind.Closed });
        NextFollowUpDate = null;
        return entry;
    }

    /// <summary>
    /// Stap 2: the victim's parents were informed and told who takes which steps. No route can be chosen before this.
    /// </summary>
    public DossierEntry InformParents(StaffRef by, DateTimeOffset now, ParentsInformation parents, string? note = null)
    {
        var to = EnsureAllowed(CaseCommand.InformParents);
        RequireParents(parents, whoTakesWhichStepsRequired: true);
        return Record(to, by, now, note ?? parents.WhoTakesWhichSteps, e => e with
        {
            Parents = parents,
            Participants = [new CaseParticipant(StudentRef, ParticipantRole.VictimParents)],
        });
    }

    /// <summary>
    /// Stap 3 (route A, B or C, only together with the student: <paramref name="chosenWithStudent"/> must be true)
    /// or stap 4 (route D or E, after <see cref="BullyingContinues"/>).
    /// </summary>
    public DossierEntry ChooseRoute(Route route, bool chosenWithStudent, StaffRef by, DateTimeOffset now, string? note = null)
    {
        if (!Enum.IsDefined(route))
        {
            throw Violations.Of(ViolationCode.InvalidInput);
        }

        var to = EnsureAllowed(CaseTransitions.ChooseCommand(route));
        if (route.IsStep3Route() && !chosenWithStudent)
        {
            throw Violations.Of(ViolationCode.RouteNotChosenWithStudent);
        }

        var entry = Record(to, by, now, note ?? RouteDescriptions.For(route).When.Nl, e => e with
        {
            Route = route,
            ChosenWithStudent = chosenWithStudent,
        });
        if (route.IsStep3Route())
        {
            Step3Route = route;
        }
        else
        {
            Step4Route = route;
        }

        return entry;
    }

    /// <summary>
    /// Stap 4: the bullying goes on ("wanneer het pesten doorgaat"). Only on an open case whose step-3 route reached
    /// its follow-up (A.3, B.4, C.4 or after a herstelgesprek following B). Next: choose route D or E.
    /// </summary>
    public DossierEntry BullyingContinues(StaffRef by, DateTimeOffset now, string text)
    {
        var to = EnsureAllowed(CaseCommand.BullyingContinues);
        RequireText(text);
        return Record(to, by, now, text);
    }
}
