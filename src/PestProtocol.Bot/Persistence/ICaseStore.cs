using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// Loads and saves cases. Each add or save is one transaction holding the case row, its new dossier entries,
/// new members and the outbox messages the change causes; in a bot turn that is the turn's one transaction
/// (<see cref="Storage.TurnUnitOfWork"/>), committed with the conversation state at the end of the turn. Scoped: load and save a case through the same instance
/// (the version seen at load is what the save checks).
/// </summary>
public interface ICaseStore
{
    /// <summary>The case with its full dossier, or null when there is none with this id.</summary>
    Task<Case?> FindAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>
    /// The case with its full dossier, its code and its members, when <paramref name="staffId"/> is one of its members;
    /// null otherwise (no difference between "not there" and "not yours"). Three reads; a later save needs none.
    /// </summary>
    Task<CaseForMember?> FindForMemberAsync(Guid caseId, string staffId, CancellationToken cancellationToken);

    /// <summary>Who has a posted copy of an alert about this case (staff ids, and <c>channel:{location}</c> for a channel).</summary>
    Task<IReadOnlyList<string>> ListAlertCopyRecipientsAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>The code ("2026-0007") of a case this store loaded or stored; null for any other instance.</summary>
    string? CodeOf(Case loadedCase);

    /// <summary>Stores a new case (from <see cref="Case.Open"/>) with all its dossier entries, its members and its notifications.</summary>
    /// <exception cref="InvalidOperationException">A case with this id is already stored.</exception>
    Task AddAsync(Case newCase, IEnumerable<CaseMember> members, IEnumerable<OutboxMessage> notifications, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a changed case: updates the case row if nobody else saved it since it was loaded (else
    /// <see cref="CaseConcurrencyException"/> and nothing is stored), inserts only the dossier entries not stored yet,
    /// the members not stored yet, and the notifications (those whose dedup key is already stored are skipped).
    /// </summary>
    /// <exception cref="CaseConcurrencyException">Someone else saved the case since it was loaded.</exception>
    /// <exception cref="InvalidOperationException">The case was not loaded or added through this store.</exception>
    Task SaveAsync(Case changedCase, IEnumerable<CaseMember> newMembers, IEnumerable<OutboxMessage> notifications, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SaveAsync(Case, IEnumerable{CaseMember}, IEnumerable{OutboxMessage}, CancellationToken)"/>, and
    /// <paramref name="planAfterUpdate"/> plans more notifications in the same transaction, after the case row is updated
    /// (so it reads what was committed before the row lock was taken, e.g. the posted alert copies).
    /// </summary>
    Task SaveAsync(Case changedCase, IEnumerable<CaseMember> newMembers, IEnumerable<OutboxMessage> notifications, Func<CancellationToken, Task<IReadOnlyList<OutboxMessage>>>? planAfterUpdate, CancellationToken cancellationToken);

    /// <summary>True when the staff member has any role in the case.</summary>
    Task<bool> IsMemberAsync(Guid caseId, string staffId, CancellationToken cancellationToken);

    /// <summary>The members of a case.</summary>
    Task<IReadOnlyList<CaseMember>> ListMembersAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>Open cases in which the staff member has a role, most recently active first.</summary>
    Task<IReadOnlyList<CaseSummary>> ListOpenCasesForMemberAsync(string staffId, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of cases with this human code (e.g. "2026-0007"), within the given locations (a code is unique
    /// per location). Empty when the code is malformed or unknown.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindIdsByCodeAsync(string caseCode, IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken);

    /// <summary>The overview line of one case (open or closed), or null.</summary>
    Task<CaseSummary?> GetSummaryAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>Open cases of a location (for its coordinator), most recently active first.</summary>
    Task<IReadOnlyList<CaseSummary>> ListOpenCasesForLocationAsync(string locationId, CancellationToken cancellationToken);
}

/// <summary>A case loaded for one of its members: the case, its code and who is involved.</summary>
public sealed record CaseForMember(Case Case, string Code, IReadOnlyList<CaseMember> Members);
