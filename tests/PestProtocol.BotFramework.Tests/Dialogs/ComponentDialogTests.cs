using System.Text.Json;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.BotFramework.Tests.Dialogs;

public sealed class ComponentDialogTests
{
    /// <summary>A reusable component: asks a location and returns it.</summary>
    private sealed class LocationDialog : ComponentDialog
    {
        public LocationDialog()
            : base("location")
        {
            AddDialog(new WaterfallDialog("location.steps",
            [
                (step, ct) => step.PromptAsync("location.choice", PromptOptions.FromText("Welke locatie?"), ct),
                (step, ct) => step.EndDialogAsync(step.GetResult<string>(), ct),
            ]));
            AddDialog(new TextPrompt("location.choice"));
        }
    }

    private static ComponentDialog Root() => new ComponentDialog("root")
        .AddDialog(new WaterfallDialog("main",
        [
            (step, ct) => step.BeginDialogAsync("location", null, ct),
            async (step, ct) =>
            {
                step.Values.Set("locatie", step.GetResult<string>());
                return await step.PromptAsync("text", PromptOptions.FromText("Omschrijving?"), ct);
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"{step.Values.Get<string>("locatie")}: {step.Result}", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]))
        .AddDialog(new LocationDialog())
        .AddDialog(new TextPrompt("text"));

    [Fact]
    public async Task A_nested_component_runs_its_own_stack_and_returns_its_result()
    {
        var harness = new DialogHarness(Root);

        await harness.Flow()
            .Send("start").AssertReply("Welke locatie?")
            .Do(() =>
            {
                // root → main + location; location's own stack (steps + choice) lives inside its instance.
                using var json = JsonDocument.Parse(harness.State.Json!);
                var rootInner = json.RootElement.GetProperty("dialogStack")[0].GetProperty("inner").GetProperty("dialogStack");
                Assert.Equal("location", rootInner[1].GetProperty("id").GetString());
                var locationInner = rootInner[1].GetProperty("inner").GetProperty("dialogStack");
                Assert.Equal(["location.steps", "location.choice"], locationInner.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
                return Task.CompletedTask;
            })
            .Send("zuid").AssertReply("Omschrijving?")
            .Send("ruzie in de kantine").AssertReply("zuid: ruzie in de kantine")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
    }

    [Fact]
    public async Task Cancelling_from_outside_also_clears_the_components_inner_stack()
    {
        var harness = new DialogHarness(Root);

        await harness.Flow()
            .Send("start").AssertReply("Welke locatie?")
            .Do(async () =>
            {
                // A turn in which the bot cancels everything (e.g. on "stop").
                await harness.Adapter.ProcessActivityAsync(harness.Adapter.MakeMessage("x"), async (tc, ct) =>
                {
                    var dc = await new DialogSet(harness.State).Add(Root()).CreateContextAsync(tc, ct);
                    var result = await dc.CancelAllDialogsAsync(ct);
                    Assert.Equal(DialogTurnStatus.Cancelled, result.Status);
                });
                Assert.Equal("{\"dialogStack\":[]}", harness.State.Json);
            })
            .Send("opnieuw").AssertReply("Welke locatie?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Reprompting_a_component_asks_the_inner_question_again()
    {
        var harness = new DialogHarness(Root);

        await harness.Flow()
            .Send("start").AssertReply("Welke locatie?")
            .Do(async () => await harness.Adapter.ProcessActivityAsync(harness.Adapter.MakeMessage("x"), async (tc, ct) =>
            {
                var dc = await new DialogSet(harness.State).Add(Root()).CreateContextAsync(tc, ct);
                await dc.RepromptDialogAsync(ct);
            }))
            .AssertReply("Welke locatie?")
            .Send("noord").AssertReply("Omschrijving?")
            .StartTestAsync();
    }
}
