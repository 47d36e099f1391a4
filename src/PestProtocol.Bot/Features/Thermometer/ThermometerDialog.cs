using System.Text.Json;
using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.FollowUps;
using PestProtocol.Domain.Thermometer;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// <c>thermometer</c>: a mentor (their classes) or an anti-pestcoördinator (their location's classes) picks a class and a
/// closing day and sends the thermometer; <c>thermometer resultaten</c> shows the latest result of each of their classes.
/// Anyone else, and staff without a class, reads Bijlage 2 as before. One step, no state between turns: the start
/// card's "Versturen" comes back as the same command with the card's inputs, and who may start where is read from the
/// directory again, never from the card.
/// </summary>
public sealed class ThermometerDialog : ComponentDialog
{
    public const string DialogId = "thermometer";

    private const string WaterfallId = "thermometer.steps";

    private readonly CaseSteps _steps;
    private readonly IServiceScopeFactory _scopes;
    private readonly SchoolCalendar _calendar;
    private readonly TimeProvider _time;

    public ThermometerDialog(CaseSteps steps, IServiceScopeFactory scopes, SchoolCalendar calendar, TimeProvider time)
        : base(DialogId)
    {
        _steps = steps;
        _scopes = scopes;
        _calendar = calendar;
        _time = time;
        AddDialog(new WaterfallDialog(WaterfallId, [StartOrShowAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> StartOrShowAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var person = await _steps.StaffMemberAsync(context, cancellationToken).ConfigureAwait(false);
        await using var scope = _scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var classes = person is null ? [] : await services.GetRequiredService<ThermometerClasses>().ForAsync(person, cancellationToken).ConfigureAwait(false);
        if (person is null && await StudentsSurveyAsync(context, services, cancellationToken).ConfigureAwait(false) is { } forStudent)
        {
            // A student whose class has an open thermometer: the invitation (or "al ingevuld"), also when the pushed one
            // did not reach them. Nothing is stored for asking.
            await SendAsync(context, forStudent, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (person is null || classes.Count == 0)
        {
            // Not staff with a class: the questionnaire itself, as always.
            await SendAsync(context, ProtocolCards.Appendix(AppendixId.Bijlage2), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), SchoolTime.Zone).DateTime);
        var suggested = ThermometerSurvey.SuggestClosingDay(_calendar, today);
        var argument = step.GetOptions<CommandOptions>()?.Argument?.Trim();
        if (PromptCard.TryGetSubmittedData(context.Activity, out var data) && data.ValueKind == JsonValueKind.Object
            && Read(data, ThermometerStartCards.CardKey) == ThermometerStartCards.StartCard)
        {
            var classKey = Read(data, ThermometerStartCards.ClassInput);
            var outcome = await services.GetRequiredService<StartThermometer>()
                .StartAsync(person, classKey, Read(data, ThermometerStartCards.ClosesOnInput), cancellationToken).ConfigureAwait(false);
            await SendAsync(context, outcome switch
            {
                StartOutcome.Started started => ThermometerStartCards.Started(started.Survey),
                StartOutcome.Refused refused => ThermometerStartCards.Start(classes, suggested, today, refused.Reason, classKey),
                _ => throw new InvalidOperationException("Unknown outcome."),
            }, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (argument is { Length: > 0 } && argument.StartsWith("resulta", StringComparison.OrdinalIgnoreCase) || argument is "uitslag" or "tussenstand")
        {
            var surveys = await services.GetRequiredService<ThermometerSurveys>()
                .LatestForClassesAsync([.. classes.Select(c => c.ClassId)], cancellationToken).ConfigureAwait(false);
            if (surveys.Count == 0)
            {
                await SendAsync(context, ThermometerStartCards.NoSurveys(), cancellationToken).ConfigureAwait(false);
            }

            var view = services.GetRequiredService<ThermometerResultsView>();
            foreach (var survey in surveys)
            {
                if (await view.CardAsync(survey.Id, person.Id, cancellationToken).ConfigureAwait(false) is { } card)
                {
                    await SendAsync(context, card, cancellationToken).ConfigureAwait(false);
                }
            }

            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        await SendAsync(context, ThermometerStartCards.Start(classes, suggested, today), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The open thermometer of the student's class as the student's card, or null (not a student, no class, none open).</summary>
    private async Task<AdaptiveCard?> StudentsSurveyAsync(ITurnContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (context.Activity.From?.AadObjectId is not { Length: > 0 } id
            || await services.GetRequiredService<SchoolDirectory.IDirectory>().FindPersonAsync(id, cancellationToken).ConfigureAwait(false) is not
                { Kind: SchoolDirectory.PersonKind.Student, ClassName: { Length: > 0 } className, LocationId: { Length: > 0 } locationId })
        {
            return null;
        }

        var surveys = services.GetRequiredService<ThermometerSurveys>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), SchoolTime.Zone).DateTime);
        if (await surveys.FindOpenForClassAsync(new ThermometerClass(locationId, className).ClassId, cancellationToken).ConfigureAwait(false) is not { } survey
            || !survey.AcceptsAnswersOn(today))
        {
            return null;
        }

        return await surveys.HasAnsweredAsync(survey.Id, id, cancellationToken).ConfigureAwait(false)
            ? ThermometerCards.AlreadySent()
            : ThermometerCards.Intro(survey.Id, survey.ClassName, survey.ClosesOn);
    }

    private static Task SendAsync(ITurnContext context, AdaptiveCard card, CancellationToken cancellationToken) =>
        context.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken);

    private static string? Read(JsonElement data, string key) =>
        data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
