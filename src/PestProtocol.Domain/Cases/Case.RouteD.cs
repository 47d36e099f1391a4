using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

// Route D – de dader is bekend (het pesten gaat door).
public sealed partial class Case
{
    /// <summary>
    /// D.1: the bullying is structural, not one-off: the mentor brings in the teamleider (must be informed) and possibly
    /// the coordinator and/or IB (see <see cref="Notifications.WhoMustBeInformed"/>).
    /// </summary>
    public DossierEntry D1InvolveTeamleider(StaffRef by, DateTimeOffset now, string text)
    {
        var to = EnsureAllowed(CaseCommand.D1InvolveTeamleider);
        RequireText(text);
        return Record(to, by, now, text);
    }

    /// <summary>
    /// D.2: conversation (Bijlage 7, confronterend gesprek) with the bully and the bully's parents, by coordinator/mentor,
    /// teamleider and possibly IB. A punishment may only be given by the deelschoolleider.
    /// </summary>
    public DossierEntry D2ConfrontingConversation(StaffRef by, DateTimeOffset now, ConfrontingConversation conversation)
    {
        var to = EnsureAllowed(CaseCommand.D2ConfrontingConversation);
        ArgumentNullException.ThrowIfNull(conversation);
        RequireParticipants(conversation.Participants, ParticipantRole.Bully, ParticipantRole.BullyParents);
        RequireText(conversation.Text);
        if (conversation.Punishment is { } punishment)
        {
            RequireText(punishment.Description);
            RequireActor(punishment.DecidedBy);
            if (punishment.DecidedBy.Role != StaffRole.Deelschoolleider)
            {
                throw Violations.Of(ViolationCode.RoleNotAllowed);
            }
        }

        var otherSchool = OtherSchool(conversation.OtherSchoolContact);
        return Record(to, by, now, conversation.Text, e => e with
        {
            Participants = conversation.Participants.ToList(),
            Agreements = CleanList(conversation.Agreements),
            Punishment = conversation.Punishment?.Description.Trim(),
            PunishmentDecidedByStaffId = conversation.Punishment?.DecidedBy.StaffId,
            OtherSchoolContact = otherSchool,
        });
    }

    /// <summary>D.3: the victim's parents are informed of the steps taken.</summary>
    public DossierEntry D3InformVictimParents(StaffRef by, DateTimeOffset now, ParentsInformation parents, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.D3InformVictimParents);
        RequireParents(parents);
        return Record(to, by, now, text, e => e with
        {
            Parents = parents,
            Participants = [new CaseParticipant(StudentRef, ParticipantRole.VictimParents)],
        });
    }

    /// <summary>D.4: make a note in the dossier.</summary>
    public DossierEntry D4DossierNote(StaffRef by, DateTimeOffset now, string text)
    {
        var to = EnsureAllowed(CaseCommand.D4DossierNote);
        RequireText(text);
        return Record(to, by, now, text);
    }

    /// <summary>D.5: keep following the student (both victim and bully); plan the next follow-up. May be repeated.</summary>
    public DossierEntry D5FollowUp(StaffRef by, DateTimeOffset now, DateTimeOffset followUpDate, string? text = null)
    {
        var to = EnsureAllowed(CaseCommand.D5FollowUp);
        RequireFollowUpDate(followUpDate, now);
        return Record(to, by, now, text, e => e with { FollowUpDate = followUpDate });
    }
}
