using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Bot.Tests.Persistence;

/// <summary>Opens cases and carries out protocol steps with valid inputs, at times in Dutch winter time (+01:00).</summary>
internal static class CaseSteps
{
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_560);
    public static readonly StaffRef Mentor = new("staff-mentor", StaffRole.Mentor);
    public static readonly StaffRef Coordinator = new("staff-apc", StaffRole.AntiPestCoordinator);
    public static readonly StaffRef Teamleider = new("staff-tl", StaffRole.Teamleider);
    public static readonly StaffRef Deelschoolleider = new("staff-dsl", StaffRole.Deelschoolleider);
    public static readonly CaseParticipant Victim = new("student-1", ParticipantRole.Victim);
    public static readonly CaseParticipant Bully = new("student-2", ParticipantRole.Bully);
    public static readonly CaseParticipant BullyParents = new("parents-2", ParticipantRole.BullyParents);
    public static readonly CaseParticipant Supporter = new("staff-apc", ParticipantRole.Supporter);

    public static DateTimeOffset At(int day) => Start.AddDays(day);

    public static Case Open(string locationId, string studentRef = "student-1", bool digital = true, int day = 0) => Case.Open(
        new NewSuspicion(studentRef, "2B", locationId, Mentor, ["school.blauwe-plekken", "school.geen-vrienden"], digital,
            "Vaak alleen in de pauze; spullen gaan kapot."),
        At(day));

    public static ParentsInformation Parents(int day) =>
        new("staff-mentor", At(day).AddHours(2), ParentContactMethod.Phone, "Mentor voert de gesprekken, coördinator kijkt mee.");

    /// <summary>A long walk: steps 1–3, route B with mediation, a herstelgesprek, a correction, step 4 and route D to the end.</summary>
    public static IReadOnlyList<Action<Case>> RouteBThenD(Guid correctedEntryPlaceholder = default) =>
    [
        c => c.ConfirmSuspicion(Mentor, At(1), "Het vermoeden klopt."),
        c => c.InformParents(Mentor, At(2), Parents(2)),
        c => c.ChooseRoute(Route.B, chosenWithStudent: true, Mentor, At(3)),
        c => c.B1MediationConversation(Coordinator, At(4), new MediationConversation(
            [Victim, Bully],
            Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id).ToList(),
            "Bemiddelingsgesprek gevoerd.",
            ["Dader stopt met pesten.", "Geen berichten meer sturen."],
            "Een dag nablijven",
            new OtherSchoolContact(Teamleider, "Contact met de andere school over de broer."),
            DigitalTipsGiven: true)),
        c => c.B2Report(Mentor, At(5), Parents(5), "Gemeld bij ouders, teamleider, coördinator en IB."),
        c => c.B3RecordEvent(Mentor, At(6), "Gebeurtenis genoteerd.", ["Geen contact buiten de les."], [Victim, Bully]),
        c => c.B4FollowUpMeeting(Coordinator, At(7), agreementsKept: true, bullyingPersists: false, At(21), "Afspraken nageleefd."),
        c => c.HoldHerstelgesprek(Coordinator, At(8), new HerstelgesprekAgreement([Victim, Bully, Supporter], "We gaan respectvol met elkaar om.", [Bully, Victim, Supporter])),
        c => c.Correct(Mentor, At(9), c.Dossier[1].Id, "Correctie: de ouders zijn ook per e-mail geïnformeerd."),
        c => c.AddNote(Mentor, At(10), "Nog even afwachten."),
        c => c.BullyingContinues(Mentor, At(11), "Het pesten gaat door."),
        c => c.ChooseRoute(Route.D, chosenWithStudent: false, Mentor, At(12)),
        c => c.D1InvolveTeamleider(Mentor, At(13), "Teamleider ingeschakeld."),
        c => c.D2ConfrontingConversation(Coordinator, At(14), new ConfrontingConversation(
            [Bully, BullyParents], "Gesprek met dader en ouders.", ["Excuses aanbieden."],
            new Punishment("Twee dagen schorsing", Deelschoolleider))),
        c => c.D3InformVictimParents(Mentor, At(15), Parents(15)),
        c => c.D4DossierNote(Mentor, At(16), "Notitie."),
        c => c.D5FollowUp(Mentor, At(17), At(31)),
        c => c.Close(Mentor, At(40), "Het pesten is gestopt."),
    ];
}
