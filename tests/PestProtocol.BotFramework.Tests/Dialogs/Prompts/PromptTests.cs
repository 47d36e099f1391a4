using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.BotFramework.Tests.Dialogs.Prompts;

public sealed class PromptTests
{
    /// <summary>A waterfall that asks once with <paramref name="prompt"/> and echoes the answer.</summary>
    private static DialogHarness Ask(Dialog prompt, PromptOptions options, Func<object?, string>? echo = null, TimeProvider? clock = null) =>
        new(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("ask",
            [
                (step, ct) => step.PromptAsync(prompt.Id, options, ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Antwoord: {(echo ?? (r => r?.ToString() ?? "(geen)"))(step.Result)}", ct);
                    return await step.EndDialogAsync(step.Result, ct);
                },
            ]))
            .AddDialog(prompt), clock);

    [Fact]
    public async Task TextPrompt_accepts_text_and_asks_again_for_an_empty_message()
    {
        var harness = Ask(new TextPrompt("text"), PromptOptions.FromText("Wat is er gebeurd?"));

        await harness.Flow()
            .Send("start").AssertReply("Wat is er gebeurd?")
            .Send("   ").AssertReply("Ik heb geen tekst ontvangen. Probeer het nog eens.").AssertReply("Wat is er gebeurd?")
            .Send("  Een ruzie  ").AssertReply("Antwoord: Een ruzie")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_custom_validator_can_refuse_and_explain()
    {
        var prompt = new TextPrompt("text", async (context, ct) =>
        {
            if (context.Recognized.Value?.Length >= 3)
            {
                return true;
            }

            await context.Context.SendActivityAsync($"Minstens 3 tekens (poging {context.AttemptCount}).", ct);
            return false;
        });
        var harness = Ask(prompt, PromptOptions.FromText("Naam?"));

        await harness.Flow()
            .Send("start").AssertReply("Naam?")
            .Send("Al").AssertReply("Minstens 3 tekens (poging 1).").AssertNoReply()
            .Send("Ali").AssertReply("Antwoord: Ali")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_retry_prompt_replaces_the_default_retry()
    {
        var options = PromptOptions.FromText("Opslaan?");
        options.RetryPrompt = Activity.CreateMessage("Typ ja of nee, of gebruik de knoppen.");
        var harness = Ask(new ConfirmPrompt("confirm"), options);

        await harness.Flow()
            .Send("start").AssertCardContains("Opslaan?")
            .Send("misschien").AssertReply("Typ ja of nee, of gebruik de knoppen.").AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task After_max_attempts_the_prompt_gives_up_with_no_answer()
    {
        var options = PromptOptions.FromText("Opslaan?");
        options.MaxAttempts = 2;
        var harness = Ask(new ConfirmPrompt("confirm"), options);

        await harness.Flow()
            .Send("start").AssertCardContains("Opslaan?")
            .Send("misschien").AssertReplyContains("Antwoord met ja of nee").AssertCardContains("Opslaan?")
            .Send("weet ik niet").AssertReply("Dat lukt zo niet. Ik stop met deze vraag.").AssertReply("Antwoord: (geen)")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("ja", true)]
    [InlineData("Ja!", true)]
    [InlineData("j", true)]
    [InlineData("ok", true)]
    [InlineData("oké", true)]
    [InlineData("klopt", true)]
    [InlineData("yes", true)]
    [InlineData("nee", false)]
    [InlineData("N", false)]
    [InlineData("no", false)]
    [InlineData("klopt niet", false)]
    public async Task ConfirmPrompt_understands_dutch_and_english_yes_and_no(string answer, bool expected)
    {
        var harness = Ask(new ConfirmPrompt("confirm"), PromptOptions.FromText("Klopt de melding?"));

        await harness.Flow()
            .Send("start").AssertCard(card => card.ContainsText("Klopt de melding?") && card.ActionTitles.SequenceEqual(["Ja", "Nee"]))
            .Send("misschien").AssertReply("Antwoord met ja of nee.").AssertCardContains("Klopt de melding?")
            .Send(answer).AssertReply($"Antwoord: {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task ConfirmPrompt_buttons_answer_the_question()
    {
        var harness = Ask(new ConfirmPrompt("confirm"), PromptOptions.FromText("Doorgaan?"));

        await harness.Flow()
            .Send("start").AssertCardContains("Doorgaan?")
            .ClickButton("Nee").AssertReply("Antwoord: False")
            .StartTestAsync();
    }

    [Fact]
    public async Task ConfirmPrompt_speaks_english_when_the_turn_says_so()
    {
        var harness = Ask(new ConfirmPrompt("confirm"), PromptOptions.FromText("Continue?"));
        harness.Adapter.Use(new EnglishTexts());

        await harness.Flow()
            .Send("start").AssertCard(card => card.ActionTitles.SequenceEqual(["Yes", "No"]))
            .Send("perhaps").AssertReply("Please answer yes or no.").AssertCardContains("Continue?")
            .StartTestAsync();
    }

    private sealed class EnglishTexts : PestProtocol.BotFramework.Builder.IMiddleware
    {
        public Task OnTurnAsync(PestProtocol.BotFramework.Builder.ITurnContext turnContext, PestProtocol.BotFramework.Builder.NextDelegate next, CancellationToken cancellationToken)
        {
            turnContext.TurnState.Set(DialogTexts.English);
            return next(cancellationToken);
        }
    }
}
