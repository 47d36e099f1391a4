using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;

namespace PestProtocol.Domain.Cases;

// Route B – de leerling weet wie de dader is (confronterend, bemiddelingsgesprek).
public sealed partial class Case
{
    /// <summary>
    /// B.1: mediation conversation (Bijlage 6) with bully and victim. All four topics must be covered; a punishment
    /// and contact with the bully's other school (with the teamleider) may be recorded; digital: Bijlage 5 tips given.
    /// </summary>
    public DossierEntry B1MediationConversation(StaffRef by, DateTimeOffset now, MediationConversation conversation)
    {
        var to = EnsureAllowed(CaseCommand.B1MediationConversation);
        ArgumentNullException.ThrowIfNull(conversation);
        RequireParticipants(conversation.Participants, ParticipantRole.Victim, ParticipantRole.Bully);
        var topics = (conversation.TopicsCovered ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Any(t => !Bijlage6Bemiddelingsgesprek.IsTopic(t)))
        {
            throw Violations.Of(ViolationCode.UnknownChecklistItem);
        }

        if (Bijlage6Bemiddelingsgesprek.Topics.Any(t => !topics.Contains(t.Id)))
        {
            throw Violations.Of(ViolationCode.MediationTopicsMissing);
        }

        RequireText(conversation.Text);
        RequireDigitalTips(conversation.DigitalTipsGiven);
        var otherSchool = OtherSchool(conversation.OtherSchoolContact);
        var participants = conversation.Participants.ToList();
        if (conversation.OtherSchoolContact is { } contact)
        {
            participants.Add(new CaseParticipant(contact.Teamleider.StaffId, ParticipantRole.Staff));
        }

        return Record(to, by, now, conversation.Text, e => e with
        {
            Participants = participants,
            ChecklistItemIds = Bijlage6Bemiddelingsgesprek.Topics.Select(t => t.Id).ToList(),
            Agreements = CleanList(conversation.Agreements),
            Punishment = string.IsNullOrWhiteSpace(conversation.Punishment) ? null : conversation.Punishment.Trim(),
            OtherSchoolContact = otherSchool,
            DigitalTipsGiven = conversation.DigitalTipsGiven,
        });
    }

    /// <summary>
    /// B.2: the mentor reports the event to the parents, the teamleider, the coordinator and the IB. The staff roles are
    /// in the entry's <see cref="DossierEntry.InformedRoles"/>; the parents are recorded, not notified.
    /// </summary>
    public DossierEntry B2Report(StaffRef by, DateTimeOffset now, ParentsInformation parents, string text)
    {
        var to = EnsureAllowed(CaseCommand.B2Report);
        RequireParents(parents);
        RequireText(text);
        return Record(to, by, now, text, e => e with { Parents = parents });
    }

    /// <summary>B.3: the event and the agreements are recorded in the digital dossier of victim and bully.</summary>
    public DossierEntry B3RecordEvent(StaffRef by, DateTimeOffset now, string eventText, IReadOnlyList<string> agreements, IReadOnlyList<CaseParticipant> participants)
    {
        var to = EnsureAllowed(CaseCommand.B3RecordEvent);
        RequireText(eventText);
        var cleaned = CleanList(agreements);
        if (cleaned.Count == 0)
        {
            throw Violations.Of(ViolationCode.AgreementsRequired);
        }

        RequireParticipants(participants, ParticipantRole.Victim, ParticipantRole.Bully);
        return Record(to, by, now, eventText, e => e with { Agreements = cleaned, Participants = participants.ToList() });
    }

    /// <summary>
    /// B.4: coordinator/mentor check that both parties keep the agreements and hold a follow-up meeting (may be repeated).
    /// When the bullying persists, the IB is brought in and the case escalates at once to step 4 (then route D);
    /// otherwise a next follow-up date is required.
    /// </summary>
    public DossierEntry B4FollowUpMeeting(StaffRef by, DateTimeOffset now, bool agreementsKept, bool bullyingPersists, DateTimeOffset? followUpDate, string text)
    {
        var to = EnsureAllowed(CaseCommand.B4FollowUpMeeting);
        RequireText(text);
        if (agreementsKept && bullyingPersists)
        {
            // "Afspraken nagekomen: ja" and "pesten houdt aan: ja" cannot both be true in one dossier entry.
            throw Violations.Of(ViolationCode.ContradictoryAnswers);
        }

        if (!bullyingPersists)
        {
            RequireFollowUpDate(followUpDate ?? DateTimeOffset.MinValue, now);
        }

        var entry = Record(to, by, now, text, e => e with
        {
            AgreementsKept = agreementsKept,
            BullyingPersists = bullyingPersists,
            FollowUpDate = bullyingPersists ? null : followUpDate,
        });
        if (bullyingPersists)
        {
            BullyingContinues(by, now, "Het pestgedrag houdt aan (B.4): de intern begeleider / zorgfunctionaris is ingeschakeld; verder met stap 4, route D.");
        }

        return entry;
    }
}
