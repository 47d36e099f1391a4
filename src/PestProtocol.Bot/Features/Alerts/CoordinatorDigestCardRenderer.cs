using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>One line of the coordinator's grouped card.</summary>
public sealed record CoordinatorDigestLine(string CaseCode, string StudentName, string ClassName, CoordinatorEventKind Event, StaffRole ActorRole, DateTimeOffset At);

/// <summary>
/// Renders <c>coordinator-digest</c> messages (scoped, in the dispatcher's scope): the coordinator events recorded in the
/// location's cases in the digest's window, read from the dossiers when it is sent, in one card. None left (cases erased):
/// nothing is sent. Goes to the coordinator's personal chat only.
/// </summary>
public sealed class CoordinatorDigestCardRenderer(PestProtocolDbContext db, ICaseStore cases, IDirectory directory) : IAlertCardRenderer
{
    public string Kind => CoordinatorDigestPayload.Kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = PayloadFields.Deserialize<CoordinatorDigestPayload>(message.Payload);
        var windowStart = payload.From;
        var windowEnd = payload.Until;
        var caseIds = await (
                from entry in db.DossierEntries.AsNoTracking()
                join c in db.Cases.AsNoTracking() on entry.CaseId equals c.Id
                where c.LocationId == payload.LocationId && entry.RecordedAt >= windowStart && entry.RecordedAt < windowEnd
                    && (entry.Kind == DossierEntryKind.Closed || entry.Kind == DossierEntryKind.FollowUpOverdue
                        || entry.Step == ProtocolStep.Step1SuspicionConfirmed || entry.Step == ProtocolStep.Step4BullyingContinues)
                select entry.CaseId)
            .Distinct()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var lines = new List<CoordinatorDigestLine>();
        foreach (var caseId in caseIds)
        {
            var @case = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
            if (@case is null)
            {
                continue;
            }

            var events = @case.Dossier
                .Where(e => e.RecordedAt >= windowStart && e.RecordedAt < windowEnd && !string.Equals(e.Actor.StaffId, message.RecipientId, StringComparison.OrdinalIgnoreCase))
                .Select(e => (Entry: e, Event: CoordinatorEvents.Of(@case, e)))
                .Where(x => x.Event is not null)
                .ToList();
            if (events.Count == 0)
            {
                continue;
            }

            var code = (await cases.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false))?.CaseCode ?? string.Empty;
            var student = await directory.FindPersonAsync(@case.StudentRef, cancellationToken).ConfigureAwait(false);
            lines.AddRange(events.Select(x => new CoordinatorDigestLine(code, student?.DisplayName ?? "Onbekende leerling", @case.ClassName, x.Event!.Value, x.Entry.Actor.Role, x.Entry.RecordedAt)));
        }

        return lines.Count == 0 ? null : CoordinatorDigestCard.Build([.. lines.OrderBy(l => l.At)]);
    }
}

/// <summary>The coordinator's grouped card: per event the case, the student, what happened and when; a button per case.</summary>
public static class CoordinatorDigestCard
{
    private const int MaxButtons = 5;
    private static readonly Lazy<TimeZoneInfo> SchoolTime = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    });

    public static AdaptiveCard Build(IReadOnlyList<CoordinatorDigestLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var heading = lines.Count == 1 ? "Er is iets veranderd in een pestmelding" : $"Er is iets veranderd in {lines.Select(l => l.CaseCode).Distinct(StringComparer.Ordinal).Count()} pestmelding(en)";
        var card = CardParts.NewCard(
            CardParts.Heading(heading),
            CardParts.Paragraph("Als anti-pestcoördinator hoor je het als een vermoeden wordt bevestigd of verworpen, een melding naar stap 4 gaat of wordt afgesloten, of nazorg blijft liggen. Je hoeft nu niets te doen, tenzij je wilt meekijken."),
            new FactSet
            {
                Facts = [.. lines.Select(l => new Fact(
                    $"{l.CaseCode} · {l.StudentName} ({l.ClassName})",
                    $"{CoordinatorEvents.Describe(l.Event, l.ActorRole)} ({TimeZoneInfo.ConvertTime(l.At, SchoolTime.Value).ToString("HH:mm", CultureInfo.InvariantCulture)})"))],
            });
        var codes = lines.Select(l => l.CaseCode).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxButtons).ToList();
        if (codes.Count > 0)
        {
            card.Body!.Add(new ActionSet([.. codes.Select(code => (CardAction)CardParts.CommandButton("Open " + code, "dossier " + code))]));
        }

        card.FallbackText = "Er is iets veranderd in een pestmelding. Open PestProtocol in Teams.";
        return card;
    }
}
