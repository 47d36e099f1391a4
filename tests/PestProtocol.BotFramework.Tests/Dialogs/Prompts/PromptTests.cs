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

    private static readonly TestClock Tuesday = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1)));

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
        var options = PromptOptions.FromText("Welke datum?");
        options.RetryPrompt = Activity.CreateMessage("Bijvoorbeeld: 12-3 of morgen.");
        var harness = Ask(new DatePrompt("date", Tuesday), options);

        await harness.Flow()
            .Send("start").AssertReply("Welke datum?")
            .Send("ooit").AssertReply("Bijvoorbeeld: 12-3 of morgen.").AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task After_max_attempts_the_prompt_gives_up_with_no_answer()
    {
        var options = PromptOptions.FromText("Welke datum?");
        options.MaxAttempts = 2;
        var harness = Ask(new DatePrompt("date", Tuesday), options);

        await harness.Flow()
            .Send("start").AssertReply("Welke datum?")
            .Send("ooit").AssertReplyContains("Die datum begrijp ik niet").AssertReply("Welke datum?")
            .Send("nooit").AssertReply("Dat lukt zo niet. Ik stop met deze vraag.").AssertReply("Antwoord: (geen)")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("12-3", "2027-03-12")]
    [InlineData("12 maart 2027", "2027-03-12")]
    [InlineData("morgen", "2026-11-25")]
    [InlineData("maandag", "2026-11-30")]
    [InlineData("gisteren", "2026-11-23")]
    public async Task DatePrompt_returns_a_DateOnly_for_dutch_input(string input, string expected)
    {
        var harness = Ask(new DatePrompt("date", Tuesday), PromptOptions.FromText("Wanneer is het gesprek?"),
            r => ((DateOnly)r!).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Tuesday);

        await harness.Flow()
            .Send("start").AssertReply("Wanneer is het gesprek?")
            .Send("volgende maand").AssertReplyContains("Die datum begrijp ik niet").AssertReply("Wanneer is het gesprek?")
            .Send(input).AssertReply($"Antwoord: {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task DatePrompt_uses_the_dutch_calendar_day_not_utc()
    {
        // 23:30 UTC on Tuesday 24 November is already Wednesday in Amsterdam.
        var lateNight = new TestClock(new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.Zero));
        var harness = Ask(new DatePrompt("date", lateNight), PromptOptions.FromText("Wanneer?"),
            r => ((DateOnly)r!).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        await harness.Flow()
            .Send("start").AssertReply("Wanneer?")
            .Send("vandaag").AssertReply("Antwoord: 2026-11-25")
            .StartTestAsync();
    }

    [Fact]
    public async Task DatePrompt_accepts_an_Input_Date_submit()
    {
        var harness = Ask(new DatePrompt("date", Tuesday), PromptOptions.FromText("Wanneer?"),
            r => ((DateOnly)r!).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")));

        await harness.Flow()
            .Send("start").AssertReply("Wanneer?")
            .Submit(new { date = "2027-01-15" }).AssertReply("Antwoord: 15 januari 2027")
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

    private static PromptOptions Routes(ChoiceStyle style = ChoiceStyle.Buttons) => new()
    {
        Prompt = Activity.CreateMessage("Welke route?"),
        Choices =
        [
            new Choice("A", "Route A: gesprek"),
            new Choice("B", "Route B: bemiddeling", ["bemiddelen"]),
            new Choice("C", "Route C: escalatie"),
        ],
        Style = style,
    };

    [Theory]
    [InlineData("B")]
    [InlineData("route b: BEMIDDELING")]
    [InlineData("bemiddelen")]
    [InlineData("2")]
    public async Task ChoicePrompt_recognises_value_title_synonym_and_number(string answer)
    {
        var harness = Ask(new ChoicePrompt("choice"), Routes(), r => ((FoundChoice)r!).Value);

        await harness.Flow()
            .Send("start").AssertCard(card => card.ContainsText("Welke route?") && card.ActionTitles.Count() == 3)
            .Send(answer).AssertReply("Antwoord: B")
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_lists_the_options_after_an_unknown_answer()
    {
        var harness = Ask(new ChoicePrompt("choice"), Routes(), r => ((FoundChoice)r!).Value);

        await harness.Flow()
            .Send("start").AssertCardContains("Welke route?")
            .Send("4").AssertReply("Kies een van deze opties: Route A: gesprek, Route B: bemiddeling, Route C: escalatie.")
            .AssertCardContains("Welke route?")
            .ClickButton("Route C: escalatie").AssertReply("Antwoord: C")
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_can_render_a_choice_set()
    {
        var harness = Ask(new ChoicePrompt("choice"), Routes(ChoiceStyle.ChoiceSet), r => ((FoundChoice)r!).Title);

        await harness.Flow()
            .Send("start").AssertCard(card =>
                card.FindElement("choice")?["type"]?.GetValue<string>() == "Input.ChoiceSet" && card.ActionTitles.SequenceEqual(["Verder"]))
            .ClickButton("Verder", new { choice = "A" }).AssertReply("Antwoord: Route A: gesprek")
            .StartTestAsync();
    }
}
