using PestProtocol.Bot.Features.Cases;
using System.Globalization;
using System.Text.Json;
using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Persistence;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.FollowUps;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>
/// /vervolg: the answer to a follow-up. The buttons of the card "Hoe gaat het met …?" send <c>vervolg {code}</c> with the
/// answer and the inputs: it goes well → the case is closed with the note; the bullying goes on → stap 4 is recorded and
/// the /melding dialog goes on with the route choice (D or E); another follow-up → the route's follow-up step with the
/// new day (a school day). Typed without an answer, "vervolg 2026-0007" shows the card again and "vervolg" lists the
/// follow-ups you have planned. Only members of the case can answer (<see cref="CaseSteps.LoadAsync"/>); a missing note
/// or a free day shows the card again with what was filled in and what is missing.
/// </summary>
public sealed class FollowUpAnswerDialog : ComponentDialog
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "vervolg";

    /// <summary>Told when there is nothing to answer for the user.</summary>
    public const string NothingPlannedText = "Je hebt op dit moment geen vervolgafspraken gepland. Een vervolgafspraak plan je in de laatste stap van een route in /melding.";

    private const string WaterfallId = "vervolg.steps";
    private const int MaxNoteLength = 2000;

    private readonly CaseSteps _steps;
    private readonly FollowUpViews _views;
    private readonly SchoolCalendar _calendar;
    private readonly IServiceScopeFactory _scopes;

    public FollowUpAnswerDialog(CaseSteps steps, FollowUpViews views, SchoolCalendar calendar, IServiceScopeFactory scopes)
        : base(DialogId)
    {
        _steps = steps;
        _views = views;
        _calendar = calendar;
        _scopes = scopes;
        AddDialog(new WaterfallDialog(WaterfallId, [AnswerAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> AnswerAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var code = step.GetOptions<CommandOptions>()?.Argument?.Trim();
        var person = await _steps.StaffMemberAsync(context, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            await context.SendActivityAsync(CaseSteps.NotAvailableText, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(code))
        {
            await context.SendActivityAsync(await PlannedListAsync(person.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var caseId = await FindCaseAsync(code, person, cancellationToken).ConfigureAwait(false);
        var loaded = caseId is null ? null : await _steps.LoadAsync(context, caseId.Value, cancellationToken).ConfigureAwait(false);
        if (caseId is null || loaded is null)
        {
            if (caseId is null)
            {
                await context.SendActivityAsync(CaseSteps.NotAvailableText, cancellationToken).ConfigureAwait(false);
            }

            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var view = await _views.ForAsync(loaded.Case, loaded.Code, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            await context.SendActivityAsync(
                $"Bij melding {loaded.Code} staat geen vervolgmoment meer open: het is al beantwoord. Volgende stap: {loaded.Case.NextAction}",
                cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var answer = ReadAnswer(context.Activity);
        var note = answer.Note?.Trim() ?? string.Empty;
        if (note.Length > MaxNoteLength)
        {
            return await AgainAsync(step, view, answer with { Note = note[..MaxNoteLength] }, $"De toelichting is te lang: hooguit {MaxNoteLength} tekens. Ik heb hem ingekort; kijk of het zo klopt.", cancellationToken).ConfigureAwait(false);
        }

        switch (answer.Choice)
        {
            case FollowUpCards.BullyAnswer:
                return await BullyAnswerAsync(step, loaded.Case, loaded.Code, answer, note, cancellationToken).ConfigureAwait(false);
            case FollowUpCards.GoesWell when note.Length == 0:
                return await AgainAsync(step, view, answer, "Schrijf kort hoe het gaat: dat komt bij het afsluiten in het dossier.", cancellationToken).ConfigureAwait(false);
            case FollowUpCards.GoesWell:
                if (await _steps.ApplyAsync(context, view.CaseId, (c, now) => { c.Case.Close(c.Actor, now, "Vervolgmoment: het gaat goed. " + note); return Task.CompletedTask; }, cancellationToken).ConfigureAwait(false) == StepApplied.Saved)
                {
                    await context.SendActivityAsync($"Melding {view.CaseCode} is afgesloten. Komen de signalen terug? Typ dan 'melding {view.CaseCode}' om de melding te heropenen.", cancellationToken).ConfigureAwait(false);
                }

                return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            case FollowUpCards.Continues when !view.BullyingContinuesAllowed:
                return await AgainAsync(step, view, answer, "Stap 4 is voor deze melding al doorlopen. Beschrijf wat er gebeurt en plan een nieuwe vervolgafspraak, of overleg met de anti-pestcoördinator.", cancellationToken).ConfigureAwait(false);
            case FollowUpCards.Continues when note.Length == 0:
                return await AgainAsync(step, view, answer, "Schrijf kort wat er nog gebeurt: dat komt bij stap 4 in het dossier.", cancellationToken).ConfigureAwait(false);
            case FollowUpCards.Continues:
                var applied = await _steps.ApplyAsync(context, view.CaseId, (c, now) => { c.Case.BullyingContinues(c.Actor, now, note); return Task.CompletedTask; }, cancellationToken).ConfigureAwait(false);
                return applied == StepApplied.Saved
                    ? await step.ReplaceDialogAsync(MeldingDialog.DialogId, new CommandOptions(view.CaseCode), cancellationToken).ConfigureAwait(false)
                    : await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            case FollowUpCards.PlanAnother:
                return await PlanAnotherAsync(step, view, answer, note, cancellationToken).ConfigureAwait(false);
            default:
                await context.SendActivityAsync(Activity.CreateAttachmentMessage(FollowUpCards.Reminder(view).ToAttachment()), cancellationToken).ConfigureAwait(false);
                foreach (var bully in await _views.BulliesAsync(loaded.Case, loaded.Code, cancellationToken).ConfigureAwait(false))
                {
                    await context.SendActivityAsync(Activity.CreateAttachmentMessage(FollowUpCards.BullyReminder(bully).ToAttachment()), cancellationToken).ConfigureAwait(false);
                }

                return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DialogTurnResult> PlanAnotherAsync(WaterfallStepContext step, FollowUpView view, SubmittedAnswer answer, string note, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(answer.NextDay?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return await AgainAsync(step, view, answer, "Kies de dag van de volgende vervolgafspraak.", cancellationToken).ConfigureAwait(false);
        }

        if (day < view.Tomorrow)
        {
            return await AgainAsync(step, view, answer, "De volgende vervolgafspraak ligt na vandaag. Kies een latere dag.", cancellationToken).ConfigureAwait(false);
        }

        if (!_calendar.IsSchoolDay(day))
        {
            var why = _calendar.FreePeriodOf(day)?.Name is { } name ? $"valt in de {name.ToLowerInvariant()}" : "is geen schooldag";
            return await AgainAsync(step, view, answer, $"{DutchDates.ShortDate(day)} {why}. Kies een schooldag, bijvoorbeeld {DutchDates.ShortDate(_calendar.SchoolDayOnOrAfter(day))}.", cancellationToken).ConfigureAwait(false);
        }

        if (view.IsRouteB && note.Length == 0)
        {
            return await AgainAsync(step, view, answer, "Schrijf kort hoe de vervolgafspraak ging: dat komt bij B.4 in het dossier.", cancellationToken).ConfigureAwait(false);
        }

        var moment = SchoolTime.FollowUpMoment(day);
        var text = note.Length == 0 ? null : note;
        var applied = await _steps.ApplyAsync(step.Context, view.CaseId, (c, now) =>
        {
            switch (c.Case.CurrentStep)
            {
                case ProtocolStep.A3FollowUp: c.Case.A3FollowUp(c.Actor, now, moment, text); break;
                case ProtocolStep.B4FollowUpMeeting: c.Case.B4FollowUpMeeting(c.Actor, now, answer.AgreementsKept, false, moment, note); break;
                case ProtocolStep.C4FollowUp: c.Case.C4FollowUp(c.Actor, now, moment, text); break;
                case ProtocolStep.D5FollowUp: c.Case.D5FollowUp(c.Actor, now, moment, text); break;
                default: c.Case.E4FollowUp(c.Actor, now, moment, text); break;
            }

            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        if (applied == StepApplied.Saved)
        {
            await step.Context.SendActivityAsync($"Het volgende vervolgmoment is {DutchDates.ShortDate(day)}. Je krijgt dan weer een bericht.", cancellationToken).ConfigureAwait(false);
        }

        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bully's own follow-up (D.5/E.4): his entry in the dossier; the victim's follow-up stays open.</summary>
    private async Task<DialogTurnResult> BullyAnswerAsync(WaterfallStepContext step, Case @case, string code, SubmittedAnswer answer, string note, CancellationToken cancellationToken)
    {
        var bully = answer.Bully is null ? null : await _views.BullyAsync(@case, code, answer.Bully, cancellationToken).ConfigureAwait(false);
        if (bully is null)
        {
            await step.Context.SendActivityAsync($"Het vervolg van de dader bij melding {code} is al ingevuld, of staat niet (meer) open. Typ 'dossier {code}' om te zien wat er staat.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (note.Length == 0)
        {
            var card = FollowUpCards.BullyReminder(bully, answer.Note, $"Schrijf kort hoe het met {bully.BullyName} gaat: dat komt in het dossier.");
            await step.Context.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (await _steps.ApplyAsync(step.Context, bully.CaseId, (c, now) => { c.Case.RecordBullyFollowUp(c.Actor, now, bully.BullyRef, note); return Task.CompletedTask; }, cancellationToken).ConfigureAwait(false) == StepApplied.Saved)
        {
            await step.Context.SendActivityAsync($"Het vervolg van {bully.BullyName} staat in het dossier van melding {code}. Vergeet de kaart van het slachtoffer niet: daar kies je of de melding dicht kan.", cancellationToken).ConfigureAwait(false);
        }

        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> AgainAsync(WaterfallStepContext step, FollowUpView view, SubmittedAnswer answer, string error, CancellationToken cancellationToken)
    {
        var card = FollowUpCards.Reminder(view, new FollowUpAnswerDraft(answer.Note, answer.NextDay, answer.AgreementsKept, error));
        await step.Context.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> PlannedListAsync(string staffId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        var open = await store.ListOpenCasesForMemberAsync(staffId, cancellationToken).ConfigureAwait(false);
        var planned = open.Where(c => c.NextFollowUpDate is not null && CaseTransitions.IsFollowUpStep(c.CurrentStep)).OrderBy(c => c.NextFollowUpDate).ToList();
        if (planned.Count == 0)
        {
            return NothingPlannedText;
        }

        var lines = planned.Select(c => $"- {c.CaseCode} (klas {c.ClassName}): {DutchDates.ShortDate(c.NextFollowUpDate!.Value)}");
        return "Je vervolgafspraken:\n\n" + string.Join("\n", lines) + "\n\nTyp 'vervolg' met de code erachter om het vervolg nu in te vullen.";
    }

    private async Task<Guid?> FindCaseAsync(string code, SchoolDirectory.DirectoryPerson person, CancellationToken cancellationToken)
    {
        var locations = person.Roles.Select(r => r.LocationId).Append(person.LocationId ?? string.Empty)
            .Where(l => !string.IsNullOrEmpty(l)).Distinct().ToList();
        await using var scope = _scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICaseStore>();
        foreach (var id in await store.FindIdsByCodeAsync(code, locations, cancellationToken).ConfigureAwait(false))
        {
            if (await store.IsMemberAsync(id, person.Id, cancellationToken).ConfigureAwait(false))
            {
                return id;
            }
        }

        return null;
    }

    private static SubmittedAnswer ReadAnswer(Activity activity)
    {
        if (!PromptCard.TryGetSubmittedData(activity, out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return new SubmittedAnswer(null, null, null, false, null);
        }

        return new SubmittedAnswer(
            Read(data, FollowUpCards.AnswerKey),
            Read(data, FollowUpCards.Note),
            Read(data, FollowUpCards.NextDay),
            string.Equals(Read(data, FollowUpCards.AgreementsKept), "true", StringComparison.OrdinalIgnoreCase),
            Read(data, FollowUpCards.BullyKey));
    }

    private static string? Read(JsonElement data, string key) =>
        data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record SubmittedAnswer(string? Choice, string? Note, string? NextDay, bool AgreementsKept, string? Bully);
}
