using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Tests.Cases;

/// <summary>Drives cases through the protocol with valid inputs, so tests can focus on what they check.</summary>
internal static class CaseScript
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly StaffRef Mentor = new("staff-mentor", StaffRole.Mentor);
    public static readonly StaffRef Docent = new("staff-docent", StaffRole.Docent);
    public static readonly StaffRef Coordinator = new("staff-apc", StaffRole.AntiPestCoordinator);
    public static readonly StaffRef Teamleider = new("staff-tl", StaffRole.Teamleider);
    public static readonly StaffRef Deelschoolleider = new("staff-dsl", StaffRole.Deelschoolleider);

    public static readonly CaseParticipant Victim = new("student-1", ParticipantRole.Victim);
    public static readonly CaseParticipant Bully = new("student-2", ParticipantRole.Bully);
    public static readonly CaseParticipant VictimParents = new("parents-1", ParticipantRole.VictimParents);
    public static readonly CaseParticipant BullyParents = new("parents-2", ParticipantRole.BullyParents);
    public static readonly CaseParticipant Supporter = new("staff-apc", ParticipantRole.Supporter);

    public static DateTimeOffset At(int day) => Start.AddDays(day);

    public static Case Open(bool digital = false, StaffRef? by = null) => Case.Open(
        new NewSuspicion("student-1", "2B", "loc-dokkum", by ?? Mentor,
            ["school.blauwe-plekken", "thuis.bang-naar-school"], digital, "Vaak alleen in de pauze, spullen kapot."),
        Start);

    public static ParentsInformation Parents(int day) =>
        new("staff-mentor", At(day), ParentContactMethod.Phone, "Mentor voert gesprekken; coördinator kijkt mee.");

    public static MediationConversation Mediation(bool digital = false) => new(
        [Victim, Bully, new("staff-apc", ParticipantRole.Staff)],
        Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id).ToList(),
        "Bemiddelingsgesprek gevoerd.",
        ["Dader stopt met pesten."],
        DigitalTipsGiven: digital);

    public static HerstelgesprekAgreement Herstel() => new(
        [Victim, Bully, Supporter], "We gaan respectvol met elkaar om.", [Bully, Victim, Supporter]);

    /// <summary>Carries out one command with valid inputs, the way a user would.</summary>
    public static void Do(Case c, CaseCommand command, int day, bool suspectAdmits = false)
    {
        var now = At(day);
        switch (command)
        {
            case CaseCommand.ConfirmSuspicion: c.ConfirmSuspicion(Mentor, now, "Vermoeden klopt."); break;
            case CaseCommand.RejectSuspicion: c.RejectSuspicion(Mentor, now, "Geen pesten, wel ruzie."); break;
            case CaseCommand.InformParents: c.InformParents(Mentor, now, Parents(day)); break;
            case CaseCommand.ChooseRouteA: c.ChooseRoute(Route.A, true, Mentor, now); break;
            case CaseCommand.ChooseRouteB: c.ChooseRoute(Route.B, true, Mentor, now); break;
            case CaseCommand.ChooseRouteC: c.ChooseRoute(Route.C, true, Mentor, now); break;
            case CaseCommand.ChooseRouteD: c.ChooseRoute(Route.D, false, Mentor, now); break;
            case CaseCommand.ChooseRouteE: c.ChooseRoute(Route.E, false, Mentor, now); break;
            case CaseCommand.A1ThemeInClass: c.A1ThemeInClass(Mentor, now, "Les over pesten, pesttest afgenomen."); break;
            case CaseCommand.A2InformParents: c.A2InformParents(Mentor, now, Parents(day)); break;
            case CaseCommand.A3FollowUp: c.A3FollowUp(Mentor, now, now.AddDays(14)); break;
            case CaseCommand.B1MediationConversation: c.B1MediationConversation(Coordinator, now, Mediation(c.IsDigital)); break;
            case CaseCommand.B2Report: c.B2Report(Mentor, now, Parents(day), "Gemeld."); break;
            case CaseCommand.B3RecordEvent: c.B3RecordEvent(Mentor, now, "Gebeurtenis genoteerd.", ["Geen contact buiten de les."], [Victim, Bully]); break;
            case CaseCommand.B4FollowUpMeeting: c.B4FollowUpMeeting(Coordinator, now, true, false, now.AddDays(14), "Afspraken nageleefd."); break;
            case CaseCommand.C1ConversationWithStudent: c.C1ConversationWithStudent(Mentor, now, "Gesprek gevoerd.", c.IsDigital); break;
            case CaseCommand.C2InformParents: c.C2InformParents(Mentor, now, Parents(day)); break;
            case CaseCommand.C3DossierNote: c.C3DossierNote(Mentor, now, "Notitie."); break;
            case CaseCommand.C4FollowUp: c.C4FollowUp(Mentor, now, now.AddDays(14)); break;
            case CaseCommand.BullyingContinues: c.BullyingContinues(Mentor, now, "Het pesten gaat door."); break;
            case CaseCommand.D1InvolveTeamleider: c.D1InvolveTeamleider(Mentor, now, "Structureel; teamleider ingeschakeld."); break;
            case CaseCommand.D2ConfrontingConversation:
                c.D2ConfrontingConversation(Coordinator, now, new ConfrontingConversation(
                    [Bully, BullyParents], "Gesprek met dader en ouders.", ["Excuses aanbieden."],
                    new Punishment("Twee dagen schorsing", Deelschoolleider)));
                break;
            case CaseCommand.D3InformVictimParents: c.D3InformVictimParents(Mentor, now, Parents(day)); break;
            case CaseCommand.D4DossierNote: c.D4DossierNote(Mentor, now, "Notitie."); break;
            case CaseCommand.D5FollowUp: c.D5FollowUp(Mentor, now, now.AddDays(14)); break;
            case CaseCommand.E1ConversationWithVictimAndParents:
            case CaseCommand.SwitchToRouteD:
                c.E1ConversationWithVictimAndParents(Coordinator, now, new VictimAndParentsConversation(
                    [Victim, VictimParents], "Gesprek; slachtoffer noemt een vermoeden.",
                    SuspectAtThisSchool: suspectAdmits || command == CaseCommand.SwitchToRouteD,
                    SuspectAdmitted: suspectAdmits || command == CaseCommand.SwitchToRouteD,
                    DigitalTipsGiven: c.IsDigital));
                break;
            case CaseCommand.E2RecordData: c.E2RecordData(Mentor, now, "Gegevens opgeslagen."); break;
            case CaseCommand.E3Report: c.E3Report(Mentor, now, Parents(day), "Gemeld."); break;
            case CaseCommand.E4FollowUp: c.E4FollowUp(Mentor, now, now.AddDays(14)); break;
            case CaseCommand.HoldHerstelgesprek: c.HoldHerstelgesprek(Coordinator, now, Herstel()); break;
            case CaseCommand.Close: c.Close(Mentor, now, "Pesten gestopt."); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    /// <summary>Opens a case and carries out the commands in order.</summary>
    public static Case Run(IEnumerable<CaseCommand> commands, bool digital = false)
    {
        var c = Open(digital);
        var day = 1;
        foreach (var command in commands)
        {
            Do(c, command, day++);
        }

        return c;
    }

    public static readonly CaseCommand[] ToStep2 = [CaseCommand.ConfirmSuspicion, CaseCommand.InformParents];

    public static readonly CaseCommand[] RouteA = [.. ToStep2, CaseCommand.ChooseRouteA, CaseCommand.A1ThemeInClass, CaseCommand.A2InformParents, CaseCommand.A3FollowUp];

    public static readonly CaseCommand[] RouteB = [.. ToStep2, CaseCommand.ChooseRouteB, CaseCommand.B1MediationConversation, CaseCommand.B2Report, CaseCommand.B3RecordEvent, CaseCommand.B4FollowUpMeeting];

    public static readonly CaseCommand[] RouteC = [.. ToStep2, CaseCommand.ChooseRouteC, CaseCommand.C1ConversationWithStudent, CaseCommand.C2InformParents, CaseCommand.C3DossierNote, CaseCommand.C4FollowUp];

    public static readonly CaseCommand[] RouteDSteps = [CaseCommand.D1InvolveTeamleider, CaseCommand.D2ConfrontingConversation, CaseCommand.D3InformVictimParents, CaseCommand.D4DossierNote, CaseCommand.D5FollowUp];

    public static readonly CaseCommand[] RouteESteps = [CaseCommand.E1ConversationWithVictimAndParents, CaseCommand.E2RecordData, CaseCommand.E3Report, CaseCommand.E4FollowUp];
}
