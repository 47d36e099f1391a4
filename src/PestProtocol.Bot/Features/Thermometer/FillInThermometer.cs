using System.Globalization;
using System.Text.Json;
using PestProtocol.BotFramework.Cards;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// A student filling in the thermometer, one block per card: "Begin" shows block 1, each "Volgende" checks the block
/// and shows the next (or the same one with what is missing, and nothing lost), "Versturen" stores the response without
/// the student. The answers so far travel in the card; the bot keeps nothing until the whole list is sent.
/// </summary>
public sealed class FillInThermometer(ThermometerSurveys surveys, TimeProvider clock)
{
    /// <summary>For a card that names no survey we know.</summary>
    public const string UnknownSurveyText = "Deze vragenlijst kan ik niet vinden. Misschien is hij al gesloten. Vraag je mentor of er een nieuwe komt.";

    /// <summary>The card that answers the student's button, or a short message (as text) when there is no card to give.</summary>
    public async Task<(AdaptiveCard? Card, string? Message)> HandleAsync(string? studentId, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(studentId))
        {
            return (null, "De thermometer kun je alleen in je eigen chat met PestProtocol invullen.");
        }

        if (Text(data, ThermometerCards.SurveyKey) is not { } idText || !Guid.TryParse(idText, out var surveyId)
            || await surveys.FindAsync(surveyId, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return (null, UnknownSurveyText);
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (!survey.AcceptsAnswersOn(today))
        {
            return (ThermometerCards.Closed(), null);
        }

        if (await surveys.HasAnsweredAsync(survey.Id, studentId, cancellationToken).ConfigureAwait(false))
        {
            return (ThermometerCards.AlreadySent(), null);
        }

        var draft = DraftCodec.Read(data, ThermometerCards.DraftKey);
        if (verb == ThermometerCards.BeginVerb)
        {
            return (ThermometerCards.Block(survey.Id, survey.ClassName, draft.NextBlock ?? 1, draft), null);
        }

        if (!int.TryParse(Text(data, ThermometerCards.BlockKey), NumberStyles.None, CultureInfo.InvariantCulture, out var block) || block is < 1 or > 7)
        {
            return (ThermometerCards.Block(survey.Id, survey.ClassName, draft.NextBlock ?? 1, draft), null);
        }

        if (block == 1)
        {
            draft = draft with
            {
                Gender = Enum.TryParse<ThermometerGender>(Text(data, ThermometerCards.GenderInput), out var g) && Enum.IsDefined(g) ? g : ThermometerGender.ZegIkLieverNiet,
                Afdeling = Enum.TryParse<ThermometerAfdeling>(Text(data, ThermometerCards.AfdelingInput), out var a) && Enum.IsDefined(a) ? a : ThermometerAfdeling.ZegIkLieverNiet,
            };
        }

        var submitted = ThermometerQuestionnaire.Items.Where(i => i.Block.Number == block).ToDictionary(
            i => i.Id,
            i => int.TryParse(Text(data, i.Id), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null);
        var step = draft.WithBlock(block, submitted);
        if (!step.IsOk)
        {
            // Keep what was chosen on the card, so nothing typed is lost.
            var kept = draft with
            {
                Scores = new Dictionary<string, int>(draft.Scores.Concat(submitted
                    .Where(s => s.Value is { } v && ThermometerQuestionnaire.IsOnScale(v) && !draft.Scores.ContainsKey(s.Key))
                    .Select(s => KeyValuePair.Create(s.Key, s.Value!.Value)))),
            };
            return (ThermometerCards.Block(survey.Id, survey.ClassName, block, kept, step.Refusal), null);
        }

        draft = step.Value!;
        if (draft.NextBlock is { } next)
        {
            return (ThermometerCards.Block(survey.Id, survey.ClassName, next, draft), null);
        }

        var response = draft.Finish().Value!;
        return await surveys.SubmitAsync(survey.Id, studentId, response, today, cancellationToken).ConfigureAwait(false) switch
        {
            SubmitOutcome.Recorded => (ThermometerCards.Sent(survey.ClassName), null),
            SubmitOutcome.AlreadySent => (ThermometerCards.AlreadySent(), null),
            SubmitOutcome.Closed => (ThermometerCards.Closed(), null),
            _ => (null, UnknownSurveyText),
        };
    }

    private static string? Text(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
