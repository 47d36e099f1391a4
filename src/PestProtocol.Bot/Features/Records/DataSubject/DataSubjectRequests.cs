using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.Records.Retention;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>What an erasure removed and changed (counts only; this is what the coordinator is told).</summary>
public sealed record ErasureReport(int CasesErased, int EntriesAnonymised, int MessagesErased);

/// <summary>
/// A data subject's rights (AVG art. 15 and 17) for one student: produce everything held about the student
/// (<see cref="ExportAsync"/>) and erase it on a justified request (<see cref="EraseAsync"/>). Only an
/// anti-pestcoördinator of the student's location may do either (<see cref="MayHandle"/>); both are written in the
/// access log (who, when, what; an erasure with its reason), which the app can only add to. Scoped: use it in its own
/// DI scope (its own database context, outside the turn's transaction: an erasure ends with VACUUM).
/// </summary>
public sealed partial class DataSubjectRequests(PestProtocolDbContext db, IDirectory directory, IDossierAccessLog accessLog, TimeProvider clock)
{
    /// <summary>The longest reason an erasure accepts.</summary>
    public const int ReasonMaxLength = 500;

    /// <summary>What stands in a dossier entry where an erased student was named (reference and name).</summary>
    public const string ErasedReference = "leerling-gewist";

    /// <summary>What replaces an erased student's name in the free text of other students' dossiers.</summary>
    public const string ErasedName = "[naam gewist]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="staff"/> is an anti-pestcoördinator of the student's location.</summary>
    public static bool MayHandle(DirectoryPerson staff, DirectoryPerson student)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(student);
        return staff.IsStaff && student.Kind == PersonKind.Student && !string.IsNullOrEmpty(student.LocationId)
            && staff.HasRole(StaffRole.AntiPestCoordinator, student.LocationId);
    }

    /// <summary>True when <paramref name="staff"/> is an anti-pestcoördinator anywhere (only they get further than the first refusal).</summary>
    public static bool IsCoordinator(DirectoryPerson? staff) => staff is { IsStaff: true } && staff.HasRole(StaffRole.AntiPestCoordinator);

    /// <summary>
    /// The students a typed name (or a directory id) stands for, limited to the coordinator's locations: one, none, or
    /// several to choose from. An exact full name wins over partial matches.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryPerson>> FindStudentsAsync(DirectoryPerson coordinator, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var query = Regex.Replace(text ?? string.Empty, @"\s+", " ").Trim();
        if (query.Length is < 2 or > 100)
        {
            return [];
        }

        bool Allowed(DirectoryPerson p) => MayHandle(coordinator, p);
        var byId = await directory.FindPersonAsync(query, cancellationToken).ConfigureAwait(false);
        if (byId is not null)
        {
            return Allowed(byId) ? [byId] : [];
        }

        if (CaseCodePattern().Match(query) is { Success: true } code)
        {
            return await ByCaseCodeAsync(coordinator, int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(code.Groups[2].Value, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        var found = (await directory.SearchStudentsAsync(query, 10, cancellationToken).ConfigureAwait(false)).Where(Allowed).ToList();
        var exact = found.Where(p => string.Equals(p.DisplayName, query, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count > 0 || found.Count > 0)
        {
            return exact.Count > 0 ? exact : found;
        }

        // A directory id the directory no longer knows (the erasure's second look-up of a former student), or a student
        // who was never in the directory and was typed into a case by name (e.g. a bully).
        if (await FormerStudentAsync(coordinator, query, cancellationToken).ConfigureAwait(false) is { } former)
        {
            return [former];
        }

        return await TypedStudentAsync(coordinator, query, cancellationToken).ConfigureAwait(false) is { } typed ? [typed] : [];
    }

    /// <summary>
    /// A student typed into a case by hand (not in the directory), in a case of the coordinator's locations, by that
    /// typed name or by the reference the case gave them. Few entries hold one, so they are read and matched here.
    /// </summary>
    private async Task<DirectoryPerson?> TypedStudentAsync(DirectoryPerson coordinator, string query, CancellationToken cancellationToken)
    {
        var locations = CoordinatorLocations(coordinator);
        var rows = await db.DossierEntries.AsNoTracking()
            .Where(e => e.Participants.Contains(CaseParticipants.TypedStudentPrefix))
            .Join(db.Cases.AsNoTracking().Where(c => locations.Contains(c.LocationId)), e => e.CaseId, c => c.Id, (e, c) => new { e.Participants, c.LocationId, c.OpenedAt })
            .OrderBy(r => r.OpenedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var match = Participants(row.Participants).FirstOrDefault(p => p.Name is not null
                && p.Reference.StartsWith(CaseParticipants.TypedStudentPrefix, StringComparison.Ordinal)
                && (SameName(p.Name, query) || string.Equals(p.Reference, query, StringComparison.OrdinalIgnoreCase)));
            if (match is not null)
            {
                return new DirectoryPerson(match.Reference, match.Name!, PersonKind.Student, row.LocationId, null, []);
            }
        }

        return null;
    }

    /// <summary>
    /// The victim of the case with this code, in the coordinator's locations: the student from the directory, or, when
    /// the directory no longer knows the student (left the school), a former student known only by the case's reference.
    /// A parent of a student who has left can still ask what the school holds; the coordinator types a case code.
    /// </summary>
    private async Task<IReadOnlyList<DirectoryPerson>> ByCaseCodeAsync(DirectoryPerson coordinator, int year, int number, CancellationToken cancellationToken)
    {
        var locations = CoordinatorLocations(coordinator);
        var studentRef = await db.Cases.AsNoTracking()
            .Where(c => c.CaseYear == year && c.CaseNumber == number && locations.Contains(c.LocationId))
            .Select(c => c.StudentRef).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(studentRef))
        {
            return [];
        }

        if (await directory.FindPersonAsync(studentRef, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return MayHandle(coordinator, known) ? [known] : [];
        }

        return await FormerStudentAsync(coordinator, studentRef, cancellationToken).ConfigureAwait(false) is { } former ? [former] : [];
    }

    /// <summary>A student reference the directory does not know but a case of the coordinator's location holds as its victim.</summary>
    private async Task<DirectoryPerson?> FormerStudentAsync(DirectoryPerson coordinator, string studentRef, CancellationToken cancellationToken)
    {
        var locations = CoordinatorLocations(coordinator);
        var first = await db.Cases.AsNoTracking()
            .Where(c => c.StudentRef == studentRef && locations.Contains(c.LocationId))
            .OrderBy(c => c.OpenedAt)
            .Select(c => new { c.CaseYear, c.CaseNumber, c.LocationId, c.ClassName })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        var code = string.Create(CultureInfo.InvariantCulture, $"{first.CaseYear}-{first.CaseNumber:0000}");
        return new DirectoryPerson(studentRef, FormerStudentName(code), PersonKind.Student, first.LocationId, first.ClassName, []);
    }

    /// <summary>The locations where <paramref name="coordinator"/> is an anti-pestcoördinator: the only cases a look-up may reach.</summary>
    private static List<string> CoordinatorLocations(DirectoryPerson coordinator) =>
        [.. coordinator.Roles.Where(r => r.Role == StaffRole.AntiPestCoordinator).Select(r => r.LocationId)];

    /// <summary>How a student the directory no longer knows is called: by the first case about them (no name is stored in a case).</summary>
    public static string FormerStudentName(string caseCode) => $"{FormerStudentPrefix}{caseCode} (niet meer in de schoolgegevens)";

    private const string FormerStudentPrefix = "de leerling van melding ";

    /// <summary>True for a student found through a case code whom the directory no longer knows (<see cref="FormerStudentName"/>).</summary>
    public static bool IsFormerStudent(DirectoryPerson student) =>
        student is not null && student.DisplayName.StartsWith(FormerStudentPrefix, StringComparison.Ordinal) && student.Email is null && student.Roles.Count == 0;

    /// <summary>The case code a former student is called by (what the coordinator types to confirm an erasure).</summary>
    public static string? FormerStudentCode(DirectoryPerson student)
    {
        if (!IsFormerStudent(student))
        {
            return null;
        }

        var code = CaseCodePattern().Match(student.DisplayName[FormerStudentPrefix.Length..].Split(' ')[0]);
        return code.Success ? code.Value : null;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseCodePattern();

    /// <summary>True when <paramref name="typed"/> confirms the student: the full name, ignoring case and extra spaces.</summary>
    public static bool Confirms(DirectoryPerson student, string? typed)
    {
        ArgumentNullException.ThrowIfNull(student);
        var clean = Regex.Replace(typed ?? string.Empty, @"\s+", " ").Trim();
        if (FormerStudentCode(student) is { } code)
        {
            // No name is known for a former student: the coordinator types the case code instead.
            return string.Equals(clean, code, StringComparison.Ordinal);
        }

        return clean.Length > 0 && string.Equals(clean, student.DisplayName.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Everything held about the student, for the coordinator; written in the access log. Null when the coordinator may not.</summary>
    public async Task<SubjectExport?> ExportAsync(DirectoryPerson coordinator, DirectoryPerson student, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(student);
        if (!MayHandle(coordinator, student))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await accessLog.RecordSubjectRequestAsync(student.Id, student.LocationId!, coordinator.Id, DossierAccessKind.SubjectExported, now, null, cancellationToken).ConfigureAwait(false);
        return await CollectAsync(coordinator, student, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What an erasure would touch, without changing anything (for the confirmation card).</summary>
    public async Task<ErasureReport> PreviewErasureAsync(DirectoryPerson student, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(student);
        var victimCases = await VictimCaseIdsAsync(student.Id, cancellationToken).ConfigureAwait(false);
        var entries = await EntriesNamingAsync(student, victimCases, cancellationToken).ConfigureAwait(false);
        var messages = await MessagesAboutAsync(student, cancellationToken).ConfigureAwait(false);
        return new ErasureReport(victimCases.Count, entries.Count, messages.Count);
    }

    /// <summary>
    /// Erases what is held about the student, for real: the cases in which the student is the victim go entirely (dossier,
    /// members, alerts, deliveries, messages, follow-ups); in other cases the student's reference and name are replaced
    /// (<see cref="ErasedReference"/>, <see cref="ErasedName"/>), so the other student's dossier still says what happened;
    /// messages naming the student and the Teams address are removed. Then nothing is left in the files (<see cref="NoTrace"/>).
    /// The access log keeps who erased, when and why (it holds the student's directory id, no name). Null when the
    /// coordinator may not or the reason is missing.
    /// </summary>
    public async Task<ErasureReport?> EraseAsync(DirectoryPerson coordinator, DirectoryPerson student, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(student);
        var why = reason?.Trim();
        if (!MayHandle(coordinator, student) || string.IsNullOrEmpty(why) || why.Length > ReasonMaxLength)
        {
            return null;
        }

        await NoTrace.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        try
        {
            ErasureReport report;
            var strategy = db.Database.CreateExecutionStrategy();
            report = await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var victimCases = await VictimCaseIdsAsync(student.Id, ct).ConfigureAwait(false);
                foreach (var id in victimCases)
                {
                    await CaseErasure.DeleteCaseAsync(db, id, ct).ConfigureAwait(false);
                }

                var entries = await EntriesNamingAsync(student, [], ct).ConfigureAwait(false);
                // In a case where he takes part (e.g. as the bully), free text may call him "Lars" or "de Jong": those
                // forms go too, in every entry of that case, where no one else in the case has that name.
                var asParticipantIn = entries.Where(e => Participants(e.Participants).Concat(Participants(e.Signatures)).Any(p => IsThisStudent(p, student)))
                    .Select(e => e.CaseId).Distinct().ToList();
                var found = entries.Select(e => e.Id).ToHashSet();
                var more = await db.DossierEntries.Where(e => asParticipantIn.Contains(e.CaseId)).ToListAsync(ct).ConfigureAwait(false);
                var all = entries.Concat(more.Where(e => !found.Contains(e.Id))).ToList();
                var forms = new Dictionary<Guid, IReadOnlyList<string>>();
                foreach (var caseId in all.Select(e => e.CaseId).Distinct())
                {
                    forms[caseId] = IsFormerStudent(student) ? []
                        : asParticipantIn.Contains(caseId)
                        ? NameForms.Of(student.DisplayName, await OtherNamesAsync(caseId, all.Where(e => e.CaseId == caseId), student, ct).ConfigureAwait(false))
                        : [student.DisplayName.Trim()];
                }

                var changed = 0;
                foreach (var entry in all)
                {
                    changed += Anonymise(entry, student, forms[entry.CaseId]) || found.Contains(entry.Id) ? 1 : 0;
                }

                var described = await CasesDescribingAsync(student, ct).ConfigureAwait(false);
                foreach (var c in described)
                {
                    c.Description = WithoutName(c.Description, student)!;
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                var messages = await MessagesAboutAsync(student, ct).ConfigureAwait(false);
                await db.OutboxMessages.Where(m => messages.Contains(m.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await db.ConversationReferences.Where(r => r.UserAadObjectId == student.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return new ErasureReport(victimCases.Count, changed, messages.Count);
            }, cancellationToken).ConfigureAwait(false);

            await accessLog.RecordSubjectRequestAsync(student.Id, student.LocationId!, coordinator.Id, DossierAccessKind.SubjectErased, clock.GetUtcNow(), why, cancellationToken).ConfigureAwait(false);
            await NoTrace.FinishAsync(db, cancellationToken).ConfigureAwait(false);
            return report;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<SubjectExport> CollectAsync(DirectoryPerson coordinator, DirectoryPerson student, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var locations = (await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.Id, l => l.Name, StringComparer.Ordinal);
        string LocationName(string? id) => id is not null && locations.TryGetValue(id, out var name) ? name : id ?? string.Empty;

        var victimIds = await VictimCaseIdsAsync(student.Id, cancellationToken).ConfigureAwait(false);
        var asVictim = new List<ExportedCase>();
        foreach (var id in victimIds)
        {
            var record = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
            var entries = await db.DossierEntries.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
            asVictim.Add(await CaseAsync(record, entries, ["slachtoffer (de leerling om wie de melding gaat)"], true, LocationName(record.LocationId), cancellationToken).ConfigureAwait(false));
        }

        var naming = await EntriesNamingAsync(student, victimIds, cancellationToken).ConfigureAwait(false);
        var asParticipant = new List<ExportedCase>();
        foreach (var group in naming.GroupBy(e => e.CaseId))
        {
            var record = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == group.Key, cancellationToken).ConfigureAwait(false);
            var roles = group.SelectMany(e => Participants(e.Participants).Concat(Participants(e.Signatures)))
                .Where(p => IsThisStudent(p, student))
                .Select(p => DutchNames.Of(p.Role)).Distinct(StringComparer.Ordinal).ToList();
            if (roles.Count == 0)
            {
                roles.Add("genoemd in de tekst");
            }

            asParticipant.Add(await CaseAsync(record, [.. group.OrderBy(e => e.Sequence)], roles, false, LocationName(record.LocationId), cancellationToken).ConfigureAwait(false));
        }

        var messageIds = await MessagesAboutAsync(student, cancellationToken).ConfigureAwait(false);
        var inCases = asVictim.SelectMany(c => c.Messages).ToList();
        var messages = new List<ExportedMessage>();
        foreach (var m in await db.OutboxMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var exported = await MessageAsync(m, cancellationToken).ConfigureAwait(false);
            if (!inCases.Contains(exported))
            {
                messages.Add(exported);
            }
        }

        var requests = new List<ExportedAccess>();
        foreach (var line in await accessLog.SubjectRequestsAsync(student.Id, cancellationToken).ConfigureAwait(false))
        {
            requests.Add(new ExportedAccess(await NameAsync(line.StaffId, cancellationToken).ConfigureAwait(false), AccessWords.Of(new DossierAccess(line.StaffId, line.Kind, line.At)), line.At, line.Reason));
        }

        var address = await db.ConversationReferences.AsNoTracking().AnyAsync(r => r.UserAadObjectId == student.Id, cancellationToken).ConfigureAwait(false);
        return new SubjectExport(
            new ExportedStudent(student.Id, student.DisplayName, student.ClassName, LocationName(student.LocationId)),
            now,
            coordinator.DisplayName,
            asVictim,
            asParticipant,
            requests,
            messages,
            address,
            SubjectExport.AnonymousReportsText);
    }

    private async Task<ExportedCase> CaseAsync(CaseRecord record, IReadOnlyList<DossierEntryRecord> entries, IReadOnlyList<string> roles, bool whole, string location, CancellationToken cancellationToken)
    {
        var exportedEntries = new List<ExportedEntry>();
        foreach (var e in entries)
        {
            exportedEntries.Add(new ExportedEntry(
                e.Sequence,
                e.RecordedAt,
                StepTitles.For(e.Step),
                e.Kind.ToString(),
                $"{await NameAsync(e.ActorStaffId, cancellationToken).ConfigureAwait(false)} ({DutchNames.Of(e.ActorRole)})",
                e.Text,
                await PeopleAsync(Participants(e.Participants), cancellationToken).ConfigureAwait(false),
                JsonSerializer.Deserialize<List<string>>(e.Agreements, Json) ?? [],
                await PeopleAsync(Participants(e.Signatures), cancellationToken).ConfigureAwait(false),
                e.Punishment,
                e.FollowUpDate));
        }

        var code = string.Create(CultureInfo.InvariantCulture, $"{record.CaseYear}-{record.CaseNumber:0000}");
        if (!whole)
        {
            // Another student's case: only the entries naming this student, nothing about the other student's alerts or follow-ups.
            return new ExportedCase(code, location, roles, record.OpenedAt, StepTitles.For(record.CurrentStep), null, null, exportedEntries, [], [], [], [], [], []);
        }

        var id = record.Id;
        var idText = id.ToString();
        var staff = new List<string>();
        foreach (var m in await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == id).OrderBy(m => m.AddedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            staff.Add($"{await NameAsync(m.StaffId, cancellationToken).ConfigureAwait(false)} ({DutchNames.Of(m.Role)})");
        }

        var alerts = new List<ExportedAlert>();
        foreach (var a in await db.AlertCards.AsNoTracking().Where(a => a.SubjectId == id).OrderBy(a => a.PostedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(new ExportedAlert(await NameAsync(a.RecipientId, cancellationToken).ConfigureAwait(false), a.PostedAt, a.UpdatedAt));
        }

        var deliveries = new List<ExportedDelivery>();
        foreach (var d in await db.NotificationDeliveries.AsNoTracking().Where(d => d.SubjectId == id).OrderBy(d => d.AttemptedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(new ExportedDelivery(await NameAsync(d.RecipientId, cancellationToken).ConfigureAwait(false), d.RecipientRole, d.Channel, d.Outcome, d.AttemptedAt));
        }

        var messages = new List<ExportedMessage>();
        foreach (var m in await db.OutboxMessages.AsNoTracking().Where(o => o.Payload.Contains(idText) || o.DedupKey.Contains(idText)).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(await MessageAsync(m, cancellationToken).ConfigureAwait(false));
        }

        var jobs = (await db.Set<FollowUpJobRecord>().AsNoTracking().Where(j => j.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(j => j.CreatedAt)
            .Select(j => new ExportedFollowUpJob(j.Kind, j.Status.ToString(), j.CreatedAt, j.DoneAt))
            .ToList();

        var log = new List<ExportedAccess>();
        foreach (var line in await db.DossierAccessLog.AsNoTracking().Where(r => r.CaseId == id).OrderBy(r => r.At).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            log.Add(new ExportedAccess(await NameAsync(line.StaffId, cancellationToken).ConfigureAwait(false), AccessWords.Of(new DossierAccess(line.StaffId, line.Kind, line.At, line.FromSequence, line.ToSequence)), line.At));
        }

        return new ExportedCase(code, location, roles, record.OpenedAt, StepTitles.For(record.CurrentStep), record.ClassName, record.Description, exportedEntries, staff, alerts, deliveries, messages, jobs, log);
    }

    private async Task<ExportedMessage> MessageAsync(Persistence.Outbox.OutboxMessage m, CancellationToken cancellationToken) =>
        new(m.Kind, m.RecipientId is null ? null : await NameAsync(m.RecipientId, cancellationToken).ConfigureAwait(false), m.CreatedAt, m.Status.ToString(), m.Payload);

    private Task<List<Guid>> VictimCaseIdsAsync(string studentRef, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Where(c => c.StudentRef == studentRef).OrderBy(c => c.OpenedAt).Select(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>Entries of other students' cases that name the student: as a participant or signer (by reference), or by full name in the text.</summary>
    private async Task<List<DossierEntryRecord>> EntriesNamingAsync(DirectoryPerson student, IReadOnlyCollection<Guid> exceptCases, CancellationToken cancellationToken)
    {
        var reference = student.Id;
        var name = student.DisplayName.Trim();
        // A typed student has a reference per case and a name typed by hand (any capitals): read every entry with a typed student.
        var typedPrefix = IsTypedStudent(student) ? CaseParticipants.TypedStudentPrefix : reference;
        var candidates = await db.DossierEntries
            .Where(e => !exceptCases.Contains(e.CaseId))
            .Where(e => e.Participants.Contains(reference) || e.Participants.Contains(typedPrefix) || e.Signatures.Contains(reference) || e.Text.Contains(name) || e.Agreements.Contains(name)
                || (e.Punishment != null && e.Punishment.Contains(name)) || (e.OtherSchoolContact != null && e.OtherSchoolContact.Contains(name))
                || (e.ParentsWhoTakesWhichSteps != null && e.ParentsWhoTakesWhichSteps.Contains(name)))
            .OrderBy(e => e.CaseId).ThenBy(e => e.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // The database's LIKE may be case sensitive or not; decide here, the same on every provider.
        return [.. candidates.Where(e => Names(e, student))];
    }

    private static bool Names(DossierEntryRecord e, DirectoryPerson student) =>
        Participants(e.Participants).Concat(Participants(e.Signatures)).Any(p => IsThisStudent(p, student))
        || new[] { e.Text, e.Agreements, e.Punishment, e.OtherSchoolContact, e.ParentsWhoTakesWhichSteps }.Any(t => t is not null && t.Contains(student.DisplayName.Trim(), StringComparison.OrdinalIgnoreCase));

    private async Task<List<CaseRecord>> CasesDescribingAsync(DirectoryPerson student, CancellationToken cancellationToken)
    {
        var name = student.DisplayName.Trim();
        var found = await db.Cases.Where(c => c.Description.Contains(name)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. found.Where(c => c.Description.Contains(name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Queued messages whose content names the student (by directory id or name), e.g. "de leerling heeft het de mentor verteld".</summary>
    private async Task<List<Guid>> MessagesAboutAsync(DirectoryPerson student, CancellationToken cancellationToken)
    {
        var reference = student.Id;
        var name = student.DisplayName.Trim();
        var escapedName = JsonSerializer.Serialize(name).Trim('"');
        var found = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Payload.Contains(reference) || m.Payload.Contains(escapedName) || m.RecipientId == reference)
            .Select(m => new { m.Id, m.Payload, m.RecipientId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. found.Where(m => m.Payload.Contains(reference, StringComparison.OrdinalIgnoreCase) || m.Payload.Contains(escapedName, StringComparison.OrdinalIgnoreCase) || string.Equals(m.RecipientId, reference, StringComparison.OrdinalIgnoreCase)).Select(m => m.Id)];
    }

    /// <summary>Takes the student out of one entry; true when anything changed.</summary>
    private static bool Anonymise(DossierEntryRecord e, DirectoryPerson student, IReadOnlyList<string> forms)
    {
        var before = (e.Participants, e.Signatures, e.Text, e.Agreements, e.Punishment, e.OtherSchoolContact, e.ParentsWhoTakesWhichSteps);
        e.Participants = Serialize(Participants(e.Participants).Select(p => Erased(p, student)));
        e.Signatures = Serialize(Participants(e.Signatures).Select(p => Erased(p, student)));
        e.Text = NameForms.Replace(e.Text, forms, ErasedName)!;
        e.Agreements = Serialize(FromJsonList(e.Agreements).Select(a => NameForms.Replace(a, forms, ErasedName)!));
        e.Punishment = NameForms.Replace(e.Punishment, forms, ErasedName);
        e.OtherSchoolContact = NameForms.Replace(e.OtherSchoolContact, forms, ErasedName);
        e.ParentsWhoTakesWhichSteps = NameForms.Replace(e.ParentsWhoTakesWhichSteps, forms, ErasedName);
        return before != (e.Participants, e.Signatures, e.Text, e.Agreements, e.Punishment, e.OtherSchoolContact, e.ParentsWhoTakesWhichSteps);
    }

    /// <summary>The names of everyone else in the case (the victim, other students, staff): a short form they share is ambiguous.</summary>
    private async Task<IReadOnlyList<string>> OtherNamesAsync(Guid caseId, IEnumerable<DossierEntryRecord> entries, DirectoryPerson student, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var victim = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.StudentRef).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var references = entries.SelectMany(e => Participants(e.Participants).Concat(Participants(e.Signatures)))
            .Where(p => p.Role is not (ParticipantRole.VictimParents or ParticipantRole.BullyParents or ParticipantRole.Supporter))
            .Where(p => !IsThisStudent(p, student))
            .Select(p => p.Name is null ? p.Reference : null)
            .Concat(entries.Select(e => e.ActorStaffId))
            .Append(victim)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            names.Add(await NameAsync(reference, cancellationToken).ConfigureAwait(false));
        }

        names.AddRange(entries.SelectMany(e => Participants(e.Participants)).Select(p => p.Name).OfType<string>());
        return names;
    }

    private static List<string> FromJsonList(string json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    private static string Serialize(IEnumerable<string> items) => JsonSerializer.Serialize(items.ToList(), Json);

    private static CaseParticipant Erased(CaseParticipant p, DirectoryPerson student) =>
        IsThisStudent(p, student) ? p with { Reference = ErasedReference, Name = null } : p;

    /// <summary>
    /// True when the participant is the student: by reference, and for a student typed by hand (not in the directory,
    /// a new reference in every case) also by the typed name in any case.
    /// </summary>
    private static bool IsThisStudent(CaseParticipant p, DirectoryPerson student) =>
        string.Equals(p.Reference, student.Id, StringComparison.OrdinalIgnoreCase)
        || (IsTypedStudent(student) && p.Name is not null && p.Reference.StartsWith(CaseParticipants.TypedStudentPrefix, StringComparison.Ordinal) && SameName(p.Name, student.DisplayName));

    /// <summary>True for a student known only by a name typed into a case (never in the directory).</summary>
    public static bool IsTypedStudent(DirectoryPerson student) =>
        student is not null && student.Id.StartsWith(CaseParticipants.TypedStudentPrefix, StringComparison.Ordinal) && student.Roles.Count == 0;

    private static bool SameName(string a, string b) =>
        string.Equals(Regex.Replace(a, @"\s+", " ").Trim(), Regex.Replace(b, @"\s+", " ").Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? WithoutName(string? text, DirectoryPerson student) =>
        text is null ? null : Regex.Replace(text, Regex.Escape(student.DisplayName.Trim()), ErasedName, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static List<CaseParticipant> Participants(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<CaseParticipant>>(json, Json) ?? [];

    private static string Serialize(IEnumerable<CaseParticipant> participants) => JsonSerializer.Serialize(participants.ToList(), Json);

    private async Task<IReadOnlyList<string>> PeopleAsync(IEnumerable<CaseParticipant> participants, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var p in participants)
        {
            var who = p.Role is ParticipantRole.VictimParents or ParticipantRole.BullyParents
                ? DutchNames.Of(p.Role)
                : p.Reference == ErasedReference ? $"{DutchNames.Of(p.Role)} (gewist)"
                : $"{await NameAsync(p.Reference, cancellationToken).ConfigureAwait(false)} ({DutchNames.Of(p.Role)})";
            result.Add(who);
        }

        return result;
    }

    private async Task<string> NameAsync(string reference, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(reference, out var known))
        {
            return known;
        }

        var person = string.IsNullOrWhiteSpace(reference) ? null : await directory.FindPersonAsync(reference, cancellationToken).ConfigureAwait(false);
        var name = person?.DisplayName ?? "onbekend (niet in de schoolgids)";
        _names[reference] = name;
        return name;
    }
}
