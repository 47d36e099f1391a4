using System.Text.Json;
using System.Text.Json.Serialization;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Persistence;

/// <summary>Between domain values (<see cref="CaseSnapshot"/>, <see cref="DossierEntry"/>) and rows. Lists become JSON text, enums their names.</summary>
internal static class CaseMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static CaseRecord ToRecord(CaseSnapshot s, int version, int caseYear, int caseNumber) => new()
    {
        Id = s.Id,
        CaseYear = caseYear,
        CaseNumber = caseNumber,
        StudentRef = s.StudentRef,
        ClassName = s.ClassName,
        LocationId = s.LocationId,
        SignalledByStaffId = s.SignalledBy.StaffId,
        SignalledByRole = s.SignalledBy.Role,
        OwnerStaffId = (s.Owner ?? s.SignalledBy).StaffId,
        OwnerRole = (s.Owner ?? s.SignalledBy).Role,
        Trigger = s.Trigger,
        SignalIds = ToJson(s.SignalIds),
        IsDigital = s.IsDigital,
        Description = s.Description,
        OpenedAt = s.OpenedAt,
        CurrentStep = s.CurrentStep,
        Step3Route = s.Step3Route,
        Step4Route = s.Step4Route,
        SwitchedFromRouteE = s.SwitchedFromRouteE,
        StepBeforeClose = s.StepBeforeClose,
        NextFollowUpDate = s.NextFollowUpDate,
        LastActivityAt = s.Dossier.Count == 0 ? s.OpenedAt : s.Dossier.Max(e => e.RecordedAt),
        Version = version,
    };

    public static CaseSnapshot ToSnapshot(CaseRecord r, IReadOnlyList<DossierEntry> dossier) => new()
    {
        Id = r.Id,
        StudentRef = r.StudentRef,
        ClassName = r.ClassName,
        LocationId = r.LocationId,
        SignalledBy = new StaffRef(r.SignalledByStaffId, r.SignalledByRole),
        Owner = string.IsNullOrEmpty(r.OwnerStaffId) ? null : new StaffRef(r.OwnerStaffId, r.OwnerRole),
        Trigger = r.Trigger,
        SignalIds = FromJson<string>(r.SignalIds),
        IsDigital = r.IsDigital,
        Description = r.Description,
        OpenedAt = r.OpenedAt,
        CurrentStep = r.CurrentStep,
        Step3Route = r.Step3Route,
        Step4Route = r.Step4Route,
        SwitchedFromRouteE = r.SwitchedFromRouteE,
        StepBeforeClose = r.StepBeforeClose,
        NextFollowUpDate = r.NextFollowUpDate,
        Dossier = dossier,
    };

    public static DossierEntryRecord ToRecord(DossierEntry e) => new()
    {
        Id = e.Id,
        CaseId = e.CaseId,
        Sequence = e.Sequence,
        Step = e.Step,
        Kind = e.Kind,
        ActorStaffId = e.Actor.StaffId,
        ActorRole = e.Actor.Role,
        RecordedAt = e.RecordedAt,
        Text = e.Text,
        Participants = ToJson(e.Participants),
        Agreements = ToJson(e.Agreements),
        ParentsInformedByStaffId = e.Parents?.InformedByStaffId,
        ParentsInformedAt = e.Parents?.InformedAt,
        ParentsContactMethod = e.Parents?.Method,
        ParentsWhoTakesWhichSteps = e.Parents?.WhoTakesWhichSteps,
        FollowUpDate = e.FollowUpDate,
        CorrectionOf = e.CorrectionOf,
        Route = e.Route,
        ChecklistItemIds = ToJson(e.ChecklistItemIds),
        InformedRoles = ToJson(e.InformedRoles),
        ChosenWithStudent = e.ChosenWithStudent,
        DigitalTipsGiven = e.DigitalTipsGiven,
        Punishment = e.Punishment,
        PunishmentDecidedByStaffId = e.PunishmentDecidedByStaffId,
        OtherSchoolContact = e.OtherSchoolContact,
        AgreementsKept = e.AgreementsKept,
        BullyingPersists = e.BullyingPersists,
        SuspectAdmitted = e.SuspectAdmitted,
        Signatures = ToJson(e.Signatures),
    };

    public static DossierEntry ToEntry(DossierEntryRecord r) => new()
    {
        Id = r.Id,
        CaseId = r.CaseId,
        Sequence = r.Sequence,
        Step = r.Step,
        Kind = r.Kind,
        Actor = new StaffRef(r.ActorStaffId, r.ActorRole),
        RecordedAt = r.RecordedAt,
        Text = r.Text,
        Participants = FromJson<CaseParticipant>(r.Participants),
        Agreements = FromJson<string>(r.Agreements),
        Parents = r.ParentsInformedByStaffId is null || r.ParentsInformedAt is null || r.ParentsContactMethod is null
            ? null
            : new ParentsInformation(r.ParentsInformedByStaffId, r.ParentsInformedAt.Value, r.ParentsContactMethod.Value, r.ParentsWhoTakesWhichSteps),
        FollowUpDate = r.FollowUpDate,
        CorrectionOf = r.CorrectionOf,
        Route = r.Route,
        ChecklistItemIds = FromJson<string>(r.ChecklistItemIds),
        InformedRoles = FromJson<StaffRole>(r.InformedRoles),
        ChosenWithStudent = r.ChosenWithStudent,
        DigitalTipsGiven = r.DigitalTipsGiven,
        Punishment = r.Punishment,
        PunishmentDecidedByStaffId = r.PunishmentDecidedByStaffId,
        OtherSchoolContact = r.OtherSchoolContact,
        AgreementsKept = r.AgreementsKept,
        BullyingPersists = r.BullyingPersists,
        SuspectAdmitted = r.SuspectAdmitted,
        Signatures = FromJson<CaseParticipant>(r.Signatures),
    };

    private static string ToJson<T>(IReadOnlyList<T> items) => JsonSerializer.Serialize(items, Json);

    private static List<T> FromJson<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, Json) ?? [];
}
