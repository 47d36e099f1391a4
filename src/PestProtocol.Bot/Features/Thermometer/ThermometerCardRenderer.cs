using System.Text.Json;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// The thermometer's outbox cards, rendered when they are sent: the invitation (nothing once the survey closed), the
/// reminder (nothing for a student who answered: checked with the respondent key, in memory, at this moment only), and
/// the results for the staff.
/// </summary>
public sealed class ThermometerCardRenderer(string kind, ThermometerSurveys surveys, ThermometerResultsView results, TimeProvider time) : IAlertCardRenderer
{
    public string Kind => kind;

    public Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        RenderAsync(message, new AlertRecipient(message?.RecipientId ?? string.Empty, null), cancellationToken);

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, AlertRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipient);
        ThermometerPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<ThermometerPayload>(message.Payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is null || await surveys.FindAsync(payload.SurveyId, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return null;
        }

        if (kind == ThermometerPayload.ResultsKind)
        {
            return await results.CardAsync(survey.Id, recipient.AadObjectId, cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Melding.SchoolTime.Zone).DateTime);
        if (!survey.AcceptsAnswersOn(today))
        {
            return null;
        }

        if (kind == ThermometerPayload.ReminderKind)
        {
            return await surveys.HasAnsweredAsync(survey.Id, recipient.AadObjectId, cancellationToken).ConfigureAwait(false)
                ? null
                : ThermometerCards.Intro(survey.Id, survey.ClassName, survey.ClosesOn, reminder: true);
        }

        return ThermometerCards.Intro(survey.Id, survey.ClassName, survey.ClosesOn);
    }
}
