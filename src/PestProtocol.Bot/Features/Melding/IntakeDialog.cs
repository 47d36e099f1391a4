using PestProtocol.Bot.Features.Cases;
using PestProtocol.Bot.Features.Melding.Cards;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;
using Inputs = PestProtocol.Bot.Features.Melding.Cards.IntakeCards.Inputs;

namespace PestProtocol.Bot.Features.Melding;

/// <summary>
/// The intake of a new case: which student (type-ahead, or a typed name that is searched), then what was seen
/// (Bijlage 1), by whom and where. Ends by opening the case (stap 1) with its members and notifications, and
/// returns the case id.
/// </summary>
public sealed class IntakeDialog : WaterfallDialog
{
    /// <summary>The dialog id.</summary>
    public const string DialogId = "melding.intake";

    private const string StudentKey = "student";

    private readonly CaseSteps _steps;
    private readonly StudentSearch _search;
    private readonly TurnScoped<OpenCase> _openCase;

    public IntakeDialog(CaseSteps steps, StudentSearch search, TurnScoped<OpenCase> openCase)
        : base(DialogId)
    {
        _steps = steps;
        _search = search;
        _openCase = openCase;
        AddStep(AskStudentAsync);
        AddStep(ResolveStudentAsync);
        AddStep(AskDetailsAsync);
        AddStep(OpenCaseAsync);
    }

    private async Task<DialogTurnResult> AskStudentAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        if (stepContext.GetOptions<string>() is { Length: > 0 } typed)
        {
            return await stepContext.NextAsync(typed, cancellationToken).ConfigureAwait(false);
        }

        var suggestions = await _search.SuggestAsync(string.Empty, null, cancellationToken).ConfigureAwait(false);
        return await Card(stepContext, IntakeCards.AskStudent(suggestions), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ResolveStudentAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var typed = stepContext.Result switch
        {
            CardSubmit submit => FirstFilled(submit.GetString(Inputs.Student), submit.GetString(Inputs.StudentTyped)),
            string text => text,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(typed))
        {
            await stepContext.Context.SendActivityAsync("Kies of typ de naam van de leerling.", cancellationToken).ConfigureAwait(false);
            return await stepContext.ReplaceDialogAsync(Id, null, cancellationToken).ConfigureAwait(false);
        }

        var matches = await _search.ResolveAsync(typed, cancellationToken).ConfigureAwait(false);
        switch (matches.Count)
        {
            case 0:
                await stepContext.Context.SendActivityAsync(
                    $"Ik vind geen leerling die past bij '{typed.Trim()}'. Probeer het nog eens met (een deel van) de naam of de klas.",
                    cancellationToken).ConfigureAwait(false);
                return await stepContext.ReplaceDialogAsync(Id, null, cancellationToken).ConfigureAwait(false);
            case 1:
                return await stepContext.NextAsync(matches[0].Id, cancellationToken).ConfigureAwait(false);
            default:
                return await Card(stepContext, IntakeCards.ChooseStudent(typed.Trim(), matches), IntakeCards.ChooseStudentRules(matches), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DialogTurnResult> AskDetailsAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var studentId = stepContext.Result switch
        {
            CardSubmit submit => submit.GetString(Inputs.Student),
            string id => id,
            _ => null,
        };
        var student = string.IsNullOrEmpty(studentId) ? null : await _steps.Directory.FindPersonAsync(studentId, cancellationToken).ConfigureAwait(false);
        var me = await _steps.StaffMemberAsync(stepContext.Context, cancellationToken).ConfigureAwait(false);
        if (student is not { Kind: PersonKind.Student } || me is null)
        {
            await stepContext.Context.SendActivityAsync("Die leerling kan ik niet vinden. Begin opnieuw met 'melding'.", cancellationToken).ConfigureAwait(false);
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        stepContext.Values.Set(StudentKey, student.Id);
        var locations = await _steps.Directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        var role = await _steps.RoleForAsync(me, student.Id, student.LocationId ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return await Card(stepContext, IntakeCards.Details(student, locations, askRole: role is null, trigger: stepContext.Context.TurnState.Get<Features.TellMentor.SuggestedIntake>()?.Trigger ?? SuspicionTrigger.Signals), IntakeCards.DetailsRules(locations), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> OpenCaseAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        if (stepContext.Result is not CardSubmit submit)
        {
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var turn = stepContext.Context;
        var studentId = stepContext.Values.Get<string>(StudentKey)!;
        var me = await _steps.StaffMemberAsync(turn, cancellationToken).ConfigureAwait(false);
        if (me is null)
        {
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var locationId = submit.GetString(Inputs.Location)!;
        var role = await _steps.RoleForAsync(me, studentId, locationId, cancellationToken).ConfigureAwait(false)
            ?? (Enum.TryParse<StaffRole>(submit.GetString(Inputs.Role), out var chosen) ? chosen : StaffRole.OtherStaff);
        var actor = new StaffRef(me.Id, role);
        var signals = Step1SignalGroups.Chosen(submit.GetString);
        var trigger = Enum.TryParse<SuspicionTrigger>(submit.GetString(Inputs.Trigger), out var t) ? t : SuspicionTrigger.Signals;
        OpenedCase opened;
        try
        {
            opened = await _openCase.In(turn).ExecuteAsync(new NewSuspicion(
                studentId,
                submit.GetString(Inputs.ClassName)!.Trim(),
                locationId,
                actor,
                signals,
                string.Equals(submit.GetString(Inputs.Digital), "true", StringComparison.OrdinalIgnoreCase),
                submit.GetString(Inputs.Description)!,
                trigger), cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolViolationException violation)
        {
            await turn.SendActivityAsync(violation.Message, cancellationToken).ConfigureAwait(false);
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (opened.HandedOver is { } handedOver)
        {
            // A teacher or conciërge records step 1 and is done: say who took it over, and stop (handover branch).
            await turn.SendActivityAsync(HandedOverText(opened.Code, handedOver), cancellationToken).ConfigureAwait(false);
            return await stepContext.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        return await stepContext.EndDialogAsync(opened.Case.Id.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> Card(WaterfallStepContext stepContext, BotFramework.Cards.AdaptiveCard card, IReadOnlyList<CardInputRule>? rules, CancellationToken cancellationToken) =>
        stepContext.PromptAsync(MeldingDialog.CardPromptId, new PromptOptions
        {
            Prompt = Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = StampableCard.Of(card) }),
            Validations = rules?.ToList(),
        }, cancellationToken);

    /// <summary>The signaller's confirmation: recorded, and who carries the case on.</summary>
    public static string HandedOverText(string code, IntakeHandedOver handedOver)
    {
        ArgumentNullException.ThrowIfNull(handedOver);
        var name = handedOver.NewOwner.DisplayName;
        var role = PestProtocol.Bot.Cards.DutchNames.Of(handedOver.To.Role);
        return $"Dank je, je melding is vastgelegd als melding {code} (stap 1). {name} ({role}) heeft de melding overgenomen en gaat verder; {name} krijgt er nu een bericht over. "
            + $"Je hoeft verder niets te doen. Zie je meer? Vertel het {name}. Het dossier lees je met 'dossier {code}'.";
    }

    private static string? FirstFilled(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
