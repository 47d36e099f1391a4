using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Dialogs.Melding;
using PestProtocol.Bot.Middleware;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;
using PestProtocol.Domain.Appendices;

namespace PestProtocol.Bot.Bots;

/// <summary>
/// The bot's front door: greets on install, answers "help" at any moment, lets "stop" leave any dialog,
/// starts the dialog a command names (asking first when another one is running), and otherwise hands
/// the turn to the dialog that is waiting for an answer.
/// </summary>
public sealed class PestProtocolBot : ActivityHandler
{
    private readonly DialogSet _dialogs;
    private readonly CommandRecognizer _recognizer;
    private readonly IDirectory _directory;
    private readonly CardActionRouter _cardActions;

    public PestProtocolBot(ConversationState conversationState, IEnumerable<Dialog> dialogs, CommandRecognizer recognizer, IDirectory directory, CardActionRouter cardActions)
    {
        _cardActions = cardActions;
        ArgumentNullException.ThrowIfNull(conversationState);
        _dialogs = new DialogSet(conversationState.CreateProperty<DialogState>("dialogState"));
        _dialogs.Add(new SwitchDialogConfirmation());
        foreach (var dialog in dialogs)
        {
            _dialogs.Add(dialog);
        }

        _recognizer = recognizer;
        _directory = directory;
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var botAdded = membersAdded.Any(m => m.Id == activity.Recipient?.Id);

        // Personal chat: the bot was installed for this user. A team: greet once, when the bot joins.
        if (botAdded && IsTeamChannel(activity))
        {
            await SendCardAsync(turnContext, WelcomeCards.Channel(), cancellationToken).ConfigureAwait(false);
        }
        else if (botAdded)
        {
            var audience = await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await SendCardAsync(turnContext, WelcomeCards.Welcome(audience, _recognizer.Commands), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // Action.Submit fallback of an alert card's Universal Action: {"verb": "...", ...}.
        if (TryGetCardAction(turnContext.Activity, out var handler, out var verb, out var data))
        {
            var answer = await handler.HandleAsync(turnContext, verb, data, cancellationToken).ConfigureAwait(false);
            await SendInvokeAnswerAsMessageAsync(turnContext, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        var dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var command = _recognizer.Recognize(turnContext.Activity);
        if (IsTeamChannel(turnContext.Activity) && command is not (RecognizedCommand.Help or RecognizedCommand.Start { Command.DialogId: TeamChannels.CoordinatorsChannelDialog.LinkDialogId or TeamChannels.CoordinatorsChannelDialog.UnlinkDialogId }))
        {
            // Everyone in a channel reads the answers: case work stays in the personal chat.
            await turnContext.SendActivityAsync("In een kanaal kan ik alleen dit kanaal koppelen of ontkoppelen voor de anti-pestcoördinatoren (@PestProtocol koppel kanaal). Meldingen en dossiers doe je in je eigen chat met PestProtocol.", cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (command)
        {
            case RecognizedCommand.Help when IsTeamChannel(turnContext.Activity):
                await SendCardAsync(turnContext, WelcomeCards.Channel(), cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Help:
                await SendCardAsync(turnContext, WelcomeCards.Help(await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false), _recognizer.Commands), cancellationToken).ConfigureAwait(false);
                await RepromptIfActiveAsync(dc, cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Stop:
                if (dc.ActiveDialog is null)
                {
                    await turnContext.SendActivityAsync("Er loopt nu niets om te stoppen. Typ 'help' om te zien wat ik kan.", cancellationToken).ConfigureAwait(false);
                    return;
                }

                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                await turnContext.SendActivityAsync("Oké, ik ben gestopt. Wat al in een dossier stond, blijft bewaard. Typ 'help' als je iets anders wilt doen.", cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.ProtocolOverview:
                await SendCardAsync(turnContext, ProtocolCards.Overview(), cancellationToken).ConfigureAwait(false);
                await RepromptIfActiveAsync(dc, cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Appendix appendix:
                await SendCardAsync(turnContext, ProtocolCards.Appendix((AppendixId)appendix.Number), cancellationToken).ConfigureAwait(false);
                await RepromptIfActiveAsync(dc, cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Start start:
                await StartAsync(dc, start, cancellationToken).ConfigureAwait(false);
                return;
        }

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            await turnContext.SendActivityAsync("Dat begreep ik niet helemaal. Hieronder zie je wat ik voor je kan doen.", cancellationToken).ConfigureAwait(false);
            await SendCardAsync(turnContext, WelcomeCards.Help(await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false), _recognizer.Commands), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var action = invokeValue.Action!;
        if (action.Verb is { Length: > 0 } verb && _cardActions.Find(verb) is { } handler)
        {
            var data = action.Data ?? default;
            return await handler.HandleAsync(turnContext, verb, data, cancellationToken).ConfigureAwait(false);
        }

        // Universal Actions from a dialog's card go to the dialog that sent it; the prompt sets the answer.
        var dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        return turnContext.InvokeResponse?.Body as AdaptiveCardInvokeResponse
            ?? AdaptiveCardInvokeResponse.Message("Deze kaart hoort bij een gesprek dat al is afgerond. Typ 'help' om opnieuw te beginnen.");
    }

    private bool TryGetCardAction(Activity activity, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ICardActionHandler? handler, out string verb, out System.Text.Json.JsonElement data)
    {
        handler = null;
        verb = string.Empty;
        data = default;
        if (activity.Value is { ValueKind: System.Text.Json.JsonValueKind.Object } value
            && value.TryGetProperty("verb", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String
            && _cardActions.Find(v.GetString()) is { } found)
        {
            handler = found;
            verb = v.GetString()!;
            data = value;
            return true;
        }

        return false;
    }

    private static async Task SendInvokeAnswerAsMessageAsync(ITurnContext turnContext, AdaptiveCardInvokeResponse answer, CancellationToken cancellationToken)
    {
        switch (answer.Value)
        {
            case BotFramework.Cards.AdaptiveCard card:
                await SendCardAsync(turnContext, card, cancellationToken).ConfigureAwait(false);
                break;
            case string text:
                await turnContext.SendActivityAsync(text, cancellationToken).ConfigureAwait(false);
                break;
            case ErrorDetail error when error.Message is { Length: > 0 } message:
                await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Typeahead for the student picker (Input.ChoiceSet with Data.Query): staff only.</summary>
    protected override async Task<SearchInvokeResponse> OnSearchInvokeAsync(ITurnContext turnContext, SearchInvokeValue searchValue, CancellationToken cancellationToken) =>
        searchValue.Dataset == StudentSearch.Dataset && await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false) == Audience.Staff
            ? await turnContext.GetService<StudentSearch>().AnswerAsync(searchValue, cancellationToken).ConfigureAwait(false)
            : new SearchInvokeResponse();

    private async Task StartAsync(DialogContext dc, RecognizedCommand.Start start, CancellationToken cancellationToken)
    {
        var turnContext = dc.Context;
        var audience = await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (!start.Command.IsFor(audience))
        {
            if (start.Command.Audience == Audience.Staff)
            {
                await SendCardAsync(turnContext, WelcomeCards.StaffOnly(_recognizer.Commands), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await turnContext.SendActivityAsync("Dit onderdeel is bedoeld voor leerlingen. Typ 'help' om te zien wat je wel kunt doen.", cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var options = new CommandOptions(start.Argument);
        if (dc.ActiveDialog is { } active && _dialogs.Find(active.Id) is not SwitchDialogConfirmation)
        {
            var current = _recognizer.Commands.FirstOrDefault(c => c.DialogId == active.Id)?.ActivityName ?? "wat je nu aan het doen bent";
            await dc.AskToSwitchAsync(start.Command.DialogId, current, options, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (dc.ActiveDialog is not null)
        {
            await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }

        await dc.BeginDialogAsync(start.Command.DialogId, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RepromptIfActiveAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Audience> AudienceOfAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var cached = turnContext.TurnState.Get<AudienceHolder>();
        if (cached is not null)
        {
            return cached.Audience;
        }

        var aadObjectId = turnContext.Activity.From?.AadObjectId;
        DirectoryPerson? person;
        try
        {
            person = string.IsNullOrEmpty(aadObjectId) ? null : await _directory.FindPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            // The directory is down and nothing is cached: the safe side for this turn is "student".
            person = null;
        }

        // Anyone the directory does not know as staff is treated as a student: staff functions show case files.
        var audience = person?.IsStaff == true ? Audience.Staff : Audience.Student;
        turnContext.TurnState.Set(new AudienceHolder(audience));
        return audience;
    }

    private static bool IsTeamChannel(Activity activity) =>
        string.Equals(activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);

    private static Task SendCardAsync(ITurnContext turnContext, BotFramework.Cards.AdaptiveCard card, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken);

    private sealed record AudienceHolder(Audience Audience);
}

/// <summary>Options every command dialog receives: what the user typed after the command word.</summary>
public sealed record CommandOptions(string? Argument);
