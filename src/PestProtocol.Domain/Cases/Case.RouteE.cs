using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

// Route E – de dader is onbekend (het pesten gaat door).
public sealed partial class Case
{
    /// <summary>
    /// E.1: conversation of coordinator and/or mentor (possibly with the teamleider) with the victim and the parents.
    /// When the suspect (at this school, spoken to without the victim) admits, the case switches to route D (recorded
    /// as a second entry) and continues with D.1. Digital: the Bijlage 5 tips must be discussed with victim and parents.
    /// </summary>
    public DossierEntry E1ConversationWithVictimAndParents(StaffRef by, DateTimeOffset now, VictimAndParentsConversation conversation)
    {
        var to = EnsureAllowed(CaseCommand.E1ConversationWithVictimAndParents);
        ArgumentNullException.ThrowIfNull(conversation);
        RequireParticipants(conversation.Participants, ParticipantRole.Victim, ParticipantRole.VictimParents);
        RequireText(conversation.Text);
        RequireDigitalTips(conversation.DigitalTipsGiven);
        RequireBullyOnlyWhenAdmitted(conversation);
        if (conversation.SuspectAdmitted && !conversation.SuspectAtThisSchool)
        {
            throw Violations.Of(ViolationCode.InvalidInput);
        }

        var entry = Record(to, by, now, conversation.Text, e => e with
        {
            Participants = conversation.Participants.ToList(),
            DigitalTipsGiven = conversation.DigitalTipsGiven,
            SuspectAdmitted = conversation.SuspectAtThisSchool ? conversation.SuspectAdmitted : null,
        });

        if (conversation.SuspectAdmitted)
        {
            var switchTo = EnsureAllowed(CaseCommand.SwitchToRouteD);
            var switched = NewEntry(switchTo, DossierEntryKind.RouteSwitched, by, now,
                "De vermoede dader heeft het toegegeven: verder volgens route D (stap D.1 en D.2).") with
            {
                Route = Route.D,
            };
            Append(switched);
            CurrentStep = switchTo;
            Step4Route = Route.D;
            SwitchedFromRouteE = true;
        }

        return entry;
    }

    /// <summary>E.2: the relevant data are stored in the dossier.</summary>
    public DossierEntry E2RecordData(StaffRef by, DateTimeOffset now, string text)
    {
        var to = EnsureAllowed(CaseCommand.E2RecordData);
        RequireText(text);
        return Record(to, by, now, text);
    }

    /// <summary>
    /// E.3: the mentor reports the event to the parents, the teamleider, the coordinator and the IB (roles in
    /// <see cref="DossierEntry.InformedRoles"/>; parents recorded, not notified).
    /// </summary>
    public DossierEntry E3Report(StaffRef by, DateTimeOffset now, ParentsInformation parents, string text)
    {
        var to = EnsureAllowed(CaseCommand.E3Report);
        RequireParents(parents);
        RequireText(text);
        return Record(to, by, now, text, e => e with { Parents = parents });
    }

    /// <summary>E.4: keep following the student; plan the next follow-up. May be repeated.</summary>
    public DossierEntry E4FollowUp(StaffRef by, DateTimeOffset now, DateTimeOffset followUpDate, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.E4FollowUp);
        RequireFollowUpDate(followUpDate, now);
        return Record(to, by, now, text, e => e with { FollowUpDate = followUpDate });
    }
}
