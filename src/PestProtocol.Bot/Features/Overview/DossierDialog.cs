using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Features.Overview.Cards;
using PestProtocol.Bot.Features.Records;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using static PestProtocol.Bot.Cards.CardParts;

namespace PestProtocol.Bot.Features.Overview;

/// <summary>
/// /dossier: the timeline of one case. "dossier 2026-0007" shows it at once; "dossier" alone first asks which of my
/// open cases. Only a member of the case (someone with a role in it) sees it; anyone else gets one and the same
/// refusal, whether the code exists or not.
/// </summary>
public sealed class DossierDialog : ComponentDialog
{
    public const string DialogId = "dossier";

    public const string RefusalText =
        "Je kunt alleen dossiers bekijken van meldingen waarbij je betrokken bent. Typ 'overzicht' om je eigen meldingen te zien.";

    public const string NoOpenCasesText =
        "Je hebt geen open meldingen. Wil je het dossier van een gesloten melding zien? Typ dan 'dossier' met de code erachter, bijvoorbeeld 'dossier 2026-0007'.";

    public const string ChoiceTitle = "Welk dossier wil je bekijken?";
    public const string ChoiceInputId = "caseCode";
    public const string ShowButton = "Dossier bekijken";

    private const string WaterfallId = "dossier.steps";
    private const string ChoicePromptId = "dossier.choice";

    private readonly IDirectory _directory;
    private readonly CaseViews _views;
    private readonly Cases.TurnScoped<ICaseStore> _cases;
    private readonly Cases.TurnScoped<DossierRecords> _records;

    public DossierDialog(IDirectory directory, CaseViews views, Cases.TurnScoped<ICaseStore> cases, Cases.TurnScoped<DossierRecords> records)
        : base(DialogId)
    {
        _directory = directory;
        _views = views;
        _cases = cases;
        _records = records;
        AddDialog(new WaterfallDialog(WaterfallId, [ChooseCaseAsync, ShowDossierAsync]));
        AddDialog(new CardPrompt(ChoicePromptId));
    }

    private async Task<DialogTurnResult> ChooseCaseAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var argument = step.GetOptions<CommandOptions>()?.Argument;
        if (!string.IsNullOrWhiteSpace(argument))
        {
            return await step.NextAsync(argument.Trim(), cancellationToken).ConfigureAwait(false);
        }

        var person = await StaffMemberAsync(step.Context, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            await step.Context.SendActivityAsync(RefusalText, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var store = _cases.In(step.Context);
        var open = await store.ListOpenCasesForMemberAsync(person.Id, cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
        {
            await step.Context.SendActivityAsync(NoOpenCasesText, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var lines = await _views.LinesAsync(open, cancellationToken).ConfigureAwait(false);
        var card = ChoiceCard(lines);
        return await step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateAttachmentMessage(card.ToAttachment()),
            Validations =
            [
                new CardInputRule { Id = ChoiceInputId, Label = "Melding", Required = true, AllowedValues = [.. lines.Select(l => l.Case.CaseCode)] },
            ],
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowDossierAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var request = DossierRequest.Parse(step.Result as string ?? step.GetResult<CardSubmit>()?.GetString(ChoiceInputId));
        var turn = step.Context;
        var person = await StaffMemberAsync(turn, cancellationToken).ConfigureAwait(false);
        var records = _records.In(turn);
        IReadOnlyList<AdaptiveCard> cards = [];
        if (person is not null && request is not null)
        {
            cards = request.What switch
            {
                DossierRequest.Kind.MagisterNote => await records.MagisterNoteAsync(person, request.Code, request.From ?? MagisterFrom(turn.Activity), cancellationToken).ConfigureAwait(false) is { } note ? [note] : [],
                DossierRequest.Kind.BullyMagisterNote => await records.BullyMagisterNotesAsync(person, request.Code, cancellationToken).ConfigureAwait(false) ?? [],
                DossierRequest.Kind.Pdf => await records.PdfLinkAsync(person, request.Code, cancellationToken).ConfigureAwait(false) is { } link ? [link] : [],
                _ => await records.ShowAsync(person, request.Code, cancellationToken).ConfigureAwait(false),
            };
        }

        if (cards.Count == 0)
        {
            await turn.SendActivityAsync(RefusalText, cancellationToken).ConfigureAwait(false);
        }

        foreach (var card in cards)
        {
            await turn.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken).ConfigureAwait(false);
        }

        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first entry chosen on the dossier card's "Kopieer voor Magister" (a submitted input; checked like typed text).</summary>
    private static int? MagisterFrom(Activity activity) =>
        PromptCard.TryGetSubmittedData(activity, out var data)
        && data.ValueKind == System.Text.Json.JsonValueKind.Object
        && data.TryGetProperty(DossierCard.MagisterFromInputId, out var from)
        && from.ValueKind == System.Text.Json.JsonValueKind.String
            ? MagisterNote.ParseFrom(from.GetString())
            : null;

    private async Task<DirectoryPerson?> StaffMemberAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var aadObjectId = turn.Activity.From?.AadObjectId;
        var person = string.IsNullOrEmpty(aadObjectId) ? null : await _directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return person is { IsStaff: true } ? person : null;
    }

    private static AdaptiveCard ChoiceCard(IReadOnlyList<CaseLine> lines)
    {
        var card = NewCard(
            Heading(ChoiceTitle),
            new InputChoiceSet(ChoiceInputId)
            {
                Label = "Melding",
                IsRequired = true,
                ErrorMessage = "Kies een melding.",
                Style = ChoiceInputStyle.Compact,
                Value = lines[0].Case.CaseCode,
                Choices = [.. lines.Select(l => new BotFramework.Cards.Choice($"{l.Case.CaseCode} · {l.StudentName} · klas {l.Case.ClassName}", l.Case.CaseCode))],
            },
            Subtle("Hier staan je open meldingen. Het dossier van een gesloten melding zie je met 'dossier' en de code, bijvoorbeeld 'dossier 2026-0007'."));
        card.Actions = [new ActionSubmit(ShowButton)];
        return card;
    }
}
