using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>
/// Who may act on a case, and the case itself, loaded once per turn (scoped). The first load checks that the actor is
/// staff and a member; later loads in the same turn (the next step's card after a step was stored) get the same
/// instance: the case the turn changed is handed on, not read again.
/// </summary>
public sealed class CaseAccess(ICaseStore store, IDirectory directory, CaseRoles roles)
{
    private readonly Dictionary<Guid, LoadedCase> _loaded = [];
    private readonly Dictionary<string, DirectoryPerson?> _people = new(StringComparer.Ordinal);

    /// <summary>The staff member with this directory id, or null (unknown, or a student).</summary>
    public async Task<DirectoryPerson?> StaffMemberAsync(string? aadObjectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(aadObjectId))
        {
            return null;
        }

        if (!_people.TryGetValue(aadObjectId, out var person))
        {
            person = await directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
            _people[aadObjectId] = person;
        }

        return person?.IsStaff == true ? person : null;
    }

    /// <summary>The case for the acting staff member, or null when they may not open it (no difference between gone and not theirs).</summary>
    public async Task<LoadedCase?> LoadAsync(string? actorId, Guid caseId, CancellationToken cancellationToken)
    {
        var person = await StaffMemberAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        if (_loaded.TryGetValue(caseId, out var known) && string.Equals(known.Person.Id, person.Id, StringComparison.Ordinal))
        {
            return known;
        }

        var found = await store.FindForMemberAsync(caseId, person.Id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var role = await roles.RoleForAsync(person, found.Case.StudentRef, found.Case.LocationId, cancellationToken).ConfigureAwait(false) ?? StaffRole.OtherStaff;
        var loaded = new LoadedCase(found.Case, found.Code, new StaffRef(person.Id, role), person);
        _loaded[caseId] = loaded;
        return loaded;
    }

    /// <summary>
    /// The id of the case with this code ("2026-0007") at one of the actor's locations that they are a member of; null
    /// when there is none (not theirs looks the same as not there). The case is then loaded for this turn.
    /// </summary>
    public async Task<Guid?> FindByCodeAsync(string? actorId, string code, CancellationToken cancellationToken)
    {
        var person = await StaffMemberAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        var locations = person.Roles.Select(r => r.LocationId).Append(person.LocationId ?? string.Empty)
            .Where(l => !string.IsNullOrEmpty(l)).Distinct().ToList();
        foreach (var id in await store.FindIdsByCodeAsync(code, locations, cancellationToken).ConfigureAwait(false))
        {
            if (await LoadAsync(actorId, id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Hands a case this turn just stored (opened) on to the rest of the turn, so its first card needs no read.</summary>
    public async Task RememberAsync(Case storedCase, string code, StaffRef actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storedCase);
        ArgumentNullException.ThrowIfNull(actor);
        if (await StaffMemberAsync(actor.StaffId, cancellationToken).ConfigureAwait(false) is { } person)
        {
            _loaded[storedCase.Id] = new LoadedCase(storedCase, code, actor, person);
        }
    }

    /// <summary>The case changed in a way this turn did not store (a refused or losing step): the next load reads it again.</summary>
    public void Forget(Guid caseId) => _loaded.Remove(caseId);
}
