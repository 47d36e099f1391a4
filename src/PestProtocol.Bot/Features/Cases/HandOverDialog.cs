using PestProtocol.Bot.Bots;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Cases;

/// <summary>
/// "overdragen 2026-0007": the owner hands the case over to a colleague at the same location, or a coordinator of the
/// location assigns it. A card with the colleagues (from the directory) and a reason; on "Overdragen" the
/// <see cref="HandOverCase"/> use case records it, the colleague gets the case with a card to continue, and the user is told
/// who has it now. Someone who does not hold the case is told who does; nothing changes.
/// </summary>
public sealed class HandOverDialog : ComponentDialog
{
    /// <summary>The dialog id the command begins.</summary>
    public const string DialogId = "overdragen";

    private const string PromptId = DialogId + ".card";
    private const string CaseIdKey = "caseId";

    private const string NoCodeText = "Welke melding wil je overdragen? Typ 'overdragen' met de code, bijvoorbeeld 'overdragen 2026-0007'. De codes zie je in /overzicht.";

    private readonly TurnScoped<CaseAccess> _access;
    private readonly TurnScoped<HandOverCase> _handOver;
    private readonly CaseOwnership _ownership;

    public HandOverDialog(TurnScoped<CaseAccess> access, TurnScoped<HandOverCase> handOver, CaseOwnership ownership)
        : base(DialogId)
    {
        _access = access;
        _handOver = handOver;
        _ownership = ownership;
        AddDialog(new WaterfallDialog(DialogId + ".steps").AddStep(AskAsync).AddStep(HandOverAsync));
        AddDialog(new CardPrompt(PromptId, check: Check));
        InitialDialogId = DialogId + ".steps";
    }

    /// <summary>Told when the case cannot be opened for the user (nothing about whether it exists).</summary>
    public static string NotAvailableText(string code) =>
        $"Melding {code} kan ik niet voor je openen. Je kunt alleen meldingen overdragen waarbij je betrokken bent. In /overzicht zie je jouw meldingen.";

    private static string? Check(CardSubmit submit)
    {
        if (submit.GetString(HandOverCards.ChoiceKey) != HandOverCards.HandOver)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(submit.GetString(HandOverCards.ColleagueId)))
        {
            return "Kies aan wie je de melding overdraagt.";
        }

        var reason = submit.GetString(HandOverCards.ReasonId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "Schrijf kort waarom je de melding overdraagt: dat komt in het dossier.";
        }

        return reason.Length > HandOverCards.MaxReason ? $"De reden is te lang: hooguit {HandOverCards.MaxReason} tekens." : null;
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var code = step.GetOptions<CommandOptions>()?.Argument?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            await context.SendActivityAsync(NoCodeText, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var access = _access.In(context);
        var actorId = context.Activity.From?.AadObjectId;
        var caseId = await access.FindByCodeAsync(actorId, code, cancellationToken).ConfigureAwait(false);
        var loaded = caseId is null ? null : await access.LoadAsync(actorId, caseId.Value, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            await context.SendActivityAsync(NotAvailableText(code), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (loaded.Case.IsClosed)
        {
            await context.SendActivityAsync($"Melding {loaded.Code} is gesloten; er is niets meer over te dragen. Komen de signalen terug? Typ dan 'melding {loaded.Code}' om haar te heropenen.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (await _ownership.NotYoursTextAsync(loaded, cancellationToken).ConfigureAwait(false) is { } notYours)
        {
            await context.SendActivityAsync(notYours + " Alleen wie aan zet is, of de anti-pestcoördinator, kan de melding overdragen.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var colleagues = await _ownership.ColleaguesAsync(loaded.Case, cancellationToken).ConfigureAwait(false);
        if (colleagues.Count == 0)
        {
            await context.SendActivityAsync($"Ik vind geen collega's van deze locatie om melding {loaded.Code} aan over te dragen. Vraag de anti-pestcoördinator om hulp.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        step.Values.Set(CaseIdKey, loaded.Case.Id);
        var studentName = (await _ownership.StudentAsync(loaded.Case, cancellationToken).ConfigureAwait(false))?.DisplayName ?? "de leerling";
        var assigning = !loaded.Case.IsOwner(loaded.Person.Id);
        return await step.PromptAsync(PromptId, new PromptOptions
        {
            Prompt = Activity.CreateAttachmentMessage(HandOverCards.AskColleague(loaded.Code, studentName, colleagues, assigning).ToAttachment()),
            Validations = [.. HandOverCards.AskColleagueRules(colleagues)],
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> HandOverAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        if (step.Result is not CardSubmit submit || submit.GetString(HandOverCards.ChoiceKey) != HandOverCards.HandOver)
        {
            await context.SendActivityAsync("Oké, de melding is niet overgedragen. Je blijft aan zet.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var caseId = step.Values.Get<Guid>(CaseIdKey);
        var result = await _handOver.In(context).ExecuteAsync(
            context.Activity.From?.AadObjectId, caseId, submit.GetString(HandOverCards.ColleagueId), submit.GetString(HandOverCards.ReasonId), cancellationToken).ConfigureAwait(false);
        var text = result.Outcome switch
        {
            HandOverOutcome.HandedOver => $"Melding {result.Code} is overgedragen aan {result.NewOwnerName}. {result.NewOwnerName} krijgt de melding met een kaart om verder te gaan en is nu aan zet. Het staat in het dossier.",
            HandOverOutcome.Refused => $"Melding {result.Code} is niet overgedragen. {result.Message}",
            HandOverOutcome.Conflict => $"Iemand anders heeft melding {result.Code} net aangepast; de overdracht is niet opgeslagen. Typ 'overdragen {result.Code}' om het opnieuw te proberen.",
            _ => "Deze melding kan ik niet voor je openen. In /overzicht zie je jouw meldingen.",
        };
        await context.SendActivityAsync(text, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
