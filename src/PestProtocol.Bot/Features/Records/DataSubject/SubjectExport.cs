using System.Text.Json.Serialization;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>
/// Everything the bot holds about one student (AVG art. 15, inzageverzoek), as produced for a coordinator: the cases in
/// which the student is the victim (whole dossier), the cases in which the student takes part otherwise (as bully,
/// suspected bully, bystander, supporter: the entries that name the student), the alerts, deliveries, messages and
/// follow-ups about those cases, the access-log lines of them, earlier requests about the student, and the Teams
/// address kept to reach the student. Names are looked up in the directory when the export is made.
/// </summary>
public sealed record SubjectExport(
    [property: JsonPropertyName("leerling")] ExportedStudent Student,
    [property: JsonPropertyName("gemaaktOp")] DateTimeOffset MadeAt,
    [property: JsonPropertyName("gemaaktDoor")] string MadeBy,
    [property: JsonPropertyName("meldingenAlsSlachtoffer")] IReadOnlyList<ExportedCase> CasesAsVictim,
    [property: JsonPropertyName("meldingenAlsBetrokkene")] IReadOnlyList<ExportedCase> CasesAsParticipant,
    [property: JsonPropertyName("eerdereVerzoeken")] IReadOnlyList<ExportedAccess> EarlierRequests,
    [property: JsonPropertyName("berichtenOverDeLeerling")] IReadOnlyList<ExportedMessage> MessagesAboutStudent,
    [property: JsonPropertyName("teamsAdresBewaard")] bool TeamsAddressKept,
    [property: JsonPropertyName("anoniemeMeldingen")] string AnonymousReports)
{
    /// <summary>What the export says about anonymous reports (they cannot be tied to a student).</summary>
    public const string AnonymousReportsText =
        "Anonieme meldingen staan niet in dit overzicht: de bot bewaart bij een anonieme melding niets waarmee de melder of een leerling te herkennen is, dus ze zijn niet aan deze leerling te koppelen.";

    /// <summary>Every case in the export.</summary>
    [JsonIgnore]
    public IEnumerable<ExportedCase> AllCases => CasesAsVictim.Concat(CasesAsParticipant);
}

/// <summary>The student as the directory knows them.</summary>
public sealed record ExportedStudent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("naam")] string Name,
    [property: JsonPropertyName("klas")] string? ClassName,
    [property: JsonPropertyName("locatie")] string? Location);

/// <summary>One case in the export. For a case in which the student is not the victim, only the entries naming the student.</summary>
public sealed record ExportedCase(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("locatie")] string Location,
    [property: JsonPropertyName("rolVanDeLeerling")] IReadOnlyList<string> StudentRoles,
    [property: JsonPropertyName("geopendOp")] DateTimeOffset OpenedAt,
    [property: JsonPropertyName("stap")] string Step,
    [property: JsonPropertyName("klas")] string? ClassName,
    [property: JsonPropertyName("omschrijving")] string? Description,
    [property: JsonPropertyName("dossier")] IReadOnlyList<ExportedEntry> Entries,
    [property: JsonPropertyName("betrokkenMedewerkers")] IReadOnlyList<string> StaffMembers,
    [property: JsonPropertyName("meldingskaarten")] IReadOnlyList<ExportedAlert> Alerts,
    [property: JsonPropertyName("bezorgingen")] IReadOnlyList<ExportedDelivery> Deliveries,
    [property: JsonPropertyName("berichten")] IReadOnlyList<ExportedMessage> Messages,
    [property: JsonPropertyName("vervolgtaken")] IReadOnlyList<ExportedFollowUpJob> FollowUpJobs,
    [property: JsonPropertyName("inzageLog")] IReadOnlyList<ExportedAccess> AccessLog);

/// <summary>One dossier entry, with names.</summary>
public sealed record ExportedEntry(
    [property: JsonPropertyName("nummer")] int Sequence,
    [property: JsonPropertyName("datum")] DateTimeOffset RecordedAt,
    [property: JsonPropertyName("stap")] string Step,
    [property: JsonPropertyName("soort")] string Kind,
    [property: JsonPropertyName("door")] string Actor,
    [property: JsonPropertyName("tekst")] string Text,
    [property: JsonPropertyName("betrokkenen")] IReadOnlyList<string> Participants,
    [property: JsonPropertyName("afspraken")] IReadOnlyList<string> Agreements,
    [property: JsonPropertyName("ondertekend")] IReadOnlyList<string> Signatures,
    [property: JsonPropertyName("straf")] string? Punishment,
    [property: JsonPropertyName("vervolgdatum")] DateTimeOffset? FollowUpDate);

/// <summary>An alert card posted about a case to one staff member.</summary>
public sealed record ExportedAlert(
    [property: JsonPropertyName("aan")] string Recipient,
    [property: JsonPropertyName("geplaatst")] DateTimeOffset PostedAt,
    [property: JsonPropertyName("bijgewerkt")] DateTimeOffset UpdatedAt);

/// <summary>One attempt to deliver a message about a case.</summary>
public sealed record ExportedDelivery(
    [property: JsonPropertyName("aan")] string Recipient,
    [property: JsonPropertyName("rol")] string? Role,
    [property: JsonPropertyName("kanaal")] string Channel,
    [property: JsonPropertyName("uitkomst")] string Outcome,
    [property: JsonPropertyName("op")] DateTimeOffset At);

/// <summary>A message the bot queued (outbox), with its stored content.</summary>
public sealed record ExportedMessage(
    [property: JsonPropertyName("soort")] string Kind,
    [property: JsonPropertyName("aan")] string? Recipient,
    [property: JsonPropertyName("gemaakt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("inhoud")] string Payload);

/// <summary>A follow-up reminder or escalation the scheduler carried out or holds.</summary>
public sealed record ExportedFollowUpJob(
    [property: JsonPropertyName("soort")] string Kind,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("gemaakt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("klaar")] DateTimeOffset? DoneAt);

/// <summary>One line of the access log: who did what when (and why, for an erasure).</summary>
public sealed record ExportedAccess(
    [property: JsonPropertyName("wie")] string Who,
    [property: JsonPropertyName("wat")] string What,
    [property: JsonPropertyName("wanneer")] DateTimeOffset At,
    [property: JsonPropertyName("reden")] string? Reason = null);
