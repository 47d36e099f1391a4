using PestProtocol.BotFramework.Cards;
using PestProtocol.BotFramework.Testing.Cards;

namespace PestProtocol.BotFramework.Tests.Cards;

public class CardValidatorTests
{
    [Fact]
    public void Sample_card_with_every_element_and_action_matches_the_Adaptive_Card_1_5_schema()
    {
        var problems = CardValidator.ValidateAgainstSchema(SampleCards.EveryElementAndAction());

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Sample_card_with_every_element_and_action_parses_cleanly_in_the_adaptivecards_SDK()
    {
        var problems = await CardValidator.ValidateWithAdaptiveCardsJsAsync([SampleCards.EveryElementAndAction()]);

        Assert.Empty(problems);
    }

    [Fact]
    public void Schema_validation_reports_the_unknown_element_the_missing_text_and_the_bad_size()
    {
        var problems = CardValidator.ValidateAgainstSchema(SampleCards.BrokenCardJson);

        Assert.Contains(problems, p => p.Contains("body[0]", StringComparison.Ordinal) && p.Contains("unknown or missing \"type\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("body[1]", StringComparison.Ordinal) && p.Contains("PropertyRequired (text)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("body[2]", StringComparison.Ordinal) && p.Contains("size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adaptivecards_SDK_reports_the_unknown_element_and_the_bad_size()
    {
        var problems = await CardValidator.ValidateWithAdaptiveCardsJsAsync([SampleCards.BrokenCardJson]);

        Assert.Contains(problems, p => p.Contains("UnknownElementType", StringComparison.Ordinal) && p.Contains("Bogus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("InvalidPropertyValue", StringComparison.Ordinal) && p.Contains("size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adaptivecards_SDK_names_which_card_of_several_has_the_problem()
    {
        var good = new AdaptiveCard { Body = [new TextBlock("ok")] }.ToJson();

        var problems = await CardValidator.ValidateWithAdaptiveCardsJsAsync([good, SampleCards.BrokenCardJson, good]);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("card 1:", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Both_validators_report_duplicate_or_missing_input_ids()
    {
        var card = new AdaptiveCard { Body = [new InputText("same"), new InputText("same"), new InputNumber()] };

        var schema = CardValidator.ValidateAgainstSchema(card);
        var sdk = await CardValidator.ValidateWithAdaptiveCardsJsAsync([card]);

        Assert.Contains(schema, p => p.Contains("PropertyRequired (id)", StringComparison.Ordinal));
        Assert.Contains(sdk, p => p.Contains("Duplicate", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Schema_validation_accepts_the_Teams_extensions_but_checks_their_shape()
    {
        var json = """
            {
              "type": "AdaptiveCard", "version": "1.5", "msteams": "Full",
              "body": [ { "type": "Input.ChoiceSet", "id": "s", "choices": [], "choices.data": { "type": "Data.Query", "count": "ten" } } ]
            }
            """;

        var problems = CardValidator.ValidateAgainstSchema(json);

        Assert.Contains("#/msteams: must be an object.", problems);
        Assert.Contains(problems, p => p.Contains("choices.data/count", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("choices.data/dataset: required", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_validation_reports_a_root_that_is_not_a_card()
    {
        Assert.NotEmpty(CardValidator.ValidateAgainstSchema("""{ "type": "Container", "items": [] }"""));
        Assert.NotEmpty(CardValidator.ValidateAgainstSchema("[]"));
        Assert.NotEmpty(CardValidator.ValidateAgainstSchema("not json"));
    }
}
