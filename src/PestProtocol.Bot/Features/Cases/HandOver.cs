using System.Text.Json.Serialization;
using PestProtocol.Bot.Features.Alerts;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>Outbox payload of kind <see cref="Kind"/>: a case was handed over; the card tells the new or the old owner (ids only).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="EntryId">The dossier entry "Overgedragen aan …".</param>
/// <param name="ToNewOwner">True: the card for the new owner ("Melding … is aan jou overgedragen"); false: for the old owner.</param>
public sealed record CaseHandedOverPayload(
    [property: JsonPropertyName("caseId")] Guid CaseId,
    [property: JsonPropertyName("entryId")] Guid EntryId,
    [property: JsonPropertyName("toNewOwner")] bool ToNewOwner)
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "case-handed-over";
}

/// <summary>How a handover ended.</summary>
public enum HandOverOutcome
{
    /// <summary>Stored: the colleague holds the case; both were told (outbox).</summary>
    HandedOver,

    /// <summary>Not allowed (not the owner, another location, the case is closed …); <see cref="HandOverResult.Message"/> says why. Nothing changed.</summary>
    Refused,

    /// <summary>Someone else changed the case at the same moment; nothing was stored.</summary>
    Conflict,

    /// <summary>The case cannot be opened for this user (gone, not a member, not staff).</summary>
    NotAvailable,
}

/// <summary>The outcome of <see cref="HandOverCase"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Code">The case code, when the case could be opened.</param>
/// <param name="NewOwnerName">The colleague who holds the case now (when handed over).</param>
/// <param name="Message">Why not (Dutch).</param>
public sealed record HandOverResult(HandOverOutcome Outcome, string? Code = null, string? NewOwnerName = null, string? Message = null);

/// <summary>
/// Who holds the next step of a case, as people: the owner, or a coordinator of the case's location. Everyone else who
/// opens the case is told who holds it instead of getting the step's card.
/// </summary>
public sealed class CaseOwnership(IDirectory directory)
{
    /// <summary>True when the acting staff member may carry out the next step (or hand the case over).</summary>
    public static bool HoldsNextStep(LoadedCase loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return loaded.Case.IsOwner(loaded.Person.Id) || IsCoordinatorOfLocation(loaded);
    }

    /// <summary>True when the actor is an anti-bullying coordinator of the case's location.</summary>
    public static bool IsCoordinatorOfLocation(LoadedCase loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return loaded.Person.HasRole(StaffRole.AntiPestCoordinator, loaded.Case.LocationId);
    }

    /// <summary>The actor as the domain must see them for a handover: a coordinator of the location acts as coordinator.</summary>
    public static StaffRef ActorFor(LoadedCase loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return IsCoordinatorOfLocation(loaded) && !loaded.Case.IsOwner(loaded.Person.Id)
            ? new StaffRef(loaded.Person.Id, StaffRole.AntiPestCoordinator)
            : loaded.Actor;
    }

    /// <summary>The owner's name as colleagues know it ("een collega" when the directory does not know them any more).</summary>
    public async Task<string> OwnerNameAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var owner = await directory.FindPersonAsync(@case.Owner.StaffId, cancellationToken).ConfigureAwait(false);
        return owner?.DisplayName ?? "Een collega";
    }

    /// <summary>
    /// Null when the actor holds the next step; else what they are told instead of the step's card:
    /// "Anne de Vries (mentor) is aan zet bij melding 2026-0007 …".
    /// </summary>
    public async Task<string?> NotYoursTextAsync(LoadedCase loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (HoldsNextStep(loaded))
        {
            return null;
        }

        var name = await OwnerNameAsync(loaded.Case, cancellationToken).ConfigureAwait(false);
        return IsAanZetText(name, loaded.Case.Owner.Role, loaded.Code, loaded.Case);
    }

    /// <summary>"Anne de Vries (mentor) is aan zet bij melding 2026-0007. Stap nu: … Wil je iets toevoegen? Laat het Anne weten, of kijk in /overzicht."</summary>
    public static string IsAanZetText(string ownerName, StaffRole ownerRole, string code, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return $"{ownerName} ({Cards.DutchNames.Of(ownerRole)}) is aan zet bij melding {code}. "
            + $"De melding staat bij: {@case.CurrentStepTitle()}. Je hoeft nu niets te doen. "
            + $"Weet je iets dat helpt? Laat het {ownerName} weten. Het dossier lees je met 'dossier {code}'.";
    }

    /// <summary>
    /// Colleagues at the case's location who can take it over (anyone holding a role there, the owner left out), by name.
    /// The directory has no list of all staff, so the role holders of every role make the list.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryPerson>> ColleaguesAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var all = new Dictionary<string, DirectoryPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            foreach (var person in await directory.GetRoleHoldersAsync(@case.LocationId, role, cancellationToken).ConfigureAwait(false))
            {
                if (person.IsStaff && !@case.IsOwner(person.Id))
                {
                    all.TryAdd(person.Id, person);
                }
            }
        }

        return [.. all.Values.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The student the case is about, as the directory knows them (null when gone).</summary>
    public Task<DirectoryPerson?> StudentAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return directory.FindPersonAsync(@case.StudentRef, cancellationToken);
    }

    /// <summary>True when the person works at the location (holds a role there, or it is their location).</summary>
    public static bool WorksAt(DirectoryPerson person, string locationId)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.IsStaff && (person.Roles.Any(r => r.LocationId == locationId) || person.LocationId == locationId);
    }
}

/// <summary>
/// Overdragen and toewijzen: the owner hands the case over to a colleague at the same location, or a coordinator of the
/// location assigns it. The domain records "Overgedragen aan &lt;naam&gt; (&lt;rol&gt;): &lt;reden&gt;"; the colleague becomes
/// a member and the owner; the new owner gets a card to continue and the old owner (when someone else assigned it) is
/// told, through the outbox, in the turn's one transaction.
/// </summary>
public sealed class HandOverCase(CaseAccess access, ICaseStore store, IDirectory directory, CaseRoles roles, AlertRefreshPlanner alertRefresh, TimeProvider time)
{
    /// <summary>Hands case <paramref name="caseId"/> over to <paramref name="toStaffId"/> with <paramref name="reason"/>.</summary>
    public async Task<HandOverResult> ExecuteAsync(string? actorId, Guid caseId, string? toStaffId, string? reason, CancellationToken cancellationToken)
    {
        var loaded = await access.LoadAsync(actorId, caseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return new HandOverResult(HandOverOutcome.NotAvailable);
        }

        var @case = loaded.Case;
        var colleague = string.IsNullOrWhiteSpace(toStaffId) ? null : await directory.FindPersonAsync(toStaffId.Trim(), cancellationToken).ConfigureAwait(false);
        if (colleague is null || !CaseOwnership.WorksAt(colleague, @case.LocationId))
        {
            return new HandOverResult(HandOverOutcome.Refused, loaded.Code, Message: "Kies een collega van dezelfde locatie uit de lijst.");
        }

        var role = await roles.RoleForAsync(colleague, @case.StudentRef, @case.LocationId, cancellationToken).ConfigureAwait(false) ?? StaffRole.OtherStaff;
        var to = new StaffRef(colleague.Id, role);
        var oldOwner = @case.Owner;
        DossierEntry entry;
        try
        {
            entry = @case.HandOver(CaseOwnership.ActorFor(loaded), to, colleague.DisplayName, time.GetUtcNow(), reason ?? string.Empty);
        }
        catch (ProtocolViolationException violation)
        {
            access.Forget(caseId);
            return new HandOverResult(HandOverOutcome.Refused, loaded.Code, Message: violation.Message);
        }

        // Every posted alert card of the case now shows the new holder ("Ligt bij"), updated in place in this transaction
        // (the copies are read after the case row is updated: AlertRefreshPlanner says why).
        var messages = Messages(@case, entry, to.StaffId, oldOwner.StaffId, actorId, time.GetUtcNow());
        try
        {
            await store.SaveAsync(@case, [new CaseMember(to.StaffId, to.Role)], messages, ct => alertRefresh.PlanAsync(@case.Id, entry.Id, time.GetUtcNow(), ct), cancellationToken).ConfigureAwait(false);
        }
        catch (CaseConcurrencyException)
        {
            access.Forget(caseId);
            return new HandOverResult(HandOverOutcome.Conflict, loaded.Code);
        }

        return new HandOverResult(HandOverOutcome.HandedOver, loaded.Code, colleague.DisplayName);
    }

    /// <summary>The cards a handover sends: to the new owner always; to the old owner when someone else (a coordinator) did it.</summary>
    internal static IReadOnlyList<OutboxMessage> Messages(Case @case, DossierEntry entry, string newOwnerId, string oldOwnerId, string? actorId, DateTimeOffset now)
    {
        var messages = new List<OutboxMessage>
        {
            OutboxMessage.Create(CaseHandedOverPayload.Kind, $"{CaseHandedOverPayload.Kind}:{entry.Id:N}:{newOwnerId}", new CaseHandedOverPayload(@case.Id, entry.Id, ToNewOwner: true), newOwnerId, now),
        };
        if (!string.Equals(oldOwnerId, actorId, StringComparison.OrdinalIgnoreCase) && !string.Equals(oldOwnerId, newOwnerId, StringComparison.OrdinalIgnoreCase))
        {
            messages.Add(OutboxMessage.Create(CaseHandedOverPayload.Kind, $"{CaseHandedOverPayload.Kind}:{entry.Id:N}:{oldOwnerId}", new CaseHandedOverPayload(@case.Id, entry.Id, ToNewOwner: false), oldOwnerId, now));
        }

        return messages;
    }
}

/// <summary>
/// Stap 1 by a teacher, a conciërge or other staff who is not the mentor: they record the signal and are done. The
/// student's mentor (without a known mentor: the location's anti-bullying coordinator) becomes the owner and gets the case
/// with a card to continue. A mentor or coordinator who signals keeps the case.
/// </summary>
public sealed class IntakeHandOver(IDirectory directory)
{
    /// <summary>The dossier's reason for the handover at intake.</summary>
    public static string Reason(StaffRole signallerRole, StaffRole newOwnerRole) =>
        $"Gesignaleerd door een {Cards.DutchNames.Of(signallerRole)}; volgens het protocol gaat de {Cards.DutchNames.Of(newOwnerRole)} verder met stap 1.";

    /// <summary>True when the protocol hands a case signalled in this role on (everyone but the mentor and the coordinator).</summary>
    public static bool HandsOn(StaffRole signallerRole) => signallerRole is not (StaffRole.Mentor or StaffRole.AntiPestCoordinator);

    /// <summary>
    /// Hands a just-opened case on when its signaller does not carry it: records the handover on <paramref name="opened"/>
    /// and returns the new owner and the card for them; null when the signaller keeps it (mentor, coordinator, or nobody
    /// to hand it to).
    /// </summary>
    public async Task<IntakeHandedOver?> HandOnAsync(Case opened, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var signaller = opened.SignalledBy;
        if (!HandsOn(signaller.Role))
        {
            return null;
        }

        var target = await directory.GetMentorAsync(opened.StudentRef, cancellationToken).ConfigureAwait(false) is { } mentor
                     && !opened.IsOwner(mentor.Id)
            ? (Person: mentor, Role: StaffRole.Mentor)
            : (await directory.GetRoleHoldersAsync(opened.LocationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false))
                .Where(c => !opened.IsOwner(c.Id)).OrderBy(c => c.DisplayName, StringComparer.Ordinal).Select(c => (Person: c, Role: StaffRole.AntiPestCoordinator)).FirstOrDefault();
        if (target.Person is null)
        {
            return null;
        }

        var to = new StaffRef(target.Person.Id, target.Role);
        var entry = opened.HandOver(signaller, to, target.Person.DisplayName, now, Reason(signaller.Role, target.Role));
        var card = OutboxMessage.Create(CaseHandedOverPayload.Kind, $"{CaseHandedOverPayload.Kind}:{entry.Id:N}:{to.StaffId}", new CaseHandedOverPayload(opened.Id, entry.Id, ToNewOwner: true), to.StaffId, now);
        return new IntakeHandedOver(target.Person, to, entry, card);
    }
}

/// <summary>A case handed on at intake: to whom, the dossier entry and the new owner's card.</summary>
public sealed record IntakeHandedOver(DirectoryPerson NewOwner, StaffRef To, DossierEntry Entry, OutboxMessage Card);
