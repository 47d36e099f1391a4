using PestProtocol.Bot.Bots;
using PestProtocol.Bot.Features.PersonalChat;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.Records.DataSubject;

/// <summary>Who asks and about whom: shared by <c>inzage</c> and <c>wissen</c>. Every refusal says what to do instead.</summary>
internal static class DataSubjectTurn
{
    /// <summary>The coordinator and the one student meant, or null after a refusal or a question was sent.</summary>
    public static async Task<(DirectoryPerson Coordinator, DirectoryPerson Student)?> ResolveAsync(
        ITurnContext turn, IDirectory directory, DataSubjectRequests requests, string command, string? argument, CancellationToken cancellationToken)
    {
        if (ConversationPlace.IsShared(turn.Activity))
        {
            await turn.SendActivityAsync(DataSubjectCards.NotHereText, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var aadObjectId = turn.Activity.From?.AadObjectId;
        var person = string.IsNullOrEmpty(aadObjectId) ? null : await directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        if (!DataSubjectRequests.IsCoordinator(person))
        {
            await turn.SendActivityAsync(DataSubjectCards.OnlyCoordinatorText, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            await turn.SendActivityAsync(DataSubjectCards.Usage(command), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var students = await requests.FindStudentsAsync(person!, argument, cancellationToken).ConfigureAwait(false);
        switch (students.Count)
        {
            case 0:
                // The same answer for "no such student" and "a student of another location": nothing is given away.
                await turn.SendActivityAsync(DataSubjectCards.NoStudentText, cancellationToken).ConfigureAwait(false);
                return null;
            case > 1:
                await turn.SendActivityAsync(DataSubjectCards.WhichStudent(students), cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return (person!, students[0]);
        }
    }
}

/// <summary>
/// <c>inzage &lt;leerling&gt;</c>: a coordinator of the student's location gets everything held about the student, as a
/// card with short-lived links to the readable document and the JSON. Logged in the access log.
/// </summary>
public sealed class SubjectExportDialog : ComponentDialog
{
    public const string DialogId = "inzage";
    private const string WaterfallId = "inzage.steps";
    private readonly IDirectory _directory;
    private readonly IServiceScopeFactory _scopes;
    private readonly SubjectExportLinks _links;
    private readonly TimeProvider _clock;

    public SubjectExportDialog(IDirectory directory, IServiceScopeFactory scopes, SubjectExportLinks links, TimeProvider clock)
        : base(DialogId)
    {
        _directory = directory;
        _scopes = scopes;
        _links = links;
        _clock = clock;
        AddDialog(new WaterfallDialog(WaterfallId, [ExportAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> ExportAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<DataSubjectRequests>();
        var found = await DataSubjectTurn.ResolveAsync(step.Context, _directory, requests, DialogId, step.GetOptions<CommandOptions>()?.Argument, cancellationToken).ConfigureAwait(false);
        if (found is { } who && await requests.ExportAsync(who.Coordinator, who.Student, cancellationToken).ConfigureAwait(false) is { } export)
        {
            var now = _clock.GetUtcNow();
            var card = DataSubjectCards.Export(
                export,
                _links.Create(who.Student.Id, who.Coordinator.Id, SubjectExportFormat.Text, now),
                _links.Create(who.Student.Id, who.Coordinator.Id, SubjectExportFormat.Json, now),
                _links.Lifetime);
            await step.Context.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken).ConfigureAwait(false);
        }

        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// <c>wissen &lt;leerling&gt;</c>: a coordinator of the student's location erases what is held about the student, after a
/// confirmation card (a reason, and the student's full name typed again). A wrong name erases nothing and asks again
/// with the reason kept. Logged with its reason in the access log.
/// </summary>
public sealed class SubjectErasureDialog : ComponentDialog
{
    public const string DialogId = "wissen";
    private const string WaterfallId = "wissen.steps";
    private const string ConfirmPromptId = "wissen.confirm";
    private const string StudentKey = "student";
    private readonly IDirectory _directory;
    private readonly IServiceScopeFactory _scopes;

    public SubjectErasureDialog(IDirectory directory, IServiceScopeFactory scopes)
        : base(DialogId)
    {
        _directory = directory;
        _scopes = scopes;
        AddDialog(new WaterfallDialog(WaterfallId, [AskAsync, EraseAsync]));
        AddDialog(new CardPrompt(ConfirmPromptId));
        InitialDialogId = WaterfallId;
    }

    /// <summary>Begin options: the typed argument, or after a wrong confirmation the student's id, the reason so far and why it came back.</summary>
    public sealed record ErasureOptions(string? Argument, string? Reason = null, bool Mismatch = false);

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<ErasureOptions>();
        await using var scope = _scopes.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<DataSubjectRequests>();
        var found = await DataSubjectTurn.ResolveAsync(step.Context, _directory, requests, DialogId, options?.Argument, cancellationToken).ConfigureAwait(false);
        if (found is not { } who)
        {
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        step.Values[StudentKey] = who.Student.Id;
        var preview = await requests.PreviewErasureAsync(who.Student, cancellationToken).ConfigureAwait(false);
        var card = DataSubjectCards.ConfirmErasure(who.Student, preview, options?.Reason);
        var prompt = Activity.CreateAttachmentMessage(card.ToAttachment());
        if (options?.Mismatch == true)
        {
            prompt.Text = DataSubjectRequests.IsFormerStudent(who.Student) ? DataSubjectCards.ConfirmCodeMismatchText : DataSubjectCards.ConfirmMismatchText;
        }

        return await step.PromptAsync(ConfirmPromptId, new PromptOptions
        {
            Prompt = prompt,
            Validations =
            [
                new CardInputRule { Id = DataSubjectCards.ReasonInputId, Label = "Reden", Required = true, MaxLength = DataSubjectRequests.ReasonMaxLength },
                new CardInputRule { Id = DataSubjectCards.ConfirmInputId, Label = "Naam van de leerling", Required = true, MaxLength = 200 },
            ],
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> EraseAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var submit = step.GetResult<CardSubmit>();
        var studentId = step.Values[StudentKey]?.GetValue<string>();
        var reason = submit?.GetString(DataSubjectCards.ReasonInputId);
        await using var scope = _scopes.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<DataSubjectRequests>();

        // Checked again now, from the directory: the card's data is never trusted.
        var found = await DataSubjectTurn.ResolveAsync(step.Context, _directory, requests, DialogId, studentId, cancellationToken).ConfigureAwait(false);
        if (submit is null || found is not { } who)
        {
            await step.Context.SendActivityAsync(DataSubjectCards.NotErasedText, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (!DataSubjectRequests.Confirms(who.Student, submit.GetString(DataSubjectCards.ConfirmInputId)))
        {
            return await step.ReplaceDialogAsync(WaterfallId, new ErasureOptions(who.Student.Id, reason, Mismatch: true), cancellationToken).ConfigureAwait(false);
        }

        var report = await requests.EraseAsync(who.Coordinator, who.Student, reason, cancellationToken).ConfigureAwait(false);
        await step.Context.SendActivityAsync(report is null ? DataSubjectCards.NotErasedText : DataSubjectCards.Erased(report), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
