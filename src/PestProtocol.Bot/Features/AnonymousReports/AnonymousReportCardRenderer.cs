using System.Text.Json;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// Renders <see cref="AnonymousReportKinds.Alert"/> (a new report) and <see cref="AnonymousReportKinds.Update"/> (the
/// same card as it is now, to replace the posted copy) for the dispatcher: the report as it is at sending time.
/// </summary>
public sealed class AnonymousReportCardRenderer(string kind, IServiceScopeFactory scopes) : IAlertCardRenderer
{
    /// <summary>The line at the top of a card posted because the student wrote in the thread.</summary>
    public const string StudentAnsweredNotice = "De leerling heeft iets geschreven in deze anonieme melding.";

    public string Kind { get; } = kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<AnonymousReportAlertPayload>(message.Payload, JsonSerializerOptions.Web);
        if (payload is null)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await ReportActionHandler.BuildCardAsync(
            services.GetRequiredService<AnonymousReportService>(),
            services.GetRequiredService<IDirectory>(),
            services.GetRequiredService<ICaseStore>(),
            payload.ReportId,
            notice: payload.StudentAnswered ? StudentAnsweredNotice : null,
            cancellationToken).ConfigureAwait(false);
    }
}
