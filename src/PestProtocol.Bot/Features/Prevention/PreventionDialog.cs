using System.Globalization;
using System.Text.Json;
using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Prevention;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Features.Prevention;

/// <summary>
/// /preventie: the yearly prevention round. A coordinator sees the location's checklist (what is done, and per class
/// whether its mentor went through the behaviour rules) and ticks what they did; a mentor sees their classes and records
/// "gedragsregels besproken met {klas}" with a date. Who may record what comes from the directory, never from the card.
/// </summary>
public sealed class PreventionDialog : ComponentDialog
{
    public const string DialogId = "preventie";

    public const string NotForYouText =
        "De preventieronde van het pestprotocol is voor de anti-pestcoördinator en de mentoren. Typ 'help' om te zien wat je wel kunt doen.";

    private const string WaterfallId = "preventie.steps";

    private readonly CaseSteps _steps;
    private readonly PreventionRound _round;
    private readonly IServiceScopeFactory _scopes;

    public PreventionDialog(CaseSteps steps, PreventionRound round, IServiceScopeFactory scopes)
        : base(DialogId)
    {
        _steps = steps;
        _round = round;
        _scopes = scopes;
        AddDialog(new WaterfallDialog(WaterfallId, [ShowOrRecordAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> ShowOrRecordAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var person = await _steps.StaffMemberAsync(context, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            await context.SendActivityAsync(NotForYouText, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        await using var scope = _scopes.CreateAsyncScope();
        var views = scope.ServiceProvider.GetRequiredService<PreventionViews>();
        var year = _round.CurrentSchoolYear;
        var coordinatorAt = person.Roles.Where(r => r.Role == StaffRole.AntiPestCoordinator).Select(r => r.LocationId).Distinct().ToList();
        var mentorClasses = await views.MentorClassesAsync(person.Id, cancellationToken).ConfigureAwait(false);
        var data = PromptCard.TryGetSubmittedData(context.Activity, out var submitted) && submitted.ValueKind == JsonValueKind.Object ? submitted : (JsonElement?)null;
        var which = data is { } d ? Read(d, PreventionCards.CardKey) : null;

        if (which == PreventionCards.CoordinatorCard && data is { } coordinatorData)
        {
            var location = Read(coordinatorData, PreventionCards.LocationKey);
            if (location is null || !coordinatorAt.Contains(location))
            {
                await context.SendActivityAsync(NotForYouText, cancellationToken).ConfigureAwait(false);
                return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            }

            var ticked = PreventionChecklist.CoordinatorItems.Where(i => IsOn(coordinatorData, PreventionCards.ItemPrefix + i.Id)).ToList();
            var error = DayError(Read(coordinatorData, PreventionCards.DateKey), year, views.Today, out var day);
            if (ticked.Count == 0)
            {
                error = "Vink aan wat je gedaan hebt.";
            }

            if (error is null)
            {
                foreach (var item in ticked)
                {
                    await views.RecordAsync(year, location, item.Id, day, person.Id, cancellationToken).ConfigureAwait(false);
                }

                await context.SendActivityAsync($"Vastgelegd in de preventieronde: {string.Join("; ", ticked.Select(i => i.Text))}.", cancellationToken).ConfigureAwait(false);
            }

            await SendAsync(context, await views.ChecklistAsync(year, location, false, error, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (which == PreventionCards.MentorCard && data is { } mentorData)
        {
            var ticked = mentorClasses.Where(c => IsOn(mentorData, PreventionCards.ClassPrefix + c.Name)).ToList();
            string? error = ticked.Count == 0 ? "Vink aan met welke klas je de gedragsregels besproken hebt." : null;
            var days = new List<((string LocationId, string Name) Class, DateOnly Day)>();
            foreach (var c in ticked)
            {
                var problem = DayError(Read(mentorData, $"{PreventionCards.DateKey}:{c.Name}"), year, views.Today, out var day);
                error ??= problem is null ? null : $"{c.Name}: {problem}";
                days.Add((c, day));
            }

            if (error is null)
            {
                foreach (var (c, day) in days)
                {
                    await views.RecordAsync(year, c.LocationId, PreventionRound.ClassItemPrefix + c.Name, day, person.Id, cancellationToken).ConfigureAwait(false);
                }

                await context.SendActivityAsync($"Vastgelegd: gedragsregels besproken met {string.Join(", ", ticked.Select(c => c.Name))}.", cancellationToken).ConfigureAwait(false);
            }

            await SendAsync(context, await views.ClassesAsync(year, person.Id, error, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (coordinatorAt.Count == 0 && mentorClasses.Count == 0)
        {
            await context.SendActivityAsync(NotForYouText, cancellationToken).ConfigureAwait(false);
        }

        foreach (var location in coordinatorAt)
        {
            await SendAsync(context, await views.ChecklistAsync(year, location, false, null, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        if (mentorClasses.Count > 0)
        {
            await SendAsync(context, await views.ClassesAsync(year, person.Id, null, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Null when the day is usable (empty: today); else what is wrong, in Dutch.</summary>
    private static string? DayError(string? text, int schoolYear, DateOnly today, out DateOnly day)
    {
        day = today;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            day = today;
            return "Kies een datum.";
        }

        if (day > today)
        {
            return "De datum ligt in de toekomst. Vul in wanneer het gebeurd is.";
        }

        return day < new DateOnly(schoolYear, 8, 1) ? $"De datum ligt voor het begin van schooljaar {PreventionChecklist.SchoolYearName(schoolYear)}." : null;
    }

    private static Task SendAsync(ITurnContext context, BotFramework.Cards.AdaptiveCard? card, CancellationToken cancellationToken) =>
        card is null ? Task.CompletedTask : context.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken);

    private static bool IsOn(JsonElement data, string key) => string.Equals(Read(data, key), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Read(JsonElement data, string key) =>
        data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
