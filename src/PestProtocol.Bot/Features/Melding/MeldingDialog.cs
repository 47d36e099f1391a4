using PestProtocol.Bot.Features.Cases;
using System.Text.RegularExpressions;
using PestProtocol.Bot.Bots;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.Domain.Cases;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// /melding: a new case (intake, then step 1) or, with a case code ("melding 2026-0007"), the case the user
/// is involved in, continued at its current step. After every recorded step it goes on with the dialog of
/// the step the case is in now, until the case waits for a follow-up, is closed, or the user stops.
/// Its state holds only the case id and the step dialog that is running.
/// </summary>
public sealed partial class MeldingDialog : ComponentDialog
{
    /// <summary>The dialog id the command starts.</summary>
    public const string DialogId = "melding";

    /// <summary>The card prompt every step uses.</summary>
    public const string CardPromptId = "melding.card";

    private const string FlowId = "melding.flow";
    private const string CaseIdKey = "caseId";

    private readonly CaseSteps _steps;

    public MeldingDialog(CaseSteps steps, IntakeDialog intake, Step1SuspicionDialog step1, Step2ParentsDialog step2, Step3RouteChoiceDialog step3,
        RouteADialog routeA, RouteBDialog routeB, RouteCDialog routeC, Step4RouteChoiceDialog step4, RouteDDialog routeD, RouteEDialog routeE,
        FollowUpDialog followUp, HerstelgesprekDialog herstelgesprek)
        : base(DialogId)
    {
        _steps = steps;
        AddDialog(new WaterfallDialog(FlowId).AddStep(StartAsync).AddStep(DispatchAsync).AddStep(AfterStepAsync));
        AddDialog(MeldingSubmitRules.CreatePrompt(CardPromptId));
        foreach (Dialog dialog in new Dialog[] { intake, step1, step2, step3, routeA, routeB, routeC, step4, routeD, routeE, followUp, herstelgesprek })
        {
            AddDialog(dialog);
        }

        InitialDialogId = FlowId;
    }

    /// <summary>The dialog for the step a case is in.</summary>
    public static string DialogFor(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return @case.CurrentStep switch
        {
            ProtocolStep.Step1Suspicion => Step1SuspicionDialog.DialogId,
            ProtocolStep.Step1SuspicionConfirmed => Step2ParentsDialog.DialogId,
            ProtocolStep.Step2ParentsInformed => Step3RouteChoiceDialog.DialogId,
            ProtocolStep.Step4BullyingContinues => Step4RouteChoiceDialog.DialogId,
            var step when IsResting(step) => FollowUpDialog.DialogId,
            var step => RouteDialog(CaseTransitions.RouteOf(step) ?? @case.CurrentRoute ?? Route.A),
        };
    }

    /// <summary>The dialog of a route's sub-steps.</summary>
    public static string RouteDialog(Route route) => route switch
    {
        Route.A => RouteADialog.DialogId,
        Route.B => RouteBDialog.DialogId,
        Route.C => RouteCDialog.DialogId,
        Route.D => RouteDDialog.DialogId,
        _ => RouteEDialog.DialogId,
    };

    /// <summary>Steps where the case waits: a follow-up, after a herstelgesprek, or closed.</summary>
    public static bool IsResting(ProtocolStep step) =>
        CaseTransitions.IsFollowUpStep(step) || step is ProtocolStep.Herstelgesprek or ProtocolStep.Closed;

    private async Task<DialogTurnResult> StartAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var options = stepContext.GetOptions<FlowOptions>();
        if (options?.CaseId is { } caseId)
        {
            return await stepContext.NextAsync(caseId.ToString(), cancellationToken).ConfigureAwait(false);
        }

        var argument = stepContext.GetOptions<CommandOptions>()?.Argument?.Trim();
        if (string.IsNullOrEmpty(argument))
        {
            return await stepContext.BeginDialogAsync(IntakeDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }

        if (!CaseCode().IsMatch(argument))
        {
            // "melding Sanne": a new case, starting the search with what was typed.
            return await stepContext.BeginDialogAsync(IntakeDialog.DialogId, argument, cancellationToken).ConfigureAwait(false);
        }

        var found = await FindCaseByCodeAsync(stepContext, argument, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            await stepContext.Context.SendActivityAsync(
                $"Melding {argument} kan ik niet voor je openen. Je kunt alleen meldingen verder invullen waarbij je betrokken bent. In /overzicht zie je jouw meldingen.",
                cancellationToken).ConfigureAwait(false);
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        return await stepContext.NextAsync(found.Value.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> DispatchAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        if (stepContext.Result is not string text || !Guid.TryParse(text, out var caseId))
        {
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        stepContext.Values.Set(CaseIdKey, caseId);
        var loaded = await _steps.LoadAsync(stepContext.Context, caseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var afterStep = stepContext.GetOptions<FlowOptions>()?.AfterStep == true;
        if (afterStep && IsResting(loaded.Case.CurrentStep))
        {
            // Just recorded a follow-up, a herstelgesprek or the closing: this is a good moment to stop.
            var later = loaded.Case.IsClosed
                ? $"Komen de signalen terug? Typ dan 'melding {loaded.Code}' om de melding te heropenen."
                : CaseSteps.ContinueLater(loaded.Code);
            await stepContext.Context.SendActivityAsync(later, cancellationToken).ConfigureAwait(false);
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        return await stepContext.BeginDialogAsync(DialogFor(loaded.Case), new CaseStepOptions(caseId), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AfterStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var caseId = stepContext.Values.Get<Guid>(CaseIdKey);
        switch (stepContext.Result as string)
        {
            case StepOutcome.Next:
                return await stepContext.ReplaceDialogAsync(FlowId, new FlowOptions(caseId, AfterStep: true), cancellationToken).ConfigureAwait(false);
            case StepOutcome.Again:
                return await stepContext.ReplaceDialogAsync(FlowId, new FlowOptions(caseId), cancellationToken).ConfigureAwait(false);
        }

        return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private Task<Guid?> FindCaseByCodeAsync(WaterfallStepContext stepContext, string code, CancellationToken cancellationToken) =>
        _steps.FindByCodeAsync(stepContext.Context, code, cancellationToken);

    [GeneratedRegex(@"^\d{4}-\d{1,6}$")]
    private static partial Regex CaseCode();

    /// <summary>The flow's options when it goes on with a known case.</summary>
    private sealed record FlowOptions(Guid? CaseId, bool AfterStep = false);
}
