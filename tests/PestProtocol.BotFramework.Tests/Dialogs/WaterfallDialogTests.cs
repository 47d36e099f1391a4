using System.Text.Json;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Dialogs;

public sealed class WaterfallDialogTests
{
    private sealed record IntakeOptions(string Topic, int Priority);

    private static ComponentDialog Intake() => new ComponentDialog("root")
        .AddDialog(new WaterfallDialog("intake",
        [
            (step, ct) => step.PromptAsync("text", PromptOptions.FromText("Wat is je naam?"), ct),
            async (step, ct) =>
            {
                step.Values.Set("naam", step.GetResult<string>());
                return await step.PromptAsync("text", PromptOptions.FromText("Welke klas?"), ct);
            },
            async (step, ct) =>
            {
                step.Values.Set("klas", step.GetResult<string>());
                var options = step.GetOptions<IntakeOptions>();
                await step.Context.SendActivityAsync(
                    $"{step.Values.Get<string>("naam")} uit {step.Values.Get<string>("klas")} (onderwerp: {options?.Topic ?? "geen"})", ct);
                return await step.EndDialogAsync(step.Values.Get<string>("klas"), ct);
            },
        ]))
        .AddDialog(new TextPrompt("text"));

    [Fact]
    public async Task Steps_advance_and_keep_their_values_across_turns_through_json()
    {
        var harness = new DialogHarness(Intake);

        await harness.Flow()
            .Send("hoi").AssertReply("Wat is je naam?")
            .Do(() =>
            {
                // Between turns the only thing left is the JSON: the prompt is waiting on top of the waterfall.
                using var json = JsonDocument.Parse(harness.State.Json!);
                var stack = json.RootElement.GetProperty("dialogStack")[0].GetProperty("inner").GetProperty("dialogStack");
                Assert.Equal(["intake", "text"], stack.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
                return Task.CompletedTask;
            })
            .Send("Sam").AssertReply("Welke klas?")
            .Send("2B").AssertReply("Sam uit 2B (onderwerp: geen)")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
        Assert.Equal("2B", harness.LastResult.Result);
    }

    [Fact]
    public async Task Begin_options_survive_the_round_trip_and_are_read_typed()
    {
        var harness = new DialogHarness(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("start",
            [
                (step, ct) => step.BeginDialogAsync("intake", new IntakeOptions("pesten op het plein", 2), ct),
            ]))
            .AddDialog(Intake().Dialogs.Find("intake")!)
            .AddDialog(new TextPrompt("text")));

        await harness.Flow()
            .Send("start").AssertReply("Wat is je naam?")
            .Send("Noor").AssertReply("Welke klas?")
            .Send("3A").AssertReply("Noor uit 3A (onderwerp: pesten op het plein)")
            .StartTestAsync();
    }

    [Fact]
    public async Task NextAsync_skips_ahead_without_waiting_for_the_user()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("skip",
        [
            (step, ct) => step.NextAsync("overgeslagen", ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Stap 2 kreeg: {step.Result}", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));

        await harness.Flow()
            .Send("go").AssertReply("Stap 2 kreeg: overgeslagen").AssertNoReply()
            .StartTestAsync();
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
    }

    [Fact]
    public async Task A_child_dialog_returns_its_result_to_the_step_that_began_it()
    {
        var harness = new DialogHarness(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("parent",
            [
                (step, ct) => step.BeginDialogAsync("child", null, ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Kind gaf: {step.Result}", ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]))
            .AddDialog(new WaterfallDialog("child",
            [
                (step, ct) => step.PromptAsync("text", PromptOptions.FromText("Wat wil je doorgeven?"), ct),
                (step, ct) => step.EndDialogAsync($"[{step.Result}]", ct),
            ]))
            .AddDialog(new TextPrompt("text")));

        await harness.Flow()
            .Send("start").AssertReply("Wat wil je doorgeven?")
            .Send("hallo").AssertReply("Kind gaf: [hallo]")
            .StartTestAsync();
    }

    [Fact]
    public async Task ReplaceDialog_restarts_a_loop_with_new_options_without_growing_the_stack()
    {
        var harness = new DialogHarness(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("loop",
            [
                (step, ct) => step.PromptAsync("confirm", PromptOptions.FromText($"Ronde {step.GetOptions<int>() + 1}. Nog een keer?"), ct),
                async (step, ct) => step.GetResult<bool>()
                    ? await step.ReplaceDialogAsync("loop", step.GetOptions<int>() + 1, ct)
                    : await step.EndDialogAsync(step.GetOptions<int>() + 1, ct),
            ]))
            .AddDialog(new ConfirmPrompt("confirm")));

        await harness.Flow()
            .Send("start").AssertCardContains("Ronde 1. Nog een keer?")
            .Send("ja").AssertCardContains("Ronde 2. Nog een keer?")
            .Do(() =>
            {
                using var json = JsonDocument.Parse(harness.State.Json!);
                var inner = json.RootElement.GetProperty("dialogStack")[0].GetProperty("inner").GetProperty("dialogStack");
                Assert.Equal(2, inner.GetArrayLength()); // loop + prompt, not loop + loop + prompt
                return Task.CompletedTask;
            })
            .Send("ja").AssertCardContains("Ronde 3. Nog een keer?")
            .Send("nee").AssertNoReply()
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
        Assert.Equal(3, harness.LastResult.Result);
    }

    [Fact]
    public async Task CancelAllDialogs_empties_the_stack_and_the_next_message_starts_over()
    {
        var harness = new DialogHarness(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("ask",
            [
                (step, ct) => step.PromptAsync("text", PromptOptions.FromText("Vraag 1?"), ct),
                async (step, ct) =>
                {
                    if (step.GetResult<string>() == "weg")
                    {
                        await step.Context.SendActivityAsync("Geannuleerd.", ct);
                        return await step.CancelAllDialogsAsync(ct);
                    }

                    return await step.PromptAsync("text", PromptOptions.FromText("Vraag 2?"), ct);
                },
            ]))
            .AddDialog(new TextPrompt("text")));

        await harness.Flow()
            .Send("start").AssertReply("Vraag 1?")
            .Send("weg").AssertReply("Geannuleerd.")
            .Do(() =>
            {
                Assert.DoesNotContain("\"id\"", harness.State.Json);
                return Task.CompletedTask;
            })
            .Send("opnieuw").AssertReply("Vraag 1?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Values_are_plain_json_in_the_stored_state()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("values",
        [
            async (step, ct) =>
            {
                step.Values.Set("datum", new DateOnly(2027, 3, 12));
                step.Values.Set("aantal", 3);
                await step.Context.SendActivityAsync("Bewaard.", ct);
                return DialogTurnResult.EndOfTurn;
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"{step.Values.Get<DateOnly>("datum"):yyyy-MM-dd} x{step.Values.Get<int>("aantal")}", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));

        await harness.Flow()
            .Send("a").AssertReply("Bewaard.")
            .Do(() =>
            {
                Assert.Contains("\"datum\":\"2027-03-12\"", harness.State.Json);
                return Task.CompletedTask;
            })
            .Send("b").AssertReply("2027-03-12 x3")
            .StartTestAsync();
    }

    [Fact]
    public void A_dialog_set_refuses_two_dialogs_with_the_same_id()
    {
        var set = new DialogSet();
        set.Add(new TextPrompt("x"));
        Assert.Throws<InvalidOperationException>(() => set.Add(new TextPrompt("x")));
    }

    [Fact]
    public void DialogState_serialises_with_the_wire_options()
    {
        var state = new DialogState();
        state.DialogStack.Add(new DialogInstance { Id = "a", State = { ["stepIndex"] = 1 } });
        var copy = BotJson.Deserialize<DialogState>(BotJson.Serialize(state))!;
        Assert.Equal("a", copy.DialogStack[0].Id);
        Assert.Equal(1, copy.DialogStack[0].State["stepIndex"]!.GetValue<int>());
    }
}
