using System.Text.Json;
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
/// <para>
/// <b>A card in flight.</b> The dispatcher renders an alert, posts it, and only then records the copy
/// (<see cref="Notifications.Delivery.DeliveryRecorder.SentAsync"/>). A change committed between the render and that
/// record finds no copy here, so the dispatcher closes the gap from its side: it reads the case's version before it renders
/// (<see cref="Notifications.Delivery.DeliveryRecorder.CaseVersionAsync"/>), and when it records the copy it reads the
/// version again, in the same transaction; if the case moved in between, it plans one <c>alert-update</c> for exactly that
/// copy (<see cref="LateUpdate"/>, keyed by the delivery, so nothing is planned twice). One of the two sides always sees
/// the other:
/// </para>
/// <list type="bullet">
/// <item><b>PostgreSQL</b> (READ COMMITTED, any number of instances). The use case reads the copies after its
/// <c>UPDATE cases … WHERE version = …</c> (as the last statement of the same batch: a batch's statements run in order,
/// each with its own snapshot, so the read starts only once the UPDATE holds the lock; <see cref="SqlWrites.ReadAfterAsync"/>) (<see cref="ICaseStore.SaveAsync(PestProtocol.Domain.Cases.Case, IEnumerable{CaseMember}, IEnumerable{OutboxMessage}, Func{CancellationToken, Task{IReadOnlyList{OutboxMessage}}}?, CancellationToken)"/>),
/// and the recorder reads the version with <c>SELECT … FOR UPDATE</c>: both take the case row's lock, held to commit.
/// If the step's UPDATE has the lock first, the recorder waits for the step's commit and then reads the new version
/// (READ COMMITTED re-reads the row after the wait): the recorder plans the update, and the step, whose copies read ran
/// while the recorder's transaction was still open, did not. If the recorder has the lock first, the step's UPDATE waits
/// for the recorder's commit, and its copies read (a new statement, a new snapshot) sees the recorded copy: the step plans
/// the update, and the recorder read the old version and did not. Exactly one update either way.</item>
/// <item><b>SQLite</b>. Both run in write transactions (<c>BEGIN IMMEDIATE</c>: the recorder's own, the step's the turn's),
/// and the step reads the copies inside it, after its UPDATE: one of the two commits before the other starts, and the
/// later one sees the earlier one's commit.</item>
/// </list>
/// <para>A change between the version read and the render makes one update too many (it renders the same state): harmless.</para>
/// </summary>
public sealed class AlertRefreshPlanner(PestProtocolDbContext db)
{
    /// <summary>Every posted copy of the case's alert cards, oldest first.</summary>
    public async Task<IReadOnlyList<PostedAlertCopy>> ListCopiesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var rows = new List<CopyRow>();
        var session = await SqlSession.OpenAsync(db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var command = session.Command(CopiesSql);
            await using (command.ConfigureAwait(false))
            {
                session.Sql.AddGuid(command, "@case_id", caseId);
                CaseStoreSql.AddText(command, "@sent", DeliveryOutcomes.Sent);
                CaseStoreSql.AddText(command, "@kind", CaseAlertPayload.Kind);
                // After the case save's writes kept on this context (PostgreSQL: as the last statement of their batch, so
                // it runs after the case row's UPDATE took the row lock; see the class remarks), else alone.
                var sql = session.Sql;
                await SqlWrites.ReadAfterAsync(session, command, async (reader, ct) =>
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        rows.Add(new CopyRow(
                            reader.GetGuid(0),
                            sql.Time(reader, 1),
                            reader.IsDBNull(2) ? null : reader.GetString(2),
                            reader.GetString(3)));
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
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

    /// <summary>
    /// The <c>alert-update</c> for a case alert card that was recorded as posted after the case had moved on from the
    /// version it was rendered from (see the class remarks): it names the copy (<paramref name="copyId"/>, the delivery
    /// that posted it), and its dedup key is that delivery's, so it is planned at most once.
    /// </summary>
    public static OutboxMessage LateUpdate(CaseAlertPayload alert, Guid copyId, string recipientId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return OutboxMessage.Create(
            AlertUpdatePayload.Kind,
            $"{AlertUpdatePayload.Kind}:late:{copyId:N}",
            new AlertUpdatePayload(alert.CaseId, alert.EntryId, alert.RecipientRole, copyId),
            recipientId,
            now);
    }

    /// <summary>The columns <see cref="ListCopiesAsync"/> needs of one posted copy.</summary>
    private sealed record CopyRow(Guid Id, DateTimeOffset AttemptedAt, string? RecipientId, string Payload);

    /// <summary>
    /// The copies read runs on every step of every case: a plain command on the turn's connection (no EF Core query on
    /// the melding turn's path), reading the rows as the EF Core model stores them (<see cref="CaseStoreSql"/>).
    /// </summary>
    private const string CopiesSql =
        "SELECT n.id, n.attempted_at, o.recipient_id, o.payload FROM notification_deliveries n " +
        "INNER JOIN outbox_messages o ON n.outbox_message_id = o.id " +
        "WHERE n.subject_id = @case_id AND n.outcome = @sent AND n.activity_id IS NOT NULL AND n.conversation_id IS NOT NULL AND o.kind = @kind";

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
