using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Features.TellMentor;

/// <summary>
/// "Vertel het mijn mentor": a student reports by name to the mentor of their class (from the directory). The student
/// sees who the mentor is and may add a few words; on "Versturen" the mentor gets a card in their personal chat (through
/// the outbox) with "Start stap 1", and the student is told who will come to them. The protocol's step 1: "de leerling
/// kan zelf de stap nemen om aan de mentor te vertellen dat hij/zij gepest wordt".
/// </summary>
public sealed class TellMentorDialog : ComponentDialog
{
    /// <summary>The dialog id the command begins.</summary>
    public const string DialogId = "tell-mentor";

    private const string PromptId = DialogId + ".card";
    private const string MentorKey = "mentor";

    private readonly IDirectory _directory;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;

    public TellMentorDialog(IDirectory directory, IServiceScopeFactory scopes, TimeProvider clock)
        : base(DialogId)
    {
        _directory = directory;
        _scopes = scopes;
        _clock = clock;
        AddDialog(new WaterfallDialog(DialogId + ".steps").AddStep(AskAsync).AddStep(SendAsync));
        AddDialog(new CardPrompt(PromptId));
        InitialDialogId = DialogId + ".steps";
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var mentor = await MentorOfSenderAsync(step, cancellationToken).ConfigureAwait(false);
        if (mentor is null)
        {
            await step.Context.SendActivityAsync(
                "Ik weet niet wie je mentor is. Vertel het een docent die je vertrouwt, of meld het anoniem: typ 'anoniem'. "
                + "Wil je nu met iemand praten? Bel gratis de Kindertelefoon: 0800-0432 (kindertelefoon.nl). In gevaar? Bel 112.",
                cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        step.Values.Set(MentorKey, mentor.Id);
        return await step.PromptAsync(PromptId, new PromptOptions
        {
            Prompt = Activity.CreateAttachmentMessage(TellMentorCards.AskStudent(mentor).ToAttachment()),
            Validations = [.. TellMentorCards.AskStudentRules],
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SendAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not CardSubmit submit || submit.GetString(TellMentorCards.ChoiceKey) != TellMentorCards.Send)
        {
            await step.Context.SendActivityAsync("Oké, er is niets verstuurd. Je kunt het altijd later nog doen: typ 'mentor'. Of meld het anoniem met 'anoniem'.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var student = await SenderAsync(step, cancellationToken).ConfigureAwait(false);
        var mentor = await MentorOfSenderAsync(step, cancellationToken).ConfigureAwait(false);
        if (student is null || mentor is null || mentor.Id != step.Values.Get<string>(MentorKey))
        {
            await step.Context.SendActivityAsync("Er ging iets mis: ik kon je mentor nu niet vinden. Probeer het later nog eens met 'mentor', of vertel het een docent die je vertrouwt.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var now = _clock.GetUtcNow();
        var text = submit.GetString(TellMentorCards.MessageId)?.Trim();
        var payload = new StudentToldMentorPayload(student.Id, mentor.Id, string.IsNullOrEmpty(text) ? null : text, now);
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>();
            db.OutboxMessages.Add(OutboxMessage.Create(StudentToldMentorPayload.Kind, $"{StudentToldMentorPayload.Kind}:{Guid.NewGuid():N}:{mentor.Id}", payload, mentor.Id, now));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await step.Context.SendActivityAsync(TellMentorCards.Told(mentor), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DirectoryPerson?> SenderAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var aadObjectId = step.Context.Activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(aadObjectId))
        {
            return null;
        }

        try
        {
            var person = await _directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
            return person is { Kind: PersonKind.Student } ? person : null;
        }
        catch (DirectoryUnavailableException)
        {
            return null;
        }
    }

    private async Task<DirectoryPerson?> MentorOfSenderAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var student = await SenderAsync(step, cancellationToken).ConfigureAwait(false);
        if (student is null)
        {
            return null;
        }

        try
        {
            return await _directory.GetMentorAsync(student.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            return null;
        }
    }
}
