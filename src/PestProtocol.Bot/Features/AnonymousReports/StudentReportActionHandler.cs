using System.Text.Json;
using PestProtocol.Bot.CardActions;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// The student's follow-up: "Bekijken" (code + passphrase → the thread) and "Versturen" (an answer or addition).
/// The answer to a wrong code and to a wrong passphrase is the same.
/// </summary>
public sealed class StudentReportActionHandler(StudentSessions sessions, Cases.TurnScoped<AnonymousReportService> reports) : ICardActionHandler
{
    /// <summary>Shown for a wrong code and a wrong passphrase alike.</summary>
    public const string WrongText = "Code of wachtwoord klopt niet. Kijk ze nog eens goed na en probeer het opnieuw.";

    /// <summary>Shown when a code has had too many wrong passphrases.</summary>
    public const string LockedText = "Er is te vaak een verkeerd wachtwoord ingevuld. Voor de veiligheid kan het even niet: probeer het over een à twee uur opnieuw.";

    public IReadOnlyCollection<string> Verbs { get; } = [StudentCards.UnlockVerb, StudentCards.ReplyVerb];

    public Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var service = reports.In(turnContext);
        return verb == StudentCards.UnlockVerb
            ? UnlockAsync(service, data, cancellationToken)
            : ReplyAsync(service, data, cancellationToken);
    }

    private async Task<AdaptiveCardInvokeResponse> UnlockAsync(AnonymousReportService service, JsonElement data, CancellationToken cancellationToken)
    {
        var (outcome, reportId) = await service.UnlockAsync(Text(data, StudentCards.CodeId), Text(data, StudentCards.PassphraseId), cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case UnlockOutcome.Locked:
                return AdaptiveCardInvokeResponse.Message(LockedText);
            case UnlockOutcome.Wrong:
                return AdaptiveCardInvokeResponse.Message(WrongText);
        }

        var thread = await service.GetThreadAsync(reportId, cancellationToken).ConfigureAwait(false);
        return thread is null
            ? AdaptiveCardInvokeResponse.Message(WrongText)
            : AdaptiveCardInvokeResponse.Card(StudentCards.Thread(thread, sessions.Open(reportId)));
    }

    private async Task<AdaptiveCardInvokeResponse> ReplyAsync(AnonymousReportService service, JsonElement data, CancellationToken cancellationToken)
    {
        var session = Text(data, "sessie");
        if (!sessions.TryGet(session, out var reportId) || await service.GetThreadAsync(reportId, cancellationToken).ConfigureAwait(false) is not { } thread)
        {
            return AdaptiveCardInvokeResponse.Message("Deze kaart is verlopen. Typ 'status' met je code om je melding opnieuw te openen.");
        }

        var text = Text(data, StudentCards.ReplyId)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return AdaptiveCardInvokeResponse.Message("Schrijf eerst je bericht in het vak, en druk dan op Versturen.");
        }

        if (text.Length > ReportLimits.Message)
        {
            return AdaptiveCardInvokeResponse.Message($"Je bericht is te lang. Gebruik maximaal {ReportLimits.Message} tekens.");
        }

        if (thread.Report.Status == AnonymousReportStatus.Closed)
        {
            return AdaptiveCardInvokeResponse.Message("De school heeft deze melding afgerond. Wil je iets nieuws vertellen? Maak dan een nieuwe melding met 'anoniem melden'.");
        }

        await service.AddMessageAsync(thread.Report, ReportMessageAuthor.Student, staffId: null, text, cancellationToken).ConfigureAwait(false);
        var updated = await service.GetThreadAsync(reportId, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvokeResponse.Card(StudentCards.Thread(updated!, session!, "Je bericht is verstuurd naar de school."));
    }

    private static string? Text(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
