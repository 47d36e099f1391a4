using Microsoft.Extensions.Options;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// The results card of one survey as its reader gets it: the result (final once closed, an interim one on request from
/// <see cref="ThermometerThresholds.MinimumRespondents"/> answers on), or why there is none yet. The chart is served by
/// the bot behind a short-lived signed link (<see cref="ThermometerChartLinks"/>).
/// </summary>
public sealed class ThermometerResultsView(ThermometerSurveys surveys, ThermometerChartLinks charts, IOptions<ThermometerOptions> options, TimeProvider time)
{
    /// <summary>The card, or null when the survey does not exist.</summary>
    public async Task<AdaptiveCard?> CardAsync(Guid surveyId, string viewerId, CancellationToken cancellationToken)
    {
        var thresholds = options.Value.Thresholds;
        var found = await surveys.ResultsAsync(surveyId, thresholds, cancellationToken).ConfigureAwait(false);
        if (found is not { } pair)
        {
            return null;
        }

        var (survey, release) = pair;
        var undelivered = await surveys.UndeliveredInvitationsAsync(survey.Id, cancellationToken).ConfigureAwait(false);
        if (release.Results is not { } results)
        {
            var reason = release.WithheldReason ?? "Er zijn nog te weinig antwoorden.";
            return survey.State == ThermometerSurveyState.Closed
                ? ThermometerCards.Withheld(survey.ClassName, survey.InvitedCount, $"De thermometer is gesloten met te weinig antwoorden om te tonen. {reason}", undelivered)
                : ThermometerCards.Withheld(survey.ClassName, survey.InvitedCount, reason, undelivered);
        }

        var trend = await surveys.TrendAsync(survey.ClassId, survey.Id, thresholds, cancellationToken).ConfigureAwait(false);
        var chartUrl = charts.Create(survey.Id, viewerId, time.GetUtcNow());
        return ThermometerCards.Results(survey.ClassName, results, survey.State == ThermometerSurveyState.Closed, survey.ClosesOn, chartUrl, trend, undelivered);
    }
}
