using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>
/// "Ik pak dit op" on an alert: the actor must be staff and a member of the case. Taking records a dossier note
/// ("opgepakt") and plans, in the same transaction, the note's alerts and an <c>alert-update</c> for every other posted
/// copy of the alert. Taking an alert someone already took says who has it. A refresh only loads the case.
/// </summary>
public sealed class TakeCase(ICaseStore store, ICaseNotifier notifier, AlertRefreshPlanner alertRefresh, IDirectory directory, TimeProvider time)
{
    private const string Gone = "Deze melding bestaat niet meer.";

    /// <summary>Takes (or, with <paramref name="take"/> false, only looks at) the alert about <paramref name="entryId"/>.</summary>
    /// <param name="fromChannel">Clicked in a coordinators' channel: the actor's own copy must be updated too.</param>
    public async Task<TakeResult> ExecuteAsync(string? actorId, Guid caseId, Guid entryId, bool take, bool fromChannel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actorId)
            || await directory.FindPersonAsync(actorId, cancellationToken).ConfigureAwait(false) is not { IsStaff: true })
        {
            return new TakeResult(TakeOutcome.NoAccess);
        }

        for (var attempt = 0; ; attempt++)
        {
            var found = await store.FindForMemberAsync(caseId, actorId, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return new TakeResult(TakeOutcome.NoAccess);
            }

            var actorRole = found.Members.First(m => string.Equals(m.StaffId, actorId, StringComparison.Ordinal)).Role;
            var @case = found.Case;
            var entry = @case.Dossier.FirstOrDefault(e => e.Id == entryId);
            if (entry is null)
            {
                return new TakeResult(TakeOutcome.NotTaken, actorRole, Gone);
            }

            if (!take)
            {
                return new TakeResult(TakeOutcome.Refreshed, actorRole, Case: @case, Code: found.Code);
            }

            if (CaseAlertViews.FindTake(@case, entry) is { } taken)
            {
                var person = await directory.FindPersonAsync(taken.Actor.StaffId, cancellationToken).ConfigureAwait(false);
                var text = CaseAlertCard.TakenText(new AlertTaker(person?.DisplayName ?? "een collega", taken.Actor.Role, taken.RecordedAt));
                return new TakeResult(TakeOutcome.NotTaken, actorRole, "Deze melding is al " + char.ToLowerInvariant(text[0]) + text[1..] + ".");
            }

            try
            {
                var now = time.GetUtcNow();
                var note = @case.AddNote(new StaffRef(actorId, actorRole), now, CaseAlertViews.TakeNoteText);
                var planned = await notifier.PlanAsync(@case, note, cancellationToken).ConfigureAwait(false);
                // Every posted copy shows who took it; the card clicked in a personal chat is replaced by the invoke answer.
                // The copies are read after the case row is updated, in the same transaction (AlertRefreshPlanner).
                await store.SaveAsync(@case, [], planned, ct => alertRefresh.PlanAsync(caseId, note.Id, now, ct, copy =>
                    !fromChannel && copy.EntryId == entryId && string.Equals(copy.RecipientId, actorId, StringComparison.OrdinalIgnoreCase)), cancellationToken).ConfigureAwait(false);
                return new TakeResult(TakeOutcome.Taken, actorRole, Case: @case, Code: found.Code);
            }
            catch (CaseConcurrencyException) when (attempt == 0)
            {
                // Someone changed the case at the same moment (perhaps took it): look again.
            }
            catch (ProtocolViolationException ex)
            {
                return new TakeResult(TakeOutcome.NotTaken, actorRole, ex.Message);
            }
        }
    }
}
