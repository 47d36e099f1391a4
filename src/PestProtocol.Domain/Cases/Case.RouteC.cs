using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Cases;

// Route C – de leerling heeft geen idee wie de dader is.
public sealed partial class Case
{
    /// <summary>C.1: conversation with the student (Bijlage 4 tips; digital: Bijlage 5 tips must be discussed).</summary>
    public DossierEntry C1ConversationWithStudent(StaffRef by, DateTimeOffset now, string text, bool digitalTipsGiven = false)
    {
        var to = EnsureAllowed(CaseCommand.C1ConversationWithStudent);
        RequireText(text);
        RequireDigitalTips(digitalTipsGiven);
        return Record(to, by, now, text, e => e with
        {
            DigitalTipsGiven = digitalTipsGiven,
            Participants = [new CaseParticipant(StudentRef, ParticipantRole.Victim)],
        });
    }

    /// <summary>C.2: inform the parents.</summary>
    public DossierEntry C2InformParents(StaffRef by, DateTimeOffset now, ParentsInformation parents, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.C2InformParents);
        RequireParents(parents);
        return Record(to, by, now, text, e => e with { Parents = parents });
    }

    /// <summary>C.3: make a note in the dossier.</summary>
    public DossierEntry C3DossierNote(StaffRef by, DateTimeOffset now, string text)
    {
        var to = EnsureAllowed(CaseCommand.C3DossierNote);
        RequireText(text);
        return Record(to, by, now, text);
    }

    /// <summary>C.4: keep following the student; plan the next follow-up. May be repeated.</summary>
    public DossierEntry C4FollowUp(StaffRef by, DateTimeOffset now, DateTimeOffset followUpDate, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.C4FollowUp);
        RequireFollowUpDate(followUpDate, now);
        return Record(to, by, now, text, e => e with { FollowUpDate = followUpDate });
    }
}
