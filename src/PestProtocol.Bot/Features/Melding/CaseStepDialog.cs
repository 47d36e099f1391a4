using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using PestProtocol.Domain.Routes;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// What a step dialog is begun with: the case id; the case itself is loaded once per turn (<see cref="CaseAccess"/>).
/// <paramref name="Filled"/>: what the person had filled in when the protocol refused the answer, so the card comes back
/// with it (input is never lost).
/// </summary>
public sealed record CaseStepOptions(Guid CaseId, System.Text.Json.Nodes.JsonObject? Filled = null);

/// <summary>One screen of a step: its name (what the answer will be applied as), the card and its input rules.</summary>
public sealed record CaseScreen(string Name, AdaptiveCard Card, IReadOnlyList<CardInputRule>? Rules = null);

/// <summary>How a step dialog ends: go on to the case's next step, or stop for now.</summary>
public static class StepOutcome
{
    /// <summary>Something was recorded: go on with the step the case is in now.</summary>
    public const string Next = "next";

    /// <summary>Nothing was recorded (the protocol refused it): show the card of the step the case is in now.</summary>
    public const string Again = "again";

    /// <summary>The user stops for now (or may not go on).</summary>
    public const string Stop = "stop";
}

/// <summary>
/// A step of the flowchart as a short waterfall: load the case and show the card of the step it is in;
/// apply the answer through the domain (<see cref="CaseSteps"/>); end with <see cref="StepOutcome"/>.
/// The dialog's state holds the case id, the screen shown and the case code; never the case.
/// </summary>
public abstract class CaseStepDialog : WaterfallDialog
{
    private const string ScreenKey = "screen";
    private const string CodeKey = "code";
    private const string StepKey = "step";

    protected CaseStepDialog(string dialogId, CaseSteps steps)
        : base(dialogId)
    {
        Steps = steps;
        AddStep(AskAsync);
        AddStep(AnswerAsync);
        AddStep(ChildEndedAsync);
    }

    /// <summary>The shared step service.</summary>
    protected CaseSteps Steps { get; }

    /// <summary>The card for the case as it is now, or null when this dialog has nothing to ask (the flow moves on).</summary>
    protected abstract Task<CaseScreen?> ScreenAsync(ITurnContext turnContext, LoadedCase loaded, CancellationToken cancellationToken);

    /// <summary>Applies the answer given on <paramref name="screen"/>; usually <see cref="ApplyAsync"/>.</summary>
    protected abstract Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext stepContext, Guid caseId, string screen, CardSubmit submit, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one domain method through <see cref="CaseSteps.ApplyAsync"/> and ends. When the protocol refused it (e.g. a
    /// colleague just took this step), the flow shows the card of the step the case is in now.
    /// </summary>
    protected async Task<DialogTurnResult> ApplyAsync(WaterfallStepContext stepContext, Guid caseId, Func<LoadedCase, DateTimeOffset, Task> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        var applied = await Steps.ApplyAsync(stepContext.Context, caseId, step, cancellationToken).ConfigureAwait(false);
        return applied switch
        {
            StepApplied.Saved or StepApplied.Conflict => await stepContext.EndDialogAsync(StepOutcome.Next, cancellationToken).ConfigureAwait(false),
            StepApplied.Refused when await StillAtShownStepAsync(stepContext, caseId, cancellationToken).ConfigureAwait(false)
                => await stepContext.ReplaceDialogAsync(Id, new CaseStepOptions(caseId, (stepContext.Result as CardSubmit)?.Data.DeepClone().AsObject()), cancellationToken).ConfigureAwait(false),
            StepApplied.Refused => await stepContext.EndDialogAsync(StepOutcome.Again, cancellationToken).ConfigureAwait(false),
            _ => await stepContext.EndDialogAsync(StepOutcome.Stop, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Synchronous form of <see cref="ApplyAsync(WaterfallStepContext, Guid, Func{LoadedCase, DateTimeOffset, Task}, CancellationToken)"/>.</summary>
    protected Task<DialogTurnResult> ApplyAsync(WaterfallStepContext stepContext, Guid caseId, Action<LoadedCase, DateTimeOffset> step, CancellationToken cancellationToken) =>
        ApplyAsync(stepContext, caseId, (loaded, now) =>
        {
            step(loaded, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The case code shown on the card (kept for the "continue later" text).</summary>
    protected static string CodeOf(WaterfallStepContext stepContext) => stepContext?.Values.Get<string>(CodeKey) ?? "?";

    /// <summary>True when the case is still at the step the card was shown for (then the same card is shown again).</summary>
    private async Task<bool> StillAtShownStepAsync(WaterfallStepContext stepContext, Guid caseId, CancellationToken cancellationToken)
    {
        var current = await Steps.PeekAsync(stepContext.Context, caseId, cancellationToken).ConfigureAwait(false);
        return current is not null && current.Case.CurrentStep == stepContext.Values.Get<ProtocolStep>(StepKey);
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var options = stepContext.GetOptions<CaseStepOptions>();
        var loaded = options is null ? null : await Steps.LoadAsync(stepContext.Context, options.CaseId, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return await stepContext.EndDialogAsync(StepOutcome.Stop, cancellationToken).ConfigureAwait(false);
        }

        var screen = await ScreenAsync(stepContext.Context, loaded, cancellationToken).ConfigureAwait(false);
        if (screen is null)
        {
            return await stepContext.EndDialogAsync(StepOutcome.Next, cancellationToken).ConfigureAwait(false);
        }

        stepContext.Values.Set(ScreenKey, screen.Name);
        stepContext.Values.Set(CodeKey, loaded.Code);
        stepContext.Values.Set(StepKey, loaded.Case.CurrentStep);
        // The card is serialised once, with slots for the prompt's card id; a stale copy of it (its dialog has ended)
        // tells how to go on: "Typ 'melding 2026-0002'".
        object card = StepCardChecks.Apply(screen.Card);
        if (options!.Filled is { } filled
            && CardPrompt.Filled(new PromptOptions { Prompt = Activity.CreateAttachmentMessage(screen.Card.ToAttachment()) }, string.Empty, System.Text.Json.JsonSerializer.SerializeToElement(filled), null) is { } refilled)
        {
            // The protocol refused the last answer (the reason was just said): the same card, with what was filled in.
            card = refilled;
        }

        var prompt = Activity.CreateAttachmentMessage(new Attachment
        {
            ContentType = Attachment.AdaptiveCardContentType,
            Content = StampableCard.Of(card, PromptCard.ResumeKey, $"melding {loaded.Code}"),
        });

        return await stepContext.PromptAsync(MeldingDialog.CardPromptId, new PromptOptions
        {
            Prompt = prompt,
            Validations = screen.Rules?.ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AnswerAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var caseId = stepContext.GetOptions<CaseStepOptions>()!.CaseId;
        if (stepContext.Result is not CardSubmit submit)
        {
            return await stepContext.EndDialogAsync(StepOutcome.Stop, cancellationToken).ConfigureAwait(false);
        }

        if (submit.GetString(MeldingCardParts.ChoiceKey) == MeldingCardParts.Later)
        {
            await stepContext.Context.SendActivityAsync("Prima, de melding blijft staan. " + CaseSteps.ContinueLater(CodeOf(stepContext)), cancellationToken).ConfigureAwait(false);
            return await stepContext.EndDialogAsync(StepOutcome.Stop, cancellationToken).ConfigureAwait(false);
        }

        return await OnAnswerAsync(stepContext, caseId, stepContext.Values.Get<string>(ScreenKey) ?? string.Empty, submit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A dialog begun from <see cref="OnAnswerAsync"/> (e.g. the herstelgesprek) ended: end with its outcome.</summary>
    private static Task<DialogTurnResult> ChildEndedAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken) =>
        stepContext.EndDialogAsync(stepContext.Result as string ?? StepOutcome.Stop, cancellationToken);

    /// <summary>The contact with the bully's other school, with the teamleider consulted (checked against the directory).</summary>
    protected async Task<OtherSchoolContact?> OtherSchoolAsync(CardSubmit submit, CancellationToken cancellationToken)
    {
        var note = CaseParticipants.Optional(submit, RouteCardParts.OtherSchool);
        if (note is null)
        {
            return null;
        }

        var teamleider = CaseParticipants.Optional(submit, RouteCardParts.Teamleider) is { } id ? await Steps.Directory.FindPersonAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (teamleider is null || !teamleider.HasRole(StaffRole.Teamleider))
        {
            throw new ProtocolViolationException(ViolationCode.RoleNotAllowed,
                "Kies de teamleider met wie je het contact met de andere school hebt afgestemd.",
                "Choose the team leader with whom you agreed the contact with the other school.");
        }

        return new OtherSchoolContact(new StaffRef(teamleider.Id, StaffRole.Teamleider), note);
    }

    /// <summary>Text and an extra line, when there is one.</summary>
    protected static string Join(string? text, string? extra) =>
        extra is null ? text ?? string.Empty : $"{text}\n\n{extra}";
}
