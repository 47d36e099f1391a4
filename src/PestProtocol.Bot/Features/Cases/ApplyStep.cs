using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>
/// One protocol step on a case: authorise the actor (staff, member), load the case once, run one domain method, plan
/// the alerts of every new dossier entry, and stage it all in the turn's one transaction (committed with the
/// conversation state at the end of the turn). Says what happened; the transport tells the user.
/// </summary>
public sealed class ApplyStep(CaseAccess access, ICaseStore store, ICaseNotifier notifier, AlertRefreshPlanner alertRefresh, TimeProvider time, CaseOwnership ownership)
{
    /// <summary>Runs <paramref name="step"/> (one domain method) on the case for <paramref name="actorId"/>.</summary>
    public async Task<StepResult> ExecuteAsync(string? actorId, Guid caseId, Func<LoadedCase, DateTimeOffset, Task> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var loaded = await access.LoadAsync(actorId, caseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return new StepResult(StepApplied.NotAvailable);
        }

        // Only one person holds the next step: the owner, or a coordinator of the location (handover branch).
        if (await ownership.NotYoursTextAsync(loaded, cancellationToken).ConfigureAwait(false) is { } notYours)
        {
            return new StepResult(StepApplied.NotYours, loaded, [], notYours);
        }

        var @case = loaded.Case;
        var before = @case.Dossier.Count;
        try
        {
            await step(loaded, time.GetUtcNow()).ConfigureAwait(false);
        }
        catch (ProtocolViolationException violation)
        {
            access.Forget(caseId);
            return new StepResult(StepApplied.Refused, loaded, [], violation.Message);
        }

        var added = @case.Dossier.Skip(before).ToList();
        var notifications = await PlanAsync(notifier, @case, added, cancellationToken).ConfigureAwait(false);

        // Every alert card already posted about the case shows the new state (Features/Alerts); the posted copies are
        // read after the case row is updated, in the same transaction (AlertRefreshPlanner says why).
        Func<CancellationToken, Task<IReadOnlyList<OutboxMessage>>>? refresh = added.Count > 0
            ? ct => alertRefresh.PlanAsync(@case.Id, added[^1].Id, time.GetUtcNow(), ct)
            : null;
        try
        {
            await store.SaveAsync(@case, [new CaseMember(loaded.Actor.StaffId, loaded.Actor.Role)], notifications, refresh, cancellationToken).ConfigureAwait(false);
        }
        catch (CaseConcurrencyException)
        {
            access.Forget(caseId);
            var current = await store.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
            return new StepResult(StepApplied.Conflict, loaded, [], CurrentStepTitle: current?.CurrentStepTitle());
        }

        return new StepResult(StepApplied.Saved, loaded, added);
    }

    /// <summary>The alerts of new dossier entries (the domain says who must be informed; the notifier plans the messages).</summary>
    internal static async Task<IReadOnlyList<OutboxMessage>> PlanAsync(ICaseNotifier notifier, Case @case, IEnumerable<DossierEntry> entries, CancellationToken cancellationToken)
    {
        var all = new List<OutboxMessage>();
        foreach (var entry in entries)
        {
            all.AddRange(await notifier.PlanAsync(@case, entry, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }
}
