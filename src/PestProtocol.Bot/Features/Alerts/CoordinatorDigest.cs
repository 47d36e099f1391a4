using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>
/// Outbox payload of kind <see cref="Kind"/>: one card to one coordinator with what happened in the location's cases
/// between <see cref="From"/> and <see cref="Until"/> (ids and times only; the card is read from the dossiers when it is sent).
/// </summary>
public sealed record CoordinatorDigestPayload(
    [property: JsonPropertyName("locationId")] string LocationId,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("until")] DateTimeOffset Until)
{
    public const string Kind = "coordinator-digest";
}

/// <summary>What the coordinator is told about, in the protocol's words.</summary>
public enum CoordinatorEventKind
{
    /// <summary>Step 1: the suspicion is confirmed.</summary>
    Confirmed,

    /// <summary>Step 1: the suspicion is not confirmed; the case is closed.</summary>
    NotConfirmed,

    /// <summary>Step 4: the bullying goes on.</summary>
    Escalated,

    /// <summary>The case is closed.</summary>
    Closed,

    /// <summary>A follow-up was not answered in time.</summary>
    FollowUpOverdue,
}

/// <summary>
/// The moments the protocol involves the anti-pest coordinator in a case they were not alerted about with a card of
/// their own: confirmed, not confirmed, step 4, closed, an overdue follow-up. One rule for planning and for showing.
/// </summary>
public static class CoordinatorEvents
{
    /// <summary>The event <paramref name="entry"/> is for the coordinator, or null (no event, or the entry already alerts coordinators itself).</summary>
    public static CoordinatorEventKind? Of(Case @case, DossierEntry entry)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind == DossierEntryKind.FollowUpOverdue)
        {
            return CoordinatorEventKind.FollowUpOverdue; // the follow-up scheduler tells the coordinator only through this card
        }

        if (entry.InformedRoles.Contains(StaffRole.AntiPestCoordinator))
        {
            return null; // the case alert card tells them already: once per event
        }

        return entry.Kind switch
        {
            DossierEntryKind.Closed => ClosedFromStep1(@case, entry) ? CoordinatorEventKind.NotConfirmed : CoordinatorEventKind.Closed,
            DossierEntryKind.FollowUpOverdue => CoordinatorEventKind.FollowUpOverdue,
            DossierEntryKind.StepTaken when entry.Step == ProtocolStep.Step1SuspicionConfirmed => CoordinatorEventKind.Confirmed,
            DossierEntryKind.StepTaken when entry.Step == ProtocolStep.Step4BullyingContinues => CoordinatorEventKind.Escalated,
            _ => null,
        };
    }

    /// <summary>The line on the card, for a coordinator.</summary>
    public static string Describe(CoordinatorEventKind kind, StaffRole actorRole)
    {
        var by = DutchRole(actorRole);
        return kind switch
        {
            CoordinatorEventKind.Confirmed => $"Het vermoeden is bevestigd door {by}.",
            CoordinatorEventKind.NotConfirmed => $"Het vermoeden klopt niet volgens {by}; de melding is afgesloten.",
            CoordinatorEventKind.Escalated => $"Het pesten gaat door: {by} zette de melding door naar stap 4.",
            CoordinatorEventKind.Closed => $"De melding is afgesloten door {by}.",
            _ => $"Het vervolgmoment is niet beantwoord door {by}. Vraag na hoe het met de leerling gaat.",
        };
    }

    private static string DutchRole(StaffRole role) => "de " + Cards.DutchNames.Of(role);

    /// <summary>Closed straight from step 1 (the last step before it, ignoring notes, is the suspicion itself).</summary>
    private static bool ClosedFromStep1(Case @case, DossierEntry closed)
    {
        var before = @case.Dossier
            .Where(e => e.Sequence < closed.Sequence && e.Kind is DossierEntryKind.StepTaken or DossierEntryKind.Reopened or DossierEntryKind.RouteSwitched)
            .OrderBy(e => e.Sequence)
            .LastOrDefault();
        return before is null || before.Step == ProtocolStep.Step1Suspicion;
    }
}

/// <summary>
/// Plans the coordinator's grouped card: an event falls in a fixed window of <see cref="NotificationOptions.CoordinatorDigestWindow"/>
/// (by the time it was recorded); each coordinator of the location gets one <c>coordinator-digest</c> per window, due when the
/// window ends, whose dedup key names the coordinator and the window. A second event in the same window plans the same key
/// (stored once), so it lands on the same card; every event is in exactly one window, so it is told exactly once. The
/// dispatcher's lease sends each digest once, also with several instances.
/// </summary>
public sealed class CoordinatorDigestPlanner(IDirectory directory, IOptions<NotificationOptions> options)
{
    /// <summary>The digest messages for <paramref name="entry"/>; empty when it is no coordinator event.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(Case @case, DossierEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(entry);
        if (CoordinatorEvents.Of(@case, entry) is null)
        {
            return [];
        }

        var (from, until) = WindowOf(entry.RecordedAt, options.Value.CoordinatorDigestWindow);
        var coordinators = await directory.GetRoleHoldersAsync(@case.LocationId, StaffRole.AntiPestCoordinator, cancellationToken).ConfigureAwait(false);
        return [.. coordinators
            .Where(c => !string.Equals(c.Id, entry.Actor.StaffId, StringComparison.OrdinalIgnoreCase))
            .Select(c =>
            {
                var message = OutboxMessage.Create(
                    CoordinatorDigestPayload.Kind,
                    $"{CoordinatorDigestPayload.Kind}:{c.Id}:{@case.LocationId}:{from.UtcTicks}",
                    new CoordinatorDigestPayload(@case.LocationId, from, until),
                    c.Id,
                    now);
                message.NextAttemptAt = until;
                return message;
            })];
    }

    /// <summary>The fixed window (aligned on whole multiples of <paramref name="window"/> since 0001-01-01 UTC) that holds <paramref name="at"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) WindowOf(DateTimeOffset at, TimeSpan window)
    {
        var ticks = Math.Max(TimeSpan.TicksPerSecond, window.Ticks);
        var start = at.UtcTicks - (at.UtcTicks % ticks);
        return (new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start + ticks, TimeSpan.Zero));
    }
}
