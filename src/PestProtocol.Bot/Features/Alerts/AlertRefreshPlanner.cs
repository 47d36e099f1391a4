using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>One alert card about a case as it was posted: to a person's chat or to the coordinators' channel.</summary>
/// <param name="CopyId">The delivery (<c>notification_deliveries</c> row) that posted it: it holds the card's address.</param>
/// <param name="RecipientId">The person's Entra object id, or <c>channel:{locationId}</c> for the channel copy.</param>
/// <param name="EntryId">The dossier entry the alert was about.</param>
/// <param name="RecipientRole">The role the recipient was alerted in.</param>
public sealed record PostedAlertCopy(Guid CopyId, string RecipientId, Guid EntryId, StaffRole RecipientRole);

/// <summary>
/// The one planner that keeps alert cards true: when a case moves (any step, taken, closed, reopened, handed over), every
/// alert card already posted about it (every personal chat and the coordinators' channel copy, each card it ever posted,
/// not only the latest per person) gets an <c>alert-update</c> in the outbox, planned by the use case in the same
/// transaction as the change. The update names the exact copy (<see cref="AlertUpdatePayload.CopyId"/>); the dispatcher
/// renders the case as it is when it sends, so several updates in a row end on the current state. Copies that were never
/// posted as a card (feed, mail) have no address and need nothing; alerts still in the outbox render the current state anyway.
/// </summary>
public sealed class AlertRefreshPlanner(PestProtocolDbContext db)
{
    /// <summary>Every posted copy of the case's alert cards, oldest first.</summary>
    public async Task<IReadOnlyList<PostedAlertCopy>> ListCopiesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var rows = new List<CopyRow>();
        await foreach (var row in Queries.For(db).Copies(db, caseId).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var copies = new List<PostedAlertCopy>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.AttemptedAt))
        {
            if (row.RecipientId is not { Length: > 0 } recipient || Read(row.Payload) is not { } payload)
            {
                continue;
            }

            copies.Add(new PostedAlertCopy(row.Id, recipient, payload.EntryId, payload.RecipientRole));
        }

        return copies;
    }

    /// <summary>
    /// The <c>alert-update</c>s for every posted copy of <paramref name="caseId"/>'s alerts after the change recorded as
    /// <paramref name="changeId"/> (the new dossier entry: one update per copy per change, so a retried turn plans nothing twice).
    /// </summary>
    /// <param name="skip">Copies that need no update (e.g. the card the actor clicked, which the invoke answer already replaced).</param>
    public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(Guid caseId, Guid changeId, DateTimeOffset now, CancellationToken cancellationToken, Func<PostedAlertCopy, bool>? skip = null)
    {
        var copies = await ListCopiesAsync(caseId, cancellationToken).ConfigureAwait(false);
        return [.. copies
            .Where(copy => skip is null || !skip(copy))
            .Select(copy => OutboxMessage.Create(
                AlertUpdatePayload.Kind,
                $"{AlertUpdatePayload.Kind}:{changeId:N}:{copy.CopyId:N}",
                new AlertUpdatePayload(caseId, copy.EntryId, copy.RecipientRole, copy.CopyId),
                copy.RecipientId,
                now))];
    }

    /// <summary>The columns <see cref="ListCopiesAsync"/> needs of one posted copy.</summary>
    private sealed record CopyRow(Guid Id, DateTimeOffset AttemptedAt, string? RecipientId, string Payload);

    /// <summary>
    /// The copies read runs on every step of every case: compiled once per EF model (SQLite and PostgreSQL contexts live
    /// side by side in the tests) instead of building and hashing a fresh expression tree per call.
    /// </summary>
    private sealed class Queries
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Queries> PerModel = [];

        public static Queries For(PestProtocolDbContext db) => PerModel.GetValue(db.Model, static _ => new Queries());

        public Func<PestProtocolDbContext, Guid, IAsyncEnumerable<CopyRow>> Copies { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, Guid caseId) =>
                from delivery in db.NotificationDeliveries.AsNoTracking()
                where delivery.SubjectId == caseId && delivery.Outcome == DeliveryOutcomes.Sent
                    && delivery.ActivityId != null && delivery.ConversationId != null
                join message in db.OutboxMessages.AsNoTracking() on delivery.OutboxMessageId equals message.Id
                where message.Kind == CaseAlertPayload.Kind
                select new CopyRow(delivery.Id, delivery.AttemptedAt, message.RecipientId, message.Payload));
    }

    private static CaseAlertPayload? Read(string payload)
    {
        try
        {
            return PayloadFields.Deserialize<CaseAlertPayload>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
