using PestProtocol.Domain.Roles;

namespace PestProtocol.Domain.Routes;

/// <summary>
/// What was recorded of the B.1 mediation conversation (bemiddelingsgesprek, Bijlage 6) with bully and victim.
/// </summary>
/// <param name="Participants">Who took part; must include the victim and the bully.</param>
/// <param name="TopicsCovered">Ids from <see cref="Appendices.Bijlage6Bemiddelingsgesprek.Topics"/>; all four must be covered.</param>
/// <param name="Text">What was discussed.</param>
/// <param name="Agreements">Agreements made, if any.</param>
/// <param name="Punishment">Optional punishment depending on severity (e.g. suspension for a set time).</param>
/// <param name="OtherSchoolContact">When the bully attends another school: the contact with that school, made with the teamleider.</param>
/// <param name="DigitalTipsGiven">Bijlage 5 tips given to the victim; required when the bullying is digital.</param>
public sealed record MediationConversation(
    IReadOnlyList<CaseParticipant> Participants,
    IReadOnlyCollection<string> TopicsCovered,
    string Text,
    IReadOnlyList<string>? Agreements = null,
    string? Punishment = null,
    OtherSchoolContact? OtherSchoolContact = null,
    bool DigitalTipsGiven = false);

/// <summary>Contact with the bully's other school, made in consultation with the teamleider.</summary>
/// <param name="Teamleider">The teamleider consulted (role must be <see cref="StaffRole.Teamleider"/>).</param>
/// <param name="Note">What was agreed with the other school.</param>
public sealed record OtherSchoolContact(StaffRef Teamleider, string Note);

/// <summary>A punishment ("passende straf") and who decided it.</summary>
/// <param name="Description">The punishment, e.g. "schorsing voor twee dagen".</param>
/// <param name="DecidedBy">Who gave it; in D.2 this is the deelschoolleider.</param>
public sealed record Punishment(string Description, StaffRef DecidedBy);

/// <summary>What was recorded of the E.1 conversation with the victim and the parents.</summary>
/// <param name="Participants">Who took part; must include the victim and the victim's parents.</param>
/// <param name="Text">Which steps victim/parents already took, whom the victim suspects, what was agreed.</param>
/// <param name="SuspectAtThisSchool">The suspected bully attends this school and was spoken to individually, without the victim.</param>
/// <param name="SuspectAdmitted">The suspect admitted: the case continues as route D.</param>
/// <param name="DigitalTipsGiven">Bijlage 5 tips discussed with victim and parents; required when the bullying is digital.</param>
public sealed record VictimAndParentsConversation(
    IReadOnlyList<CaseParticipant> Participants,
    string Text,
    bool SuspectAtThisSchool = false,
    bool SuspectAdmitted = false,
    bool DigitalTipsGiven = false);

/// <summary>The B.1/D.2-style confronting conversation (Bijlage 7) with the bully and the bully's parents (D.2).</summary>
/// <param name="Participants">Who took part; must include the bully and the bully's parents.</param>
/// <param name="Text">How the situation was explained and how it will be solved together with the parents.</param>
/// <param name="Agreements">Agreements made.</param>
/// <param name="Punishment">Optional punishment, given by the deelschoolleider.</param>
/// <param name="OtherSchoolContact">When the bully attends another school: the contact with that school, with the teamleider.</param>
public sealed record ConfrontingConversation(
    IReadOnlyList<CaseParticipant> Participants,
    string Text,
    IReadOnlyList<string>? Agreements = null,
    Punishment? Punishment = null,
    OtherSchoolContact? OtherSchoolContact = null);

/// <summary>The restorative conference (herstelgesprek, Bijlage 8) and its signed agreement.</summary>
/// <param name="Participants">Who took part.</param>
/// <param name="Agreement">The text of the agreement.</param>
/// <param name="SigningOrder">Who signed, in the order they signed: dader(s), then slachtoffer(s), then ondersteuners.</param>
public sealed record HerstelgesprekAgreement(
    IReadOnlyList<CaseParticipant> Participants,
    string Agreement,
    IReadOnlyList<CaseParticipant> SigningOrder);
