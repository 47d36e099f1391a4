using PestProtocol.Bot.CardActions;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Commands;
using PestProtocol.Bot.Features.Melding;
using PestProtocol.Bot.Features.PersonalChat;
using PestProtocol.Bot.Features.StudentSide;
using PestProtocol.Bot.Features.TellMentor;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;
using PestProtocol.Domain.Appendices;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Bots;

/// <summary>
/// The bot's front door: greets on install, answers "help" at any moment, lets "stop" leave any dialog,
/// starts the dialog a command names (asking first when another one is running), and otherwise hands
/// the turn to the dialog that is waiting for an answer. In a group chat or a channel, where others read along, it shows
/// no student, case or anonymous report: it says briefly that this goes on in the person's own chat, and goes on there
/// (<see cref="IPersonalChats"/>). A student who writes that something is wrong gets a kind answer with what they can do.
/// </summary>
public sealed class PestProtocolBot : ActivityHandler
{
    /// <summary>Said in a group chat or channel when the person's own chat was reached.</summary>
    public const string ContinuedInPersonalChat = "Hier lezen anderen mee, dus ik ga verder in je eigen chat met PestProtocol. Kijk bij je chats.";

    /// <summary>Said in a group chat or channel when the person's own chat could not be reached.</summary>
    public const string OpenYourPersonalChat = "Hier lezen anderen mee, dus dit doe ik alleen in je eigen chat met PestProtocol. Open die chat (zoek in Teams naar PestProtocol) en typ het daar nog eens.";

    /// <summary>The first line in the person's own chat when they came from a group chat or channel.</summary>
    public const string ArrivedFromSharedChat = "Je schreef me in een gesprek waar anderen meelezen. Hier, in je eigen chat, ziet alleen jij wat ik antwoord.";

    private readonly DialogSet _dialogs;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;
    private readonly CommandRecognizer _recognizer;

    // The help card depends only on the audience and on whether the reader is a coordinator (the commands are fixed at
    // start): built and serialised once per pair and shared as JSON. Sending it copies the JSON instead of walking the
    // card's object model on every help (that walk was 7 % of a help turn's CPU).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Audience Audience, bool Coordinator), SerializedJson> _helpCards = new();
    private readonly IDirectory _directory;
    private readonly CardActionRouter _cardActions;
    private readonly IPersonalChats _personalChats;
    private readonly StudentSearch _studentSearch;

    public PestProtocolBot(ConversationState conversationState, IEnumerable<Dialog> dialogs, CommandRecognizer recognizer, IDirectory directory, CardActionRouter cardActions, IPersonalChats personalChats, StudentSearch studentSearch)
    {
        _personalChats = personalChats;
        _studentSearch = studentSearch;
        _cardActions = cardActions;
        ArgumentNullException.ThrowIfNull(conversationState);
        _dialogState = conversationState.CreateProperty<DialogState>("dialogState");
        _dialogs = new DialogSet(_dialogState);
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
        else if (botAdded && ConversationPlace.IsShared(activity))
        {
            await SendCardAsync(turnContext, WelcomeCards.GroupChat(), cancellationToken).ConfigureAwait(false);
        }
        else if (botAdded)
        {
            var audience = await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await SendCardAsync(turnContext, WelcomeCards.Welcome(audience, _recognizer.Commands), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var shared = ConversationPlace.IsShared(activity);

        // Action.Submit fallback of an alert card's Universal Action: {"verb": "...", ...}. Alert cards go to personal
        // chats and (without names) to the coordinators' channel; never answered in a group chat.
        if (TryGetCardAction(activity, out var handler, out var verb, out var data))
        {
            if (shared && !IsChannelCardVerb(activity, verb))
            {
                await turnContext.SendActivityAsync(OpenYourPersonalChat, cancellationToken).ConfigureAwait(false);
                return;
            }

            var answer = await handler.HandleAsync(turnContext, verb, data, cancellationToken).ConfigureAwait(false);
            await SendInvokeAnswerAsMessageAsync(turnContext, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        var command = _recognizer.Recognize(activity);
        if (shared)
        {
            // No dialog state is read or written for a shared conversation (only the channel commands have dialogs).
            await OnSharedConversationMessageAsync(turnContext, command, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A conversation with no stored dialog state that ends this turn with nothing running stores none either (help,
        // "stop" with nothing to stop, a question it did not understand): an empty stack reads the same as no document,
        // and not writing it spares the first turn of every chat a database write. A stored state is kept as it was.
        DialogState? created = null;
        await _dialogState.GetAsync(turnContext, () => created = new DialogState(), cancellationToken).ConfigureAwait(false);
        var dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await OnPersonalMessageAsync(dc, command, cancellationToken).ConfigureAwait(false);
        if (created is not null && dc.Stack.Count == 0)
        {
            await _dialogState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A message in the person's own chat: a command, or the answer to the dialog that is waiting.</summary>
    private async Task OnPersonalMessageAsync(DialogContext dc, RecognizedCommand? command, CancellationToken cancellationToken)
    {
        var turnContext = dc.Context;
        var activity = turnContext.Activity;
        if (SuggestedTrigger(activity) is { } trigger)
        {
            turnContext.TurnState.Set(new SuggestedIntake(trigger));
        }

        switch (command)
        {
            case RecognizedCommand.Help:
                await SendCardAsync(turnContext, await HelpCardAsync(turnContext, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                await RepromptIfActiveAsync(dc, cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Stop:
                if (dc.ActiveDialog is null)
                {
                    await turnContext.SendActivityAsync("Er loopt nu niets om te stoppen. Typ 'help' om te zien wat ik kan.", cancellationToken).ConfigureAwait(false);
                    return;
                }

                var code = CaseCodeIn(dc);
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                await turnContext.SendActivityAsync(
                    await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false) == Audience.Staff ? StoppedText(code) : StoppedForStudent,
                    cancellationToken).ConfigureAwait(false);
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
            if (await KindAnswerAsync(turnContext, activity.Text, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await turnContext.SendActivityAsync("Dat begreep ik niet helemaal. Hieronder zie je wat ik voor je kan doen.", cancellationToken).ConfigureAwait(false);
            await SendCardAsync(turnContext, await HelpCardAsync(turnContext, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A message in a group chat or channel. Only what shows nothing of a student stays here: help, the protocol's own
    /// texts (group chat), linking the coordinators' channel (channel). Everything else goes on in the person's own chat.
    /// </summary>
    private async Task OnSharedConversationMessageAsync(ITurnContext turnContext, RecognizedCommand? command, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var channel = IsTeamChannel(activity);

        // A dialog left in a shared conversation (from before this rule) is never continued here: nothing below does.
        switch (command)
        {
            case RecognizedCommand.Help:
                await SendCardAsync(turnContext, channel ? WelcomeCards.Channel() : WelcomeCards.GroupChat(), cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Start { Command.DialogId: Features.CoordinatorsChannel.CoordinatorsChannelDialog.LinkDialogId or Features.CoordinatorsChannel.CoordinatorsChannelDialog.UnlinkDialogId } link when channel:
                await StartAsync(await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false), link, cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.ProtocolOverview when !channel:
                await SendCardAsync(turnContext, ProtocolCards.Overview(), cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Appendix appendix when !channel:
                await SendCardAsync(turnContext, ProtocolCards.Appendix((AppendixId)appendix.Number), cancellationToken).ConfigureAwait(false);
                return;

            case RecognizedCommand.Start start:
                await ContinueInPersonalChatAsync(turnContext, async (personal, ct) =>
                {
                    var personalDc = await _dialogs.CreateContextAsync(personal, ct).ConfigureAwait(false);
                    await personal.SendActivityAsync(ArrivedFromSharedChat, ct).ConfigureAwait(false);
                    await StartAsync(personalDc, start, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                return;
        }

        var typed = PromptCard.TryGetSubmittedData(activity, out _) ? null : activity.Text;
        var distress = DistressPhrases.Recognize(CommandRecognizer.Normalize(typed));
        if (distress != DistressLevel.None)
        {
            // Nothing of what was written is repeated here.
            await ContinueInPersonalChatAsync(turnContext, async (personal, ct) =>
            {
                await personal.SendActivityAsync(ArrivedFromSharedChat, ct).ConfigureAwait(false);
                if (!await KindAnswerAsync(personal, typed, ct).ConfigureAwait(false))
                {
                    await SendCardAsync(personal, await HelpCardAsync(personal, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (channel)
        {
            await turnContext.SendActivityAsync("In een kanaal kan ik alleen dit kanaal koppelen of ontkoppelen voor de anti-pestcoördinatoren (@PestProtocol koppel kanaal). Meldingen en dossiers doe je in je eigen chat met PestProtocol: hier leest iedereen mee.", cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendCardAsync(turnContext, WelcomeCards.GroupChat(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="inPersonalChat"/> as a turn in the sender's own chat and says so, briefly, where they wrote.</summary>
    private async Task ContinueInPersonalChatAsync(ITurnContext sharedTurn, BotCallbackHandler inPersonalChat, CancellationToken cancellationToken)
    {
        var reference = await _personalChats.FindOrOpenAsync(sharedTurn.Activity, cancellationToken).ConfigureAwait(false);
        if (reference is null)
        {
            await sharedTurn.SendActivityAsync(OpenYourPersonalChat, cancellationToken).ConfigureAwait(false);
            return;
        }

        await sharedTurn.Adapter.ContinueConversationAsync(reference, inPersonalChat, cancellationToken).ConfigureAwait(false);
        await sharedTurn.SendActivityAsync(ContinuedInPersonalChat, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A student's message that sounds like bullying or distress gets the kind answer; true when it did.</summary>
    private async Task<bool> KindAnswerAsync(ITurnContext turnContext, string? text, CancellationToken cancellationToken)
    {
        var level = DistressPhrases.Recognize(CommandRecognizer.Normalize(text));
        if (level == DistressLevel.None || await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false) != Audience.Student)
        {
            return false;
        }

        await SendCardAsync(turnContext, StudentSideCards.KindAnswer(level), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The help card for this person: students see only what a student can do; only coordinators see "koppel kanaal".</summary>
    private async Task<SerializedJson> HelpCardAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var audience = await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var person = turnContext.TurnState.Get<AudienceHolder>()?.Person;
        var coordinator = person?.HasRole(StaffRole.AntiPestCoordinator) == true;
        return _helpCards.GetOrAdd((audience, coordinator), static (key, recognizer) =>
        {
            var commands = recognizer.Commands
                .Where(c => key.Coordinator || c.DialogId is not (Features.CoordinatorsChannel.CoordinatorsChannelDialog.LinkDialogId or Features.CoordinatorsChannel.CoordinatorsChannelDialog.UnlinkDialogId))
                .ToList();
            return SerializedJson.Of(WelcomeCards.Help(key.Audience, commands));
        }, _recognizer);
    }

    /// <summary>"Start stap 1" on a student's message to the mentor carries the answer to "Hoe kwam het vermoeden?".</summary>
    private static SuspicionTrigger? SuggestedTrigger(Activity activity) =>
        activity.Value is { ValueKind: System.Text.Json.JsonValueKind.Object } value
        && value.TryGetProperty(TellMentorCards.TriggerKey, out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String
        && Enum.TryParse<SuspicionTrigger>(t.GetString(), out var trigger) && Enum.IsDefined(trigger)
            ? trigger
            : null;

    /// <summary>The case code ("2026-0007") of the /melding that is running, when the dialog state holds one.</summary>
    private static string? CaseCodeIn(DialogContext dc)
    {
        foreach (var instance in dc.Stack)
        {
            if (FindCode(instance.State) is { } code)
            {
                return code;
            }

            if (instance.Inner is { } inner && FindCode(System.Text.Json.JsonSerializer.SerializeToNode(inner, BotJson.Options)) is { } innerCode)
            {
                return innerCode;
            }
        }

        return null;

        static string? FindCode(System.Text.Json.Nodes.JsonNode? node)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (key == "code" && child is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text)
                            && System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{1,6}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50)))
                        {
                            return text;
                        }

                        if (FindCode(child) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case System.Text.Json.Nodes.JsonArray array:
                    return array.Select(FindCode).FirstOrDefault(c => c is not null);
                default:
                    return null;
            }
        }
    }

    /// <summary>What "stop" says to a student (nothing of an unfinished report or message was sent).</summary>
    public const string StoppedForStudent = "Oké, ik ben gestopt. Er is niets verstuurd. Typ 'help' als je iets anders wilt doen.";

    /// <summary>What "stop" says to staff: with the case code, how to go on later.</summary>
    public static string StoppedText(string? caseCode) => caseCode is null
        ? "Oké, ik ben gestopt. Wat al in een dossier stond, blijft bewaard. Typ 'help' als je iets anders wilt doen."
        : $"Oké, ik ben gestopt met melding {caseCode}. Wat je al had vastgelegd, blijft in het dossier; wat nog op de open kaart stond, is niet bewaard. Verder gaan? Typ 'melding {caseCode}'.";

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var action = invokeValue.Action!;
        var shared = ConversationPlace.IsShared(turnContext.Activity);
        if (shared && !IsChannelCardVerb(turnContext.Activity, action.Verb))
        {
            // Only the coordinators' channel card (without names) is answered where others read along.
            return AdaptiveCardInvokeResponse.Message(OpenYourPersonalChat);
        }

        if (action.Verb is { Length: > 0 } verb && _cardActions.Find(verb) is { } handler)
        {
            var data = action.Data ?? default;
            return await handler.HandleAsync(turnContext, verb, data, cancellationToken).ConfigureAwait(false);
        }

        if (shared)
        {
            return AdaptiveCardInvokeResponse.Message(OpenYourPersonalChat);
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
            ? await _studentSearch.AnswerAsync(searchValue, cancellationToken).ConfigureAwait(false)
            : new SearchInvokeResponse();

    private async Task StartAsync(DialogContext dc, RecognizedCommand.Start start, CancellationToken cancellationToken)
    {
        var turnContext = dc.Context;
        var audience = await AudienceOfAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (!start.Command.IsFor(audience) && !start.Command.OpenToOthers)
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
        turnContext.TurnState.Set(new AudienceHolder(audience, person));
        return audience;
    }

    /// <summary>A verb of the coordinators' channel copy of an alert ("Ik pak dit op"), pressed in a channel.</summary>
    private static bool IsChannelCardVerb(Activity activity, string? verb) =>
        IsTeamChannel(activity) && verb is Features.Alerts.CaseAlertCard.TakeVerb or Features.Alerts.CaseAlertCard.RefreshVerb;

    private static bool IsTeamChannel(Activity activity) =>
        string.Equals(activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);

    private static Task SendCardAsync(ITurnContext turnContext, BotFramework.Cards.AdaptiveCard card, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(Activity.CreateAttachmentMessage(card.ToAttachment()), cancellationToken);

    /// <summary>A card already serialised (<see cref="HelpCardAsync"/>): its bytes go out as they are.</summary>
    private static Task SendCardAsync(ITurnContext turnContext, SerializedJson card, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }), cancellationToken);

    private sealed record AudienceHolder(Audience Audience, DirectoryPerson? Person);
}

/// <summary>Options every command dialog receives: what the user typed after the command word.</summary>
public sealed record CommandOptions(string? Argument);
