using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence;

namespace PestProtocol.Bot.Features.Records.Retention;

/// <summary>Deletes one case with everything stored about it (dossier, members, alert cards, deliveries, outbox rows, follow-up jobs).</summary>
public static class CaseErasure
{
    public static async Task DeleteCaseAsync(PestProtocolDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var idText = caseId.ToString();
        await db.DossierEntries.Where(d => d.CaseId == caseId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.CaseMembers.Where(m => m.CaseId == caseId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.AlertCards.Where(a => a.SubjectId == caseId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.NotificationDeliveries.Where(d => d.SubjectId == caseId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.OutboxMessages.Where(o => o.Payload.Contains(idText) || o.DedupKey.Contains(idText)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<Persistence.Records.FollowUpJobRecord>().Where(j => j.CaseId == caseId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Cases.Where(c => c.Id == caseId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
