using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Features.Records;

/// <summary>One line of the access log as its reader sees it (names are looked up when shown, never stored).</summary>
/// <param name="StaffId">Who.</param>
/// <param name="Kind">What.</param>
/// <param name="At">When.</param>
/// <param name="FromSequence">First dossier entry covered (Magister note, PDF).</param>
/// <param name="ToSequence">Last dossier entry covered (Magister note, PDF).</param>
public sealed record DossierAccess(string StaffId, DossierAccessKind Kind, DateTimeOffset At, int? FromSequence = null, int? ToSequence = null);

/// <summary>One data-subject request (inzage or wissen) about a student: who, what, when, where, and why (an erasure).</summary>
public sealed record SubjectRequestLine(string StaffId, DossierAccessKind Kind, DateTimeOffset At, string LocationId, string? Reason);

/// <summary>
/// The access log of dossiers: every view, export and print, who and when. Insert and read only: the app has no
/// way to change or remove a line (the retention purge removes old lines with the rest of a kind of record).
/// </summary>
public interface IDossierAccessLog
{
    /// <summary>Adds one line about a case, stored at once (its own small transaction).</summary>
    Task RecordAsync(Guid caseId, string locationId, string staffId, DossierAccessKind kind, DateTimeOffset at, int? fromSequence, int? toSequence, CancellationToken cancellationToken);

    /// <summary>Adds one line about a data-subject request (everything about one student in a location); an erasure carries its reason.</summary>
    Task RecordSubjectRequestAsync(string subjectRef, string locationId, string staffId, DossierAccessKind kind, DateTimeOffset at, string? reason, CancellationToken cancellationToken);

    /// <summary>The data-subject requests about one student, oldest first.</summary>
    Task<IReadOnlyList<SubjectRequestLine>> SubjectRequestsAsync(string subjectRef, CancellationToken cancellationToken);

    /// <summary>The newest lines about a case, newest first.</summary>
    Task<IReadOnlyList<DossierAccess>> ListForCaseAsync(Guid caseId, int max, CancellationToken cancellationToken);

    /// <summary>Every Magister note made of a case, oldest first (to mark the entries already in Magister).</summary>
    Task<IReadOnlyList<DossierAccess>> MagisterNotesAsync(Guid caseId, CancellationToken cancellationToken);
}

/// <summary>The access log in the bot's database (<c>dossier_access_log</c>).</summary>
public sealed class DossierAccessLog(PestProtocolDbContext db) : IDossierAccessLog
{
    public async Task RecordAsync(Guid caseId, string locationId, string staffId, DossierAccessKind kind, DateTimeOffset at, int? fromSequence, int? toSequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        await InsertAsync(new DossierAccessRecord
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            LocationId = locationId ?? string.Empty,
            StaffId = staffId,
            Kind = kind,
            At = at,
            FromSequence = fromSequence,
            ToSequence = toSequence,
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordSubjectRequestAsync(string subjectRef, string locationId, string staffId, DossierAccessKind kind, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectRef);
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        await InsertAsync(new DossierAccessRecord
        {
            Id = Guid.NewGuid(),
            LocationId = locationId ?? string.Empty,
            StaffId = staffId,
            Kind = kind,
            At = at,
            SubjectRef = subjectRef,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SubjectRequestLine>> SubjectRequestsAsync(string subjectRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectRef);
        var rows = await db.DossierAccessLog.AsNoTracking()
            .Where(r => r.SubjectRef == subjectRef)
            .OrderBy(r => r.At)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new SubjectRequestLine(r.StaffId, r.Kind, r.At, r.LocationId, r.Reason))];
    }

    public async Task<IReadOnlyList<DossierAccess>> ListForCaseAsync(Guid caseId, int max, CancellationToken cancellationToken)
    {
        var rows = await db.DossierAccessLog.AsNoTracking()
            .Where(r => r.CaseId == caseId)
            .OrderByDescending(r => r.At)
            .Take(Math.Max(0, max))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToAccess)];
    }

    public async Task<IReadOnlyList<DossierAccess>> MagisterNotesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await db.DossierAccessLog.AsNoTracking()
            .Where(r => r.CaseId == caseId && r.Kind == DossierAccessKind.MagisterNote)
            .OrderBy(r => r.At)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToAccess)];
    }

    private async Task InsertAsync(DossierAccessRecord record, CancellationToken cancellationToken)
    {
        db.DossierAccessLog.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The turn's context may save other things later: this line is stored and done with.
            db.Entry(record).State = EntityState.Detached;
        }
    }

    private static DossierAccess ToAccess(DossierAccessRecord r) => new(r.StaffId, r.Kind, r.At, r.FromSequence, r.ToSequence);
}
