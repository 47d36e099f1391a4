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
    public async Task An_invalid_Action_Execute_gets_the_same_card_back_with_what_was_filled_in_and_the_reasons_on_it()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Bevestigen", new { omschrijving = "  ", route = "A" })
            .AssertInvokeResponse(response =>
            {
                var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
                Assert.Equal(AdaptiveCardInvokeResponse.CardType, body.Type);
                var card = Assert.IsType<JsonObject>(body.Value);
                Assert.Equal("Vul 'Omschrijving' in.", card["body"]![0]!["text"]!.GetValue<string>());
                Assert.Equal("Eerste kaart", card["body"]![1]!["text"]!.GetValue<string>());
                Assert.Equal("A", InputValue(card, "route"));
                Assert.NotNull(card["actions"]![0]!["data"]![PromptCard.CardIdKey]);
            })
            .AssertNoReply()
            .ClickButton("Opslaan", new { omschrijving = "Geduwd", route = "A" })
            .AssertReply("Eerste: Geduwd / A / opslaan")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_invalid_Action_Submit_updates_its_own_card_in_place_with_the_typed_text_kept_and_the_reason_on_it()
    {
        var harness = TwoCards();
        var typed = "In de pauze duwen ze hem steeds tegen de muur";

        await harness.Flow().Send("start").AssertCardContains("Eerste kaart").StartTestAsync();
        await harness.Flow()
            .Send(SubmitFromLastCard(harness, "Opslaan", new JsonObject { ["omschrijving"] = typed, ["route"] = "A", ["informeren"] = "mentor,ouders" }))
            .AssertNoReply()
            .Do(() =>
            {
                var cardActivityId = harness.Adapter.SentActivities.Last(a => a.Attachments is { Count: > 0 }).Id;
                var updated = Assert.Single(harness.Adapter.UpdatedActivities);
                Assert.Equal(cardActivityId, updated.Id);
                var card = Assert.IsType<JsonObject>(updated.Attachments![0].Content);
                Assert.Equal("'Omschrijving' is te lang: maximaal 20 tekens.", card["body"]![0]!["text"]!.GetValue<string>());
                Assert.Equal(typed, InputValue(card, "omschrijving"));
                Assert.Equal("A", InputValue(card, "route"));
                Assert.Equal("mentor,ouders", InputValue(card, "informeren"));
                return Task.CompletedTask;
            })
            .ClickButton("Opslaan", new { omschrijving = "Geduwd", route = "A" })
            .AssertReply("Eerste: Geduwd / A / opslaan")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_check_only_the_server_can_do_brings_the_card_back_filled_in_with_its_reason()
    {
        var harness = new DialogHarness(() => new ComponentDialog("root")
            .AddDialog(new WaterfallDialog("cards",
            [
                (step, ct) => step.PromptAsync("card", Options("Eerste kaart"), ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync("Opgeslagen: " + step.GetResult<CardSubmit>()!.GetString("omschrijving"), ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]))
            .AddDialog(new CardPrompt("card", check: submit => submit.GetString("route") == "B" ? "Bij route B moeten alle vier de onderwerpen besproken zijn." : null)));

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Gesprek", route = "B" })
            .AssertReply("Bij route B moeten alle vier de onderwerpen besproken zijn.")
            .AssertReply(reply =>
            {
                var card = Assert.IsType<JsonObject>(reply.Attachments![0].Content);
                Assert.Equal("Gesprek", InputValue(card, "omschrijving"));
                Assert.Equal("B", InputValue(card, "route"));
                Assert.Contains(card["body"]!.AsArray(), e => e?["id"]?.GetValue<string>() == CardPrompt.ErrorBlockId);
            })
            .ClickButton("Opslaan", new { omschrijving = "Gesprek", route = "A" })
            .AssertReply("Opgeslagen: Gesprek")
            .StartTestAsync();
    }

    /// <summary>An Action.Submit from the last card, as Teams sends it: <c>replyToId</c> is the card's activity id.</summary>
    private static Activity SubmitFromLastCard(DialogHarness harness, string title, JsonObject inputs)
    {
        var cardActivity = harness.Adapter.SentActivities.Last(a => a.Attachments is { Count: > 0 });
        var card = System.Text.Json.JsonSerializer.SerializeToNode(cardActivity.Attachments![0].Content, BotJson.Options)!;
        var action = card["actions"]!.AsArray().First(a => a?["title"]?.GetValue<string>() == title)!;
        var data = (JsonObject)action["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }

        var submit = harness.Adapter.MakeSubmit(data);
        submit.ReplyToId = cardActivity.Id;
        return submit;
    }

    private static string? InputValue(JsonNode card, string id) =>
        card["body"]!.AsArray().OfType<JsonObject>().First(e => e["id"]?.GetValue<string>() == id)["value"]?.GetValue<string>();

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
    public async Task A_stale_card_that_carries_a_resume_command_says_to_type_it_and_junk_gets_the_plain_answer()
    {
        var harness = TwoCards();

        await harness.Flow()
            .Send("start").AssertCardContains("Eerste kaart")
            .ClickButton("Opslaan", new { omschrijving = "Een", route = "A" }).AssertReply("Eerste: Een / A / opslaan").AssertCardContains("Tweede kaart")
            .ClickButton("Opslaan", new { omschrijving = "Twee", route = "B" }).AssertReply("Tweede: Twee / B / opslaan")
            .ClickButton("Opslaan", new Dictionary<string, object?> { ["omschrijving"] = "Drie", ["route"] = "B", [PromptCard.ResumeKey] = "melding 2026-0002" })
            .AssertReply("Deze kaart hoort bij een gesprek dat al is afgerond; met deze knop gebeurt niets meer. Verder gaan? Typ 'melding 2026-0002'.")
            .AssertNoReply()
            .ClickButton("Opslaan", new Dictionary<string, object?> { ["omschrijving"] = "Vier", ["route"] = "B", [PromptCard.ResumeKey] = "melding {0}'<b>" })
            .AssertReply("Deze kaart hoort bij een gesprek dat al is afgerond. Begin opnieuw als je nog iets wilt doen.")
            .AssertNoReply()
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Stale, harness.LastResult.Status);
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

    /// <summary>A card whose check boxes sit in groups that open on a click, each with a count line.</summary>
    private static JsonObject GroupedCard()
    {
        JsonObject Group(string id, params string[] values) => new()
        {
            ["type"] = "Container",
            ["id"] = id + ".groep",
            ["isVisible"] = false,
            ["items"] = new JsonArray(new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = id, ["label"] = id, ["isMultiSelect"] = true, ["style"] = "expanded",
                ["choices"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["title"] = v, ["value"] = v })]),
            }),
        };
        JsonObject Count(string id, int of) => new() { ["type"] = "TextBlock", ["id"] = id + CardPrompt.ChoiceCountSuffix, ["text"] = $"0 van {of} gekozen" };
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(
                Count("school", 3), Group("school", "a", "b", "c"),
                Count("thuis", 2), Group("thuis", "d", "e"),
                new JsonObject
                {
                    ["type"] = "Container", ["id"] = "extra", ["isVisible"] = false,
                    ["items"] = new JsonArray(new JsonObject { ["type"] = "Input.Toggle", ["id"] = "digitaal", ["title"] = "Digitaal" }),
                }),
        };
    }

    [Fact]
    public void A_card_shown_again_opens_the_groups_where_something_is_chosen_and_counts_what_is_chosen()
    {
        var options = new PromptOptions { Prompt = Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = GroupedCard() }) };
        var submitted = System.Text.Json.JsonSerializer.SerializeToElement(new { school = "a,c", thuis = "", digitaal = "false" });

        var card = CardPrompt.Filled(options, "kaart-1", submitted, "Vul 'Wat heb je gezien of gehoord?' in.")!;

        JsonObject? Element(string id) => card.DescendantsWithId(id);
        Assert.Null(Element("school.groep")!["isVisible"]);
        Assert.Equal("a,c", (string?)Element("school")!["value"]);
        Assert.Equal("2 van 3 gekozen", (string?)Element("school.aantal")!["text"]);
        Assert.False((bool)Element("thuis.groep")!["isVisible"]!);
        Assert.Equal("0 van 2 gekozen", (string?)Element("thuis.aantal")!["text"]);
        Assert.False((bool)Element("extra")!["isVisible"]!);
    }

    [Fact]
    public void A_toggle_that_is_on_opens_its_hidden_part_too()
    {
        var options = new PromptOptions { Prompt = Activity.CreateAttachmentMessage(new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = GroupedCard() }) };
        var submitted = System.Text.Json.JsonSerializer.SerializeToElement(new { digitaal = "true" });

        var card = CardPrompt.Filled(options, "kaart-1", submitted, null)!;

        Assert.Null(card.DescendantsWithId("extra")!["isVisible"]);
        Assert.Equal("0 van 3 gekozen", (string?)card.DescendantsWithId("school.aantal")!["text"]);
        Assert.False((bool)card.DescendantsWithId("school.groep")!["isVisible"]!);
    }
}

internal static class CardJson
{
    /// <summary>The first object in the tree with this id.</summary>
    public static JsonObject? DescendantsWithId(this JsonNode node, string id) => node switch
    {
        JsonObject obj when obj["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == id => obj,
        JsonObject obj => obj.Select(p => p.Value is null ? null : DescendantsWithId(p.Value, id)).FirstOrDefault(f => f is not null),
        JsonArray array => array.Select(c => c is null ? null : DescendantsWithId(c, id)).FirstOrDefault(f => f is not null),
        _ => null,
    };
}
