using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// Stap 1 – Vermoedens van pesten. The case is recorded; after the orienting conversation (Bijlage 3, tips in
/// Bijlage 4) the suspicion is confirmed (→ stap 2), not confirmed (closed with a note, stay alert), or not
/// known yet (the case waits).
/// </summary>
public sealed class Step1SuspicionDialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.stap1";

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken) =>
        Task.FromResult<CaseScreen?>(new CaseScreen("stap1", Step1SuspicionCard.Create(loaded.Code, loaded.Case), [MeldingCardParts.Rule(Step1SuspicionCard.Note, "Notitie", maxLength: 2000)]));

    protected override async Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken)
    {
        var note = submit.GetString(Step1SuspicionCard.Note);
        switch (submit.GetString(MeldingCardParts.ChoiceKey))
        {
            case Step1SuspicionCard.Confirm:
                return await ApplyAsync(stepContext, caseId, (c, now) => c.Case.ConfirmSuspicion(c.Actor, now, Blank(note)), cancellationToken).ConfigureAwait(false);
            case Step1SuspicionCard.Reject:
                return await ApplyAsync(stepContext, caseId, (c, now) => c.Case.RejectSuspicion(c.Actor, now, note ?? string.Empty), cancellationToken).ConfigureAwait(false);
            default:
                if (!string.IsNullOrWhiteSpace(note))
                {
                    await Steps.ApplyAsync(stepContext.Context, caseId, (c, now) =>
                    {
                        c.Case.AddNote(c.Actor, now, note);
                        return Task.CompletedTask;
                    }, cancellationToken).ConfigureAwait(false);
                }

                await stepContext.Context.SendActivityAsync("Dan wacht de melding tot je meer weet. " + CaseSteps.ContinueLater(CodeOf(stepContext)), cancellationToken).ConfigureAwait(false);
                return await stepContext.EndDialogAsync(StepOutcome.Stop, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
