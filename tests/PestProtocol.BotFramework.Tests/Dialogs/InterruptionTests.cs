using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.BotFramework.Tests.Dialogs;

/// <summary>
/// The interruption pattern a bot builds with the engine: the root <see cref="ComponentDialog"/> looks at
/// every message first (<c>OnContinueDialogAsync</c>) for "help", "stop"/"annuleer" and other commands.
/// </summary>
public sealed class InterruptionTests
{
    private sealed class SampleBotDialog : ComponentDialog
    {
        private static readonly Dictionary<string, (string DialogId, string Name)> Commands = new(StringComparer.OrdinalIgnoreCase)
        {
            ["melding"] = ("melding", "de melding"),
            ["afspraak"] = ("afspraak", "de afspraak"),
        };

        public SampleBotDialog(TimeProvider clock)
            : base("main")
        {
            AddDialog(new WaterfallDialog("melding",
            [
                (step, ct) => step.PromptAsync("text", PromptOptions.FromText("Wat is er gebeurd?"), ct),
                async (step, ct) =>
                {
                    step.Values.Set("wat", step.GetResult<string>());
                    return await step.PromptAsync("date", PromptOptions.FromText("Wanneer was het?"), ct);
                },
                async (step, ct) =>
                {
                    step.Values.Set("wanneer", step.GetResult<string>());
                    return await step.PromptAsync("confirm", PromptOptions.FromText("Melding opslaan?"), ct);
                },
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync(
                        $"Opgeslagen: {step.Values.Get<string>("wat")} op {step.Values.Get<string>("wanneer")}.", ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new WaterfallDialog("afspraak",
            [
                (step, ct) => step.PromptAsync("date", PromptOptions.FromText("Op welke dag is de afspraak?"), ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Afspraak op {step.GetResult<string>()}.", ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new TextPrompt("text"));
            AddDialog(new TextPrompt("date"));
            AddDialog(new ConfirmPrompt("confirm"));
            AddDialog(new SwitchDialogConfirmation());
        }

        protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
        {
            if (Commands.TryGetValue(innerDc.Context.Activity.Text?.Trim() ?? "", out var command))
            {
                return await innerDc.BeginDialogAsync(command.DialogId, null, cancellationToken);
            }

            await innerDc.Context.SendActivityAsync("Typ 'melding' of 'afspraak'.", cancellationToken);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
        {
            var text = innerDc.Context.Activity.Text?.Trim().ToLowerInvariant();
            switch (text)
            {
                case "help":
                    await innerDc.Context.SendActivityAsync("Beantwoord de vraag, of typ 'stop' om te stoppen.", cancellationToken);
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return DialogTurnResult.EndOfTurn;
                case "stop" or "annuleer":
                    await innerDc.CancelAllDialogsAsync(cancellationToken);
                    await innerDc.Context.SendActivityAsync("Oké, ik ben gestopt. Er is niets opgeslagen.", cancellationToken);
                    return new DialogTurnResult(DialogTurnStatus.Cancelled);
            }

            if (text is not null && Commands.TryGetValue(text, out var command) && innerDc.Stack.Count > 0
                && Commands.Values.FirstOrDefault(c => c.DialogId == innerDc.Stack[0].Id) is { DialogId: not null } current)
            {
                return await innerDc.AskToSwitchAsync(command.DialogId, current.Name, null, cancellationToken);
            }

            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }

    private static readonly TestClock Clock = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1)));

    private static DialogHarness Bot() => new(() => new SampleBotDialog(Clock));

    [Fact]
    public async Task Help_shows_help_and_then_asks_the_current_question_again()
    {
        await Bot().Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("iemand werd uitgescholden").AssertReply("Wanneer was het?")
            .Send("help").AssertReply("Beantwoord de vraag, of typ 'stop' om te stoppen.").AssertReply("Wanneer was het?")
            .Send("gisteren").AssertCardContains("Melding opslaan?")
            .Send("HELP").AssertReplyContains("typ 'stop'").AssertCardContains("Melding opslaan?")
            .ClickButton("Ja").AssertReply("Opgeslagen: iemand werd uitgescholden op gisteren.")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("Annuleer")]
    public async Task Stop_cancels_every_dialog_with_a_dutch_confirmation(string command)
    {
        var bot = Bot();

        await bot.Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("duwen bij de fietsen").AssertReply("Wanneer was het?")
            .Send(command).AssertReply("Oké, ik ben gestopt. Er is niets opgeslagen.").AssertNoReply()
            .Do(() =>
            {
                Assert.Equal("{\"dialogStack\":[]}", bot.State.Json);
                return Task.CompletedTask;
            })
            .Send("morgen").AssertReply("Typ 'melding' of 'afspraak'.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Another_command_asks_whether_to_stop_and_no_returns_to_the_same_question()
    {
        await Bot().Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("spullen afgepakt").AssertReply("Wanneer was het?")
            .Send("afspraak").AssertCard(card => card.ContainsText("Wil je stoppen met de melding?") && card.ActionTitles.SequenceEqual(["Ja", "Nee"]))
            .Send("nee").AssertReply("Wanneer was het?")
            .Send("maandag").AssertCardContains("Melding opslaan?")
            .Send("ja").AssertReply("Opgeslagen: spullen afgepakt op maandag.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Another_command_and_yes_leaves_the_current_dialog_and_starts_the_new_one()
    {
        var bot = Bot();

        await bot.Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("afspraak").AssertCardContains("Wil je stoppen met de melding?")
            .Send("misschien").AssertReply("Antwoord met ja of nee.").AssertCardContains("Wil je stoppen met de melding?")
            .ClickButton("Ja").AssertReply("Op welke dag is de afspraak?")
            .Do(() =>
            {
                Assert.DoesNotContain("\"melding\"", bot.State.Json);
                return Task.CompletedTask;
            })
            .Send("12 maart").AssertReply("Afspraak op 12 maart.")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_old_stop_question_card_is_stale_once_answered()
    {
        var bot = Bot();

        await bot.Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("afspraak").AssertCardContains("Wil je stoppen met de melding?")
            .ClickButton("Nee").AssertReply("Wat is er gebeurd?")
            .ClickButton("Ja") // the same, already answered card
            .AssertReply("Deze kaart hoort bij een eerdere vraag. Gebruik de laatste kaart in dit gesprek.")
            .Send("uitgelachen").AssertReply("Wanneer was het?")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Waiting, bot.LastResult.Status);
    }

    [Fact]
    public async Task Help_during_the_stop_question_repeats_that_question()
    {
        await Bot().Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("afspraak").AssertCardContains("Wil je stoppen met de melding?")
            .Send("help").AssertReplyContains("typ 'stop'").AssertCardContains("Wil je stoppen met de melding?")
            .Send("melding").AssertCardContains("Wil je stoppen met de melding?") // a newer command replaces the question, no pile-up
            .Send("ja").AssertReply("Wat is er gebeurd?")
            .StartTestAsync();
    }
}
