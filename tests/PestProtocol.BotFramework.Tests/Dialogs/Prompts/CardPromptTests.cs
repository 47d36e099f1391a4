using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Dialogs.Prompts;

public sealed class CardPromptTests
{
    /// <summary>A card as a caller would build it: inputs, a Submit and an Execute button. No prompt ids in it.</summary>
    private static JsonObject ReportCard(string title) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["wrap"] = true },
            new JsonObject { ["type"] = "Input.Text", ["id"] = "omschrijving", ["label"] = "Omschrijving" },
            new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = "route", ["label"] = "Route",
                ["choices"] = new JsonArray(
                    new JsonObject { ["title"] = "Route A", ["value"] = "A" },
                    new JsonObject { ["title"] = "Route B", ["value"] = "B" }),
            },
            new JsonObject { ["type"] = "Input.ChoiceSet", ["id"] = "informeren", ["label"] = "Wie informeren", ["isMultiSelect"] = true }),
        ["actions"] = new JsonArray(
            new JsonObject { ["type"] = "Action.Submit", ["title"] = "Opslaan", ["data"] = new JsonObject { ["actie"] = "opslaan" } },
            new JsonObject
            {
                ["type"] = "Action.Execute", ["title"] = "Bevestigen", ["verb"] = "bevestig",
                ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = "Bevestigen" },
            }),
    };

    private static PromptOptions Options(string title) => new()
    {
        Prompt = Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = ReportCard(title) }),
        Validations =
        [
            new CardInputRule { Id = "omschrijving", Label = "Omschrijving", Required = true, MaxLength = 20 },
            new CardInputRule { Id = "route", Label = "Route", Required = true, AllowedValues = ["A", "B"] },
            new CardInputRule { Id = "informeren", Label = "Wie informeren", MultiSelect = true, AllowedValues = ["mentor", "ouders", "ib"] },
        ],
    };

    /// <summary>Two card questions in a row; the bot answers each with what it received.</summary>
    private static DialogHarness TwoCards() => new(() => new ComponentDialog("root")
        .AddDialog(new WaterfallDialog("cards",
        [
            (step, ct) => step.PromptAsync("card", Options("Eerste kaart"), ct),
            async (step, ct) =>
            {
                var submit = step.GetResult<CardSubmit>()!;
                await step.Context.SendActivityAsync(Describe("Eerste", submit), ct);
                return await step.PromptAsync("card", Options("Tweede kaart"), ct);
            },
            async (step, ct) =>
            {
                var submit = step.GetResult<CardSubmit>()!;
                if (submit.IsExecute)
                {
                    // An Action.Execute may replace the card it came from.
                    step.Context.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(
                        SimpleCard.Create("Bevestigd", [])));
                }
                else
                {
                    await step.Context.SendActivityAsync(Describe("Tweede", submit), ct);
                }

                return await step.EndDialogAsync(null, ct);
            },
        ]))
        .AddDialog(new CardPrompt("card")));

    private static string Describe(string which, CardSubmit submit) =>
        $"{which}: {submit.GetString("omschrijving")} / {submit.GetString("route")} / {submit.Verb ?? submit.GetString("actie")}"
        + (submit.Data.ContainsKey(PromptCard.CardIdKey) ? " (met kaart-id)" : "");

    [Fact]
    public async Task A_valid_submit_from_its_own_card_ends_the_prompt_with_the_data()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Uitgelachen", route = "B", informeren = "mentor,ouders" })
            .AssertReply("Eerste: Uitgelachen / B / opslaan")
            .AssertCardContains("Tweede kaart")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_prompt_stamps_its_id_into_every_action_of_a_copy_of_the_callers_card()
    {
        var options = Options("Kaart");
        var harness = new DialogHarness(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("w", [(step, ct) => step.PromptAsync("card", options, ct)]))
            .AddDialog(new CardPrompt("card")));

        await harness.Flow()
            .Send("start").AssertCard(card =>
                card.Actions.Count == 3 // Opslaan, Bevestigen and its fallback
                && card.Actions.All(a => a["data"]?[PromptCard.CardIdKey]?.GetValue<string>() is { Length: 32 })
                && card.FindAction("Opslaan")!["data"]!["actie"]!.GetValue<string>() == "opslaan")
            .StartTestAsync();

        Assert.DoesNotContain(PromptCard.CardIdKey, ((JsonObject)options.Prompt!.Attachments![0].Content!).ToJsonString());
    }

    [Fact]
    public async Task A_missing_required_input_is_explained_in_dutch_and_the_card_is_shown_again()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "  ", route = "" })
            .AssertReply("Vul 'Omschrijving' in.\n\nVul 'Route' in.")
            .AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Geduwd", route = "A" })
            .AssertReply("Eerste: Geduwd / A / opslaan")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_value_that_is_not_allowed_is_refused()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Geduwd", route = "Z" })
            .AssertReply("Bij 'Route' kan dat niet. Kies uit: A, B.")
            .AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Geduwd", route = "A", informeren = "mentor,directeur" })
            .AssertReply("Bij 'Wie informeren' kan dat niet. Kies uit: mentor, ouders, ib.")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_value_longer_than_allowed_is_refused()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = new string('x', 21), route = "A" })
            .AssertReply("'Omschrijving' is te lang: maximaal 20 tekens.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Typing_instead_of_using_the_card_asks_to_use_the_buttons()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .Send("route B").AssertReply("Gebruik de knoppen op de kaart.").AssertCardContains("Eerste kaart")
            .StartTestAsync();
    }

    [Fact]
    public async Task Action_Execute_is_answered_with_a_200_invoke_response()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Bevestigen", new { omschrijving = "Buitengesloten", route = "A" })
            .AssertInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, "Ontvangen.")
            .AssertReply("Eerste: Buitengesloten / A / bevestig")
            .AssertCardContains("Tweede kaart")
            .ClickButton("Bevestigen", new { omschrijving = "Nog eens", route = "B" })
            .AssertInvokeResponse(200, AdaptiveCardInvokeResponse.CardType, "Bevestigd")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task An_invalid_Action_Execute_gets_the_reasons_in_the_invoke_response_and_the_card_stays()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Bevestigen", new { route = "A" })
            .AssertInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, "Vul 'Omschrijving' in.")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_button_on_the_card_of_an_earlier_question_is_refused_and_the_current_card_stays_open()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Een", route = "A" }).AssertReply("Eerste: Een / A / opslaan").AssertCardContains("Tweede kaart")
            .ClickButton("Opslaan", new { omschrijving = "Oud", route = "A" }, cardsBack: 1)
            .AssertReply("Deze kaart hoort bij een eerdere vraag. Gebruik de laatste kaart in dit gesprek.")
            .AssertNoReply()
            .Do(() =>
            {
                Assert.Equal(DialogTurnStatus.Stale, harness.LastResult.Status);
                return Task.CompletedTask;
            })
            .ClickButton("Opslaan", new { omschrijving = "Nieuw", route = "B" }).AssertReply("Tweede: Nieuw / B / opslaan")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_button_on_a_card_of_a_finished_dialog_is_stale_and_starts_nothing()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Een", route = "A" }).AssertReply("Eerste: Een / A / opslaan").AssertCardContains("Tweede kaart")
            .ClickButton("Opslaan", new { omschrijving = "Twee", route = "B" }).AssertReply("Tweede: Twee / B / opslaan")
            .ClickButton("Opslaan", new { omschrijving = "Drie", route = "B" })
            .AssertReply("Deze kaart hoort bij een gesprek dat al is afgerond. Begin opnieuw als je nog iets wilt doen.")
            .AssertNoReply() // the dialog did not begin again
            .ClickButton("Bevestigen", new { omschrijving = "Vier", route = "B" })
            .AssertInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, "gesprek dat al is afgerond")
            .AssertNoReply()
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Stale, harness.LastResult.Status);
        Assert.Equal("{\"dialogStack\":[]}", harness.State.Json);
    }
}
