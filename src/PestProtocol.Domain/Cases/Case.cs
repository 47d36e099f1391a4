using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Localization;
using PestProtocol.Domain.Notifications;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

/// <summary>
/// A case ("melding"): one suspicion of bullying about one student, moving along the flowchart
/// step 1 → 2 → 3 (route A/B/C) → 4 (route D/E). Every move appends a <see cref="DossierEntry"/>;
/// a move the protocol does not allow throws <see cref="ProtocolViolationException"/> and changes nothing.
/// The step methods live in the partial files beside this one, one per stage of the flowchart.
/// </summary>
public sealed partial class Case
{
    private readonly List<DossierEntry> _dossier;

    private Case(CaseSnapshot s)
    {
        Id = s.Id;
        StudentRef = s.StudentRef;
        ClassName = s.ClassName;
        LocationId = s.LocationId;
        SignalledBy = s.SignalledBy;
        Owner = s.Owner ?? s.SignalledBy;
        Trigger = s.Trigger;
        SignalIds = s.SignalIds.ToList();
        IsDigital = s.IsDigital;
        Description = s.Description;
        OpenedAt = s.OpenedAt;
        CurrentStep = s.CurrentStep;
        Step3Route = s.Step3Route;
        Step4Route = s.Step4Route;
        SwitchedFromRouteE = s.SwitchedFromRouteE;
        StepBeforeClose = s.StepBeforeClose;
        NextFollowUpDate = s.NextFollowUpDate;
        _dossier = s.Dossier.ToList();
    }

    /// <summary>Case id.</summary>
    public Guid Id { get; }

    /// <summary>Opaque reference of the student concerned (the one who may be bullied).</summary>
    public string StudentRef { get; }

    /// <summary>The student's class.</summary>
    public string ClassName { get; }

    /// <summary>Location (vestiging) id.</summary>
    public string LocationId { get; }

    /// <summary>Who signalled, and in which role.</summary>
    public StaffRef SignalledBy { get; }

    /// <summary>
    /// Who holds the next step now: whoever signalled, until the case is handed over (<see cref="HandOver"/>). Only the
    /// owner or an anti-bullying coordinator of the location carries out the next step.
    /// </summary>
    public StaffRef Owner { get; private set; }

    /// <summary>What led to the suspicion.</summary>
    public SuspicionTrigger Trigger { get; }

    /// <summary>Bijlage 1 signal ids seen.</summary>
    public IReadOnlyList<string> SignalIds { get; }

    /// <summary>Digital bullying: the Bijlage 5 tips must be given in B.1, C.1 and E.1.</summary>
    public bool IsDigital { get; }

    /// <summary>The step-1 description.</summary>
    public string Description { get; }

    /// <summary>When the case was opened.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>The last step carried out.</summary>
    public ProtocolStep CurrentStep { get; private set; }

    /// <summary>Route chosen in step 3.</summary>
    public Route? Step3Route { get; private set; }

    /// <summary>Route chosen in step 4 (D after an E→D switch).</summary>
    public Route? Step4Route { get; private set; }

    /// <summary>True when route E switched to route D because the suspect admitted (E.1).</summary>
    public bool SwitchedFromRouteE { get; private set; }

    /// <summary>For a closed case: the step it was closed from.</summary>
    public ProtocolStep? StepBeforeClose { get; private set; }

    /// <summary>The next follow-up date, if one is planned (cleared when the case closes).</summary>
    public DateTimeOffset? NextFollowUpDate { get; private set; }

    /// <summary>The route the case is in now: the step-4 route once chosen, else the step-3 route.</summary>
    public Route? CurrentRoute => Step4Route ?? Step3Route;

    /// <summary>True when the case is closed.</summary>
    public bool IsClosed => CurrentStep == ProtocolStep.Closed;

    /// <summary>True when the case was closed because the suspicion was not confirmed.</summary>
    public bool ClosedAsNotConfirmed => IsClosed && StepBeforeClose == ProtocolStep.Step1Suspicion;

    /// <summary>The dossier, append-only, in order.</summary>
    public IReadOnlyList<DossierEntry> Dossier => _dossier.AsReadOnly();

    /// <summary>What has to happen next, in Dutch, one short sentence (for /overzicht).</summary>
    public string NextAction => NextActions.For(this, Locale.Nl);

    /// <summary>What has to happen next, in the given locale.</summary>
    public string NextActionIn(Locale locale) => NextActions.For(this, locale);

    /// <summary>The title of the current step, in the given locale.</summary>
    public string CurrentStepTitle(Locale locale = Locale.Nl) => StepTitles.For(CurrentStep, locale);

    /// <summary>
    /// The commands a user can give now (the table plus the history guards). <see cref="CaseCommand.SwitchToRouteD"/>
    /// is not listed: it happens inside E.1 when the suspect admits.
    /// </summary>
    public IReadOnlyList<CaseCommand> AllowedCommands =>
        Enum.GetValues<CaseCommand>().Where(c => c != CaseCommand.SwitchToRouteD && Check(c) is null).ToList();

    /// <summary>Whether a command is allowed now.</summary>
    public bool IsAllowed(CaseCommand command) => Check(command) is null;

    /// <summary>
    /// Stap 1: a suspicion of bullying is reported. The case starts with one dossier entry holding the signals.
    /// </summary>
    public static Case Open(NewSuspicion suspicion, DateTimeOffset now, Guid? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(suspicion);
        RequireReference(suspicion.StudentRef);
        RequireReference(suspicion.ClassName);
        RequireReference(suspicion.LocationId);
        RequireActor(suspicion.SignalledBy);
        RequireText(suspicion.Description);
        var signals = (suspicion.SignalIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (signals.Any(id => !Bijlage1Signalen.IsKnown(id)))
        {
            throw Violations.Of(ViolationCode.UnknownChecklistItem);
        }

        var id = caseId ?? Guid.CreateVersion7(now);
        var c = new Case(new CaseSnapshot
        {
            Id = id,
            StudentRef = suspicion.StudentRef,
            ClassName = suspicion.ClassName,
            LocationId = suspicion.LocationId,
            SignalledBy = suspicion.SignalledBy,
            Owner = suspicion.SignalledBy,
            Trigger = suspicion.Trigger,
            SignalIds = signals,
            IsDigital = suspicion.IsDigital,
            Description = suspicion.Description,
            OpenedAt = now,
            CurrentStep = ProtocolStep.Step1Suspicion,
            Dossier = [],
        });
        c.Append(c.NewEntry(ProtocolStep.Step1Suspicion, DossierEntryKind.StepTaken, suspicion.SignalledBy, now, suspicion.Description) with
        {
            ChecklistItemIds = signals,
            Participants = [new CaseParticipant(suspicion.StudentRef, ParticipantRole.Victim)],
            InformedRoles = WhoMustBeInformed.For(ProtocolStep.Step1Suspicion, suspicion.SignalledBy.Role, studentKnown: suspicion.Trigger != SuspicionTrigger.AnonymousStudentReport).MustInform.ToList(),
        });
        return c;
    }

    /// <summary>Rebuilds a case from what persistence stored. No rule is re-run; the snapshot is trusted.</summary>
    public static Case Rehydrate(CaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Dossier.Any(e => e.CaseId != snapshot.Id))
        {
            throw new ArgumentException("A dossier entry belongs to another case.", nameof(snapshot));
        }

        return new Case(snapshot);
    }

    /// <summary>Everything this case holds, as plain values for persistence.</summary>
    public CaseSnapshot ToSnapshot() => new()
    {
        Id = Id,
        StudentRef = StudentRef,
        ClassName = ClassName,
        LocationId = LocationId,
        SignalledBy = SignalledBy,
        Owner = Owner,
        Trigger = Trigger,
        SignalIds = SignalIds.ToList(),
        IsDigital = IsDigital,
        Description = Description,
        OpenedAt = OpenedAt,
        CurrentStep = CurrentStep,
        Step3Route = Step3Route,
        Step4Route = Step4Route,
        SwitchedFromRouteE = SwitchedFromRouteE,
        StepBeforeClose = StepBeforeClose,
        NextFollowUpDate = NextFollowUpDate,
        Dossier = _dossier.ToList(),
    };

    /// <summary>Throws when the command is not allowed now; returns the step it leads to.</summary>
    private ProtocolStep EnsureAllowed(CaseCommand command)
    {
        var violation = Check(command);
        if (violation is not null)
        {
            throw Violations.Of(violation.Value);
        }

        return CaseTransitions.Table[(CurrentStep, command)];
    }

    /// <summary>Null when allowed, else the most specific reason why not.</summary>
    private ViolationCode? Check(CaseCommand command)
    {
        if (IsClosed)
        {
            return ViolationCode.CaseClosed;
        }

        if (CaseTransitions.TryGetTarget(CurrentStep, command, out _))
        {
            var route = CaseTransitions.RouteOf(command);
            if (route is not null && CurrentRoute != route)
            {
                return ViolationCode.WrongRoute;
            }

            if (command == CaseCommand.BullyingContinues && Step4Route is not null)
            {
                return ViolationCode.Step4AlreadyReached;
            }

            if (command == CaseCommand.ChooseRouteE && Step3Route == Route.B)
            {
                return ViolationCode.BullyKnownUseRouteD;
            }

            return null;
        }

        return WhyNot(command);
    }

    private ViolationCode WhyNot(CaseCommand command)
    {
        var step = CurrentStep;
        var beforeStep2 = step is ProtocolStep.Step1Suspicion or ProtocolStep.Step1SuspicionConfirmed;
        switch (command)
        {
            case CaseCommand.InformParents when step == ProtocolStep.Step1Suspicion:
                return ViolationCode.SuspicionNotConfirmed;
            case CaseCommand.ChooseRouteA or CaseCommand.ChooseRouteB or CaseCommand.ChooseRouteC when beforeStep2:
                return ViolationCode.ParentsNotInformed;
            case CaseCommand.ChooseRouteD or CaseCommand.ChooseRouteE when step == ProtocolStep.Step2ParentsInformed:
            case CaseCommand.ChooseRouteA or CaseCommand.ChooseRouteB or CaseCommand.ChooseRouteC
                when step == ProtocolStep.Step4BullyingContinues:
                return ViolationCode.RouteNotAllowedInThisStep;
            case CaseCommand.BullyingContinues:
                return Step4Route is not null || step == ProtocolStep.Step4BullyingContinues
                    ? ViolationCode.Step4AlreadyReached
                    : ViolationCode.Step3NotCompleted;
            case CaseCommand.ChooseRouteD or CaseCommand.ChooseRouteE:
                return Step4Route is not null ? ViolationCode.Step4AlreadyReached : ViolationCode.Step3NotCompleted;
            case CaseCommand.HoldHerstelgesprek:
                return ViolationCode.HerstelgesprekNotAllowed;
        }

        var route = CaseTransitions.RouteOf(command);
        if (route is not null && CurrentRoute is not null && route != CurrentRoute)
        {
            return ViolationCode.WrongRoute;
        }

        return ViolationCode.StepOutOfOrder;
    }

    private DossierEntry NewEntry(ProtocolStep step, DossierEntryKind kind, StaffRef actor, DateTimeOffset now, string text) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = Id,
        Sequence = _dossier.Count + 1,
        Step = step,
        Kind = kind,
        Actor = actor,
        RecordedAt = now,
        Text = text.Trim(),
    };

    /// <summary>Appends a step entry and moves the case to that step.</summary>
    private DossierEntry Record(ProtocolStep to, StaffRef actor, DateTimeOffset now, string? text, Func<DossierEntry, DossierEntry>? details = null)
    {
        RequireActor(actor);
        var entry = NewEntry(to, DossierEntryKind.StepTaken, actor, now, text ?? string.Empty);
        entry = details?.Invoke(entry) ?? entry;
        RequireFewBullies(entry.Participants);
        entry = entry with
        {
            InformedRoles = WhoMustBeInformed.For(to, SignalledBy.Role, entry.BullyingPersists == true, studentKnown: Trigger != SuspicionTrigger.AnonymousStudentReport).MustInform.ToList(),
        };
        Append(entry);
        CurrentStep = to;
        if (entry.FollowUpDate is not null)
        {
            NextFollowUpDate = entry.FollowUpDate;
        }

        return entry;
    }

    private void Append(DossierEntry entry) => _dossier.Add(entry);

    /// <summary>At most <see cref="MaxBullies"/> different bullies in the dossier, with the new entry's participants.</summary>
    private void RequireFewBullies(IReadOnlyList<CaseParticipant> participants)
    {
        var bullies = Bullies.Select(b => b.Reference)
            .Concat(participants.Where(p => p.Role == ParticipantRole.Bully).Select(p => p.Reference))
            .Distinct(StringComparer.Ordinal)
            .Count();
        if (bullies > MaxBullies)
        {
            throw Violations.Of(ViolationCode.TooManyBullies);
        }
    }

    private static void RequireText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Violations.Of(ViolationCode.TextRequired);
        }
    }

    private static void RequireReference(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Violations.Of(ViolationCode.InvalidInput);
        }
    }

    private static void RequireActor(StaffRef? actor)
    {
        if (actor is null || string.IsNullOrWhiteSpace(actor.StaffId))
        {
            throw Violations.Of(ViolationCode.InvalidInput);
        }
    }

    private static void RequireFollowUpDate(DateTimeOffset followUpDate, DateTimeOffset now)
    {
        if (followUpDate <= now)
        {
            throw Violations.Of(ViolationCode.FollowUpDateRequired);
        }
    }

    private static void RequireParticipants(IReadOnlyList<CaseParticipant>? participants, params ParticipantRole[] roles)
    {
        if (participants is null || participants.Any(p => p is null || string.IsNullOrWhiteSpace(p.Reference))
            || roles.Any(r => participants.All(p => p.Role != r)))
        {
            throw Violations.Of(ViolationCode.ParticipantMissing);
        }
    }

    private static void RequireParents(ParentsInformation? parents, bool whoTakesWhichStepsRequired = false)
    {
        if (parents is null || string.IsNullOrWhiteSpace(parents.InformedByStaffId)
            || !Enum.IsDefined(parents.Method)
            || (whoTakesWhichStepsRequired && string.IsNullOrWhiteSpace(parents.WhoTakesWhichSteps)))
        {
            throw Violations.Of(ViolationCode.ParentsInformationIncomplete);
        }
    }

    private void RequireDigitalTips(bool given)
    {
        if (IsDigital && !given)
        {
            throw Violations.Of(ViolationCode.DigitalTipsNotGiven);
        }
    }

    private static IReadOnlyList<string> CleanList(IReadOnlyList<string>? items) =>
        (items ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();

    private static string? OtherSchool(OtherSchoolContact? contact)
    {
        if (contact is null)
        {
            return null;
        }

        RequireActor(contact.Teamleider);
        if (contact.Teamleider.Role != StaffRole.Teamleider)
        {
            throw Violations.Of(ViolationCode.RoleNotAllowed);
        }

        RequireText(contact.Note);
        return contact.Note.Trim();
    }
}
