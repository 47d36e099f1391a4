using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// A case that waits: at a follow-up (A.3, B.4, C.4, D.5, E.4), after a herstelgesprek, or closed. Offers only
/// what the protocol allows now: a new follow-up, "pesten gaat door" (stap 4), a herstelgesprek (after B or D),
/// closing, or reopening a closed case.
/// </summary>
public sealed class FollowUpDialog(CaseSteps steps) : CaseStepDialog(DialogId, steps)
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.vervolg";

    protected override Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken) =>
        Task.FromResult<CaseScreen?>(new CaseScreen("vervolg", FollowUpCard.Create(loaded.Code, loaded.Case), [MeldingCardParts.Rule(FollowUpCard.Note, "Toelichting", maxLength: 2000)]));

    protected override async Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken)
    {
        var note = submit.GetString(FollowUpCard.Note) ?? string.Empty;
        switch (submit.GetString(MeldingCardParts.ChoiceKey))
        {
            case FollowUpCard.NewFollowUp:
                var loaded = await Steps.LoadAsync(stepContext.Context, caseId, cancellationToken).ConfigureAwait(false);
                var route = loaded is null ? null : FollowUpCard.AllowedFollowUp(loaded.Case) is { } command ? CaseTransitions.RouteOf(command) : null;
                if (route is null)
                {
                    return await stepContext.EndDialogAsync(StepOutcome.Next, cancellationToken).ConfigureAwait(false);
                }

                return await stepContext.BeginDialogAsync(MeldingDialog.RouteDialog(route.Value), new CaseStepOptions(caseId), cancellationToken).ConfigureAwait(false);
            case FollowUpCard.Herstelgesprek:
                return await stepContext.BeginDialogAsync(HerstelgesprekDialog.DialogId, new CaseStepOptions(caseId), cancellationToken).ConfigureAwait(false);
            case FollowUpCard.Continues:
                return await ApplyAsync(stepContext, caseId, (c, now) => c.Case.BullyingContinues(c.Actor, now, note), cancellationToken).ConfigureAwait(false);
            case FollowUpCard.Close:
                return await ApplyAsync(stepContext, caseId, (c, now) => c.Case.Close(c.Actor, now, note), cancellationToken).ConfigureAwait(false);
            default:
                return await ApplyAsync(stepContext, caseId, (c, now) => c.Case.Reopen(c.Actor, now, note), cancellationToken).ConfigureAwait(false);
        }
    }
}
