using PestProtocol.Bot.Cards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Alerts;

/// <summary>
/// Renders the coordinators' channel copy of an alert (scoped). A case alert shows what <see cref="CaseAlertCard.BuildForChannel"/>
/// shows; an anonymous report only that one came in, where and when, and its status: the report's text can name
/// children, so it stays in the coordinators' personal chats.
/// </summary>
public sealed class ChannelAlertCardRenderer(CaseAlertViews views, PestProtocolDbContext db, IDirectory directory, IOptions<NotificationOptions> options)
{
    /// <summary>The channel card for <paramref name="message"/> as things are now, or null when its subject is gone or the kind has no channel copy.</summary>
    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var appLink = options.Value.TeamsAppLink;
        switch (message.Kind)
        {
            case CaseAlertPayload.Kind:
                var alert = PayloadFields.Deserialize<CaseAlertPayload>(message.Payload);
                return await CaseCardAsync(alert.CaseId, alert.EntryId, appLink, cancellationToken).ConfigureAwait(false);
            case AlertUpdatePayload.Kind:
                var update = PayloadFields.Deserialize<AlertUpdatePayload>(message.Payload);
                return await CaseCardAsync(update.CaseId, update.EntryId, appLink, cancellationToken).ConfigureAwait(false);
            case AnonymousReportKinds.Alert or AnonymousReportKinds.Update:
                return await AnonymousCardAsync(PayloadFields.Read(message.Payload).CaseId, appLink, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task<AdaptiveCard?> CaseCardAsync(Guid caseId, Guid entryId, string appLink, CancellationToken cancellationToken)
    {
        var view = await views.LoadAsync(caseId, entryId, StaffRole.AntiPestCoordinator, [], cancellationToken).ConfigureAwait(false);
        return view is null ? null : CaseAlertCard.BuildForChannel(view, appLink);
    }

    private async Task<AdaptiveCard?> AnonymousCardAsync(Guid? reportId, string appLink, CancellationToken cancellationToken)
    {
        if (reportId is not { } id)
        {
            return null;
        }

        var report = await db.Set<AnonymousReportRecord>().AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.LocationId, r.ReceivedAt, r.Status })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (report is null)
        {
            return null;
        }

        var locations = await directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        var location = locations.FirstOrDefault(l => l.Id == report.LocationId)?.Name ?? report.LocationId;
        return ChannelAnonymousReportCard.Build(location, report.ReceivedAt, report.Status, appLink);
    }
}

/// <summary>The channel copy of an anonymous report: that it came in, where and when, and its status. Nothing the student wrote.</summary>
public static class ChannelAnonymousReportCard
{
    public static AdaptiveCard Build(string locationName, DateTimeOffset receivedAt, AnonymousReportStatus status, string appLink)
    {
        var school = TimeZoneInfo.ConvertTime(receivedAt, SchoolTimeZone.Value.Value);
        var card = CardParts.NewCard(
            CardParts.Heading("Nieuwe anonieme melding van een leerling"),
            new FactSet
            {
                Facts =
                [
                    new Fact("Locatie", locationName),
                    new Fact("Ontvangen", school.ToString("d MMMM yyyy, 'rond' HH:00", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))),
                    new Fact("Status", status switch
                    {
                        AnonymousReportStatus.New => "Nog niet opgepakt",
                        AnonymousReportStatus.TakenUp => "Opgepakt door een anti-pestcoördinator",
                        _ => "Afgesloten",
                    }),
                ],
            },
            CardParts.Paragraph("De anti-pestcoördinatoren van deze locatie hebben de melding in hun chat met PestProtocol. Wat de leerling schreef, staat niet in dit kanaal."),
            new ActionSet([new ActionOpenUrl(appLink) { Title = "Open PestProtocol" }]));
        card.FallbackText = "Nieuwe anonieme melding in PestProtocol. Open de app in Teams.";
        return card;
    }
}

/// <summary>Europe/Amsterdam, or UTC where the time zone database lacks it.</summary>
internal static class SchoolTimeZone
{
    public static readonly Lazy<TimeZoneInfo> Value = new(() =>
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
}
