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
                var reader = await SqlSession.ReaderAsync(command, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(new CopyRow(
                            reader.GetGuid(0),
                            session.Sql.Time(reader, 1),
                            reader.IsDBNull(2) ? null : reader.GetString(2),
                            reader.GetString(3)));
                    }
                }
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
