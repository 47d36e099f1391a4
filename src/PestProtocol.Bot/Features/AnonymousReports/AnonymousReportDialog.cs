using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.State;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>
/// "Anoniem melden": what happened → about you or someone else → where (→ which platform, and the Bijlage 5 tips at
/// once) → since when → how often → who (optional) → location → "Klopt dit?" → sent, with code and passphrase.
/// The answers live only in this dialog's state; sending or stopping removes them, and the conversation-state
/// document too when nothing else is in it. The dialog never reads who the sender is.
/// </summary>
public sealed class AnonymousReportDialog : ComponentDialog
{
    /// <summary>The dialog id the command begins.</summary>
    public const string DialogId = "anonymous-report";

    private const string PromptId = DialogId + ".card";
    private const string DraftKey = "draft";

    private const string NotUnderstood =
        "Ik begrijp nog niet goed wat er is gebeurd. Kun je het in een paar woorden vertellen? Bijvoorbeeld wat ze doen of zeggen. Het hoeft niet perfect.";

    private readonly IDirectory _directory;
    private readonly SenderRateLimit _rateLimit;
    private readonly ConversationState _conversationState;
    private readonly Cases.TurnScoped<AnonymousReportService> _reports;

    private readonly ReplyNoticeOptions _replyNotice;

    public AnonymousReportDialog(IDirectory directory, SenderRateLimit rateLimit, ConversationState conversationState, Cases.TurnScoped<AnonymousReportService> reports, Microsoft.Extensions.Options.IOptions<AnonymousReportOptions> options)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _replyNotice = options.Value.ReplyNotice;
        _reports = reports;
        _directory = directory;
        _rateLimit = rateLimit;
        _conversationState = conversationState;
        AddDialog(new WaterfallDialog(DialogId + ".steps")
            .AddStep(AskWhatAsync)
            .AddStep(AskAboutAsync)
            .AddStep(AskPlaceAsync)
            .AddStep(AskPlatformAsync)
            .AddStep(AskSinceAsync)
            .AddStep(AskFrequencyAsync)
            .AddStep(AskWhoAsync)
            .AddStep(AskLocationAsync)
            .AddStep(ConfirmAsync)
            .AddStep(FinishAsync));
        AddDialog(new CardPrompt(PromptId, ValidateAsync));
    }

    /// <summary>What the dialog is begun with when the student chose "Aanpassen": the answers so far.</summary>
    public sealed record EditOptions(ReportDraft Draft);

    protected override async Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        var ended = await outerDc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        if (outerDc.Parent is null && outerDc.ActiveDialog is null)
        {
            await ConversationStateCleanup.ForgetIfEmptyAsync(_conversationState, outerDc.Context, cancellationToken).ConfigureAwait(false);
        }

        return ended;
    }

    private static ReportDraft Draft(WaterfallStepContext step) => step.Values.Get<ReportDraft>(DraftKey) ?? new ReportDraft();

    private static void Save(WaterfallStepContext step, ReportDraft draft) => step.Values.Set(DraftKey, draft);

    private async Task<DialogTurnResult> AskWhatAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (!_rateLimit.MaySend(step.Context))
        {
            await step.Context.SendActivityAsync(
                "Je hebt vandaag al een paar meldingen gestuurd. Die komen allemaal bij de school aan. Wil je iets toevoegen? Typ dan 'status' met je code. Morgen kun je weer een nieuwe melding maken.",
                cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var draft = step.GetOptions<EditOptions>()?.Draft ?? new ReportDraft();
        Save(step, draft);
        var retry = Activity.CreateAttachmentMessage(StudentCards.WhatHappened(null).ToAttachment());
        retry.Text = NotUnderstood;
        return await step.PromptAsync(PromptId, new PromptOptions
        {
            Prompt = Activity.CreateAttachmentMessage(StudentCards.WhatHappened(draft.WhatHappened).ToAttachment()),
            RetryPrompt = retry,
            Validations = [new CardInputRule { Id = StudentCards.WhatId, Label = "Wat is er gebeurd", Required = true, MaxLength = ReportLimits.WhatHappened }],
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskAboutAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        Save(step, Draft(step) with { WhatHappened = Answer(step, StudentCards.WhatId) });
        return await AskAsync(step, StudentCards.About(),
            [new CardInputRule { Id = StudentCards.ChoiceKey, Label = "Over wie", Required = true, AllowedValues = ReportChoices.Values(ReportChoices.About) }], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskPlaceAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step) with { About = Answer(step, StudentCards.ChoiceKey) };
        Save(step, draft);
        return await AskAsync(step, StudentCards.Place(draft.Place), [Choice(StudentCards.PlaceId, "Waar", ReportChoices.Places)], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskPlatformAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step) with { Place = Answer(step, StudentCards.PlaceId) };
        Save(step, draft);
        if (!draft.IsDigital)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        await step.Context.SendActivityAsync(Activity.CreateAttachmentMessage(StudentCards.DigitalTips().ToAttachment()), cancellationToken).ConfigureAwait(false);
        return await AskAsync(step, StudentCards.Platform(draft.Platform), [Choice(StudentCards.PlatformId, "Waar online", ReportChoices.Platforms)], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskSinceAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step);
        draft = draft with { Platform = draft.IsDigital ? Answer(step, StudentCards.PlatformId) : null };
        Save(step, draft);
        return await AskAsync(step, StudentCards.Since(draft.Since), [Choice(StudentCards.SinceId, "Sinds wanneer", ReportChoices.Since)], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskFrequencyAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step) with { Since = Answer(step, StudentCards.SinceId) };
        Save(step, draft);
        return await AskAsync(step, StudentCards.Frequency(draft.Frequency), [Choice(StudentCards.FrequencyId, "Hoe vaak", ReportChoices.Frequencies)], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskWhoAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step) with { Frequency = Answer(step, StudentCards.FrequencyId) };
        Save(step, draft);
        return await AskAsync(step, StudentCards.Who(draft.WhoDoesIt, draft.WhoIsTargeted),
        [
            new CardInputRule { Id = StudentCards.WhoDoesItId, Label = "Wie doet het", MaxLength = ReportLimits.Names },
            new CardInputRule { Id = StudentCards.WhoIsTargetedId, Label = "Bij wie", MaxLength = ReportLimits.Names },
        ], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskLocationAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step) with
        {
            WhoDoesIt = NullIfBlank(Answer(step, StudentCards.WhoDoesItId)),
            WhoIsTargeted = NullIfBlank(Answer(step, StudentCards.WhoIsTargetedId)),
        };
        Save(step, draft);
        var locations = await _directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        if (locations.Count == 1)
        {
            Save(step, draft with { LocationId = locations[0].Id });
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        return await AskAsync(step, StudentCards.Location(locations, draft.LocationId),
            [new CardInputRule { Id = StudentCards.LocationId, Label = "Locatie", Required = true, AllowedValues = [.. locations.Select(l => l.Id)] }], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step);
        if (step.Result is CardSubmit)
        {
            draft = draft with { LocationId = Answer(step, StudentCards.LocationId) };
            Save(step, draft);
        }

        var locations = await _directory.GetLocationsAsync(cancellationToken).ConfigureAwait(false);
        var name = locations.FirstOrDefault(l => l.Id == draft.LocationId)?.Name ?? draft.LocationId ?? "";
        return await AskAsync(step, StudentCards.Summary(draft, name),
            [new CardInputRule { Id = StudentCards.ChoiceKey, Required = true, AllowedValues = ["versturen", "aanpassen", "stoppen"] }], cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var draft = Draft(step);
        switch (Answer(step, StudentCards.ChoiceKey))
        {
            case "aanpassen":
                return await step.ReplaceDialogAsync(step.Dialogs.Find(DialogId + ".steps")!.Id, new EditOptions(draft), cancellationToken).ConfigureAwait(false);

            case "stoppen":
                await step.Context.SendActivityAsync("Oké, je melding is niet verstuurd en ik heb niets bewaard. Je kunt altijd opnieuw beginnen met 'anoniem melden'.", cancellationToken).ConfigureAwait(false);
                return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (!_rateLimit.MaySend(step.Context))
        {
            await step.Context.SendActivityAsync("Je hebt vandaag al een paar meldingen gestuurd, daarom kan ik deze nu niet versturen. Probeer het morgen nog eens, of praat met een volwassene die je vertrouwt.", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var service = _reports.In(step.Context);
        var (_, credentials) = await service.SubmitAsync(draft, cancellationToken).ConfigureAwait(false);
        _rateLimit.Count(step.Context);
        await step.Context.SendActivityAsync(Activity.CreateAttachmentMessage(StudentCards.Sent(credentials, _replyNotice).ToAttachment()), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A report text must tell something; otherwise the prompt's retry (a kind word and the question again).</summary>
    private static Task<bool> ValidateAsync(PromptValidatorContext<CardSubmit> prompt, CancellationToken cancellationToken) =>
        Task.FromResult(prompt.Recognized.Succeeded
            && (!prompt.Recognized.Value!.Data.ContainsKey(StudentCards.WhatId) || ReportTextCheck.TellsSomething(prompt.Recognized.Value.GetString(StudentCards.WhatId))));

    private static Task<DialogTurnResult> AskAsync(WaterfallStepContext step, BotFramework.Cards.AdaptiveCard card, List<CardInputRule> rules, CancellationToken cancellationToken) =>
        step.PromptAsync(PromptId, new PromptOptions { Prompt = Activity.CreateAttachmentMessage(card.ToAttachment()), Validations = rules }, cancellationToken);

    private static CardInputRule Choice(string id, string label, IReadOnlyList<ReportChoice> choices) =>
        new() { Id = id, Label = label, Required = true, AllowedValues = ReportChoices.Values(choices) };

    private static string? Answer(WaterfallStepContext step, string key) => (step.Result as CardSubmit)?.GetString(key)?.Trim();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
