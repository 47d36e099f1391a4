using System.Text.Json;
using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// The coordinator's actions on an anonymous report card: take it up, answer anonymously, open a step-1 case, close.
/// The actor must be an anti-pestcoördinator of the report's location according to the directory; nothing in the
/// card's data is trusted but the report id. Answers with the updated card; the other coordinators' copies get an
/// <see cref="AnonymousReportKinds.Update"/> outbox message.
/// </summary>
public sealed class ReportActionHandler(IDirectory directory, TurnScoped<OpenCase> openCase, TurnScoped<AnonymousReportService> reports, TurnScoped<ICaseStore> cases, Microsoft.Extensions.Options.IOptions<AnonymousReportOptions> options) : ICardActionHandler
{
    /// <summary>The class stored on a case opened from an anonymous report (the domain requires one).</summary>
    public const string UnknownClass = "onbekend (anonieme melding)";

    /// <summary>The placeholder student reference of a case opened from an anonymous report: no identity, only the report.</summary>
    public static string StudentRefFor(Guid reportId) => $"anonymous-report:{reportId:N}";

    public IReadOnlyCollection<string> Verbs { get; } =
        [CoordinatorCards.TakeVerb, CoordinatorCards.ReplyVerb, CoordinatorCards.CaseVerb, CoordinatorCards.CloseVerb, CoordinatorCards.RefreshVerb];

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var service = reports.In(turnContext);
        var reportId = Text(data, CoordinatorCards.ReportIdKey) is { } id && Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        var thread = reportId == Guid.Empty ? null : await service.GetThreadAsync(reportId, cancellationToken).ConfigureAwait(false);
        var actorId = turnContext.Activity.From?.AadObjectId;
        var actor = string.IsNullOrEmpty(actorId) ? null : await directory.FindPersonAsync(actorId, cancellationToken).ConfigureAwait(false);
        if (thread is null || actor is null || !actor.IsStaff || !actor.HasRole(StaffRole.AntiPestCoordinator, thread.Report.LocationId))
        {
            return AdaptiveCardInvokeResponse.Message("Alleen de anti-pestcoördinator van deze locatie kan deze melding behandelen.");
        }

        var report = thread.Report;
        string? notice = null;
        switch (verb)
        {
            case CoordinatorCards.TakeVerb when report.Status == AnonymousReportStatus.New:
                report.Status = AnonymousReportStatus.TakenUp;
                report.TakenByStaffId = actor.Id;
                await service.SaveChangedAsync(report, cancellationToken).ConfigureAwait(false);
                notice = "Je hebt deze melding opgepakt.";
                break;

            case CoordinatorCards.ReplyVerb:
                var text = Text(data, CoordinatorCards.ReplyId)?.Trim();
                if (string.IsNullOrEmpty(text) || text.Length > ReportLimits.Message)
                {
                    return AdaptiveCardInvokeResponse.Message($"Schrijf een antwoord van hoogstens {ReportLimits.Message} tekens.");
                }

                if (report.Status == AnonymousReportStatus.Closed)
                {
                    return AdaptiveCardInvokeResponse.Message("Deze melding is gesloten.");
                }

                if (report.Status == AnonymousReportStatus.New)
                {
                    report.Status = AnonymousReportStatus.TakenUp;
                    report.TakenByStaffId = actor.Id;
                }

                await service.AddMessageAsync(report, ReportMessageAuthor.School, actor.Id, text, cancellationToken).ConfigureAwait(false);
                notice = "Je antwoord is verstuurd. De leerling leest het met 'status' en de code." + ReplyNoticeCards.ForCoordinator(options.Value.ReplyNotice);
                break;

            case CoordinatorCards.CaseVerb when report.CaseId is null:
                notice = await OpenCaseAsync(turnContext, service, report, actor, cancellationToken).ConfigureAwait(false);
                break;

            case CoordinatorCards.CloseVerb when report.Status != AnonymousReportStatus.Closed:
                var reason = Text(data, CoordinatorCards.ReasonId)?.Trim();
                if (string.IsNullOrEmpty(reason) || reason.Length > ReportLimits.CloseReason)
                {
                    return AdaptiveCardInvokeResponse.Message($"Geef een reden van hoogstens {ReportLimits.CloseReason} tekens.");
                }

                report.Status = AnonymousReportStatus.Closed;
                report.CloseReason = reason;
                service.MarkAnswered(report);
                await service.SaveChangedAsync(report, cancellationToken).ConfigureAwait(false);
                notice = "De melding is gesloten.";
                break;
        }

        return AdaptiveCardInvokeResponse.Card(await BuildCardAsync(turnContext, service, report.Id, notice, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The coordinator card of a report as it is now (also used by the alert renderer).</summary>
    internal static async Task<BotFramework.Cards.AdaptiveCard?> BuildCardAsync(AnonymousReportService service, IDirectory directory, ICaseStore cases, Guid reportId, string? notice, CancellationToken cancellationToken)
    {
        var thread = await service.GetThreadAsync(reportId, cancellationToken).ConfigureAwait(false);
        if (thread is null)
        {
            return null;
        }

        var takenBy = thread.Report.TakenByStaffId is { } staffId ? await directory.FindPersonAsync(staffId, cancellationToken).ConfigureAwait(false) : null;
        var caseCode = thread.Report.CaseId is { } caseId ? (await cases.GetSummaryAsync(caseId, cancellationToken).ConfigureAwait(false))?.CaseCode : null;
        return CoordinatorCards.Report(thread, takenBy?.DisplayName, caseCode, notice);
    }

    private async Task<BotFramework.Cards.AdaptiveCard> BuildCardAsync(ITurnContext turnContext, AnonymousReportService service, Guid reportId, string? notice, CancellationToken cancellationToken) =>
        (await BuildCardAsync(service, directory, cases.In(turnContext), reportId, notice, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// Opens step 1 from the report through <see cref="OpenCase"/> (the same member rule as a staff member's /melding:
    /// the coordinator, the location's coordinators; there is no student, so no mentor). The domain requires a student
    /// reference and a class: the case gets the placeholder <see cref="StudentRefFor"/> and <see cref="UnknownClass"/>,
    /// trigger <see cref="SuspicionTrigger.AnonymousStudentReport"/>. The case, its first dossier entry, its
    /// notifications and the report's link to it are stored in the turn's one transaction.
    /// </summary>
    private async Task<string> OpenCaseAsync(ITurnContext turnContext, AnonymousReportService service, AnonymousReportRecord report, DirectoryPerson actor, CancellationToken cancellationToken)
    {
        var signalledBy = new StaffRef(actor.Id, StaffRole.AntiPestCoordinator);
        var description = "Anonieme melding van een leerling: " + report.WhatHappened;
        var suspicion = new NewSuspicion(StudentRefFor(report.Id), UnknownClass, report.LocationId, signalledBy, [], report.IsDigital, description, SuspicionTrigger.AnonymousStudentReport);
        if (report.Status == AnonymousReportStatus.New)
        {
            report.Status = AnonymousReportStatus.TakenUp;
            report.TakenByStaffId = actor.Id;
        }

        // The report's link to the case is staged first and stored with the case (one save, one transaction).
        await openCase.In(turnContext).ExecuteAsync(suspicion, async (@case, ct) =>
        {
            report.CaseId = @case.Id;
            await service.StageChangeAsync(report, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return "Er is een melding (stap 1: vermoedens van pesten) geopend. Je vindt hem bij je meldingen.";
    }

    private static string? Text(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
