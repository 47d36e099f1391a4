using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Tests.Dialogs;

/// <summary>
/// A stored dialog stack read over the state document (no second parse of each dialog's state) gives the dialogs
/// exactly what the serializer gave them: the same values, the same lookups, the same JSON written back.
/// </summary>
public class DialogStateJsonTests
{
    public static TheoryData<string, string> StoredStacks() => new()
    {
        { "nothing running", """{"dialogStack":[]}""" },
        { "an empty document", """{}""" },
        {
            "a waterfall inside a component, waiting on a card prompt",
            """{"dialogStack":[{"id":"melding","state":{"stepIndex":2,"values":{"leerling":"Zoë de Boer","n":1.50,"x":null}},"inner":{"dialogStack":[{"id":"stap","state":{"stepIndex":0}},{"id":"kaart","state":{"options":{"prompt":{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Klopt het vermoeden? ‘ja’ – \"nee\""}]}}]},"maxAttempts":3},"attempts":1,"cardId":"p-1"}}]}}]}"""
        },
        { "an instance without state or inner", """{"dialogStack":[{"id":"a"}]}""" },
        { "inner written as null", """{"dialogStack":[{"id":"a","state":{},"inner":null}]}""" },
        { "other casing", """{"DialogStack":[{"ID":"a","State":{"StepIndex":1}}]}""" },
        { "unknown names", """{"dialogStack":[{"id":"a","state":{},"extra":1}],"version":2}""" },
        { "a repeated name", """{"dialogStack":[{"id":"a","id":"b","state":{}}]}""" },
        { "a null state", """{"dialogStack":[{"id":"a","state":null}]}""" },
        { "a null dialog", """{"dialogStack":[null]}""" },
        { "a null stack", """{"dialogStack":null}""" },
    };

    [Theory]
    [MemberData(nameof(StoredStacks))]
    public void A_stored_stack_reads_as_the_serializer_reads_it(string what, string json)
    {
        var element = JsonElement.Parse(json);

        var ours = DialogStateJson.Read(element);
        var theirs = element.Deserialize<DialogState>(BotJson.Options);

        Assert.True(BotJson.Serialize(theirs) == BotJson.Serialize(ours), what);
        Assert.Equal(theirs?.DialogStack?.Count, ours?.DialogStack?.Count);
    }

    [Fact]
    public void A_dialog_finds_its_values_with_the_same_lookups_and_its_changes_are_written()
    {
        var element = JsonElement.Parse("""{"dialogStack":[{"id":"melding","state":{"stepIndex":2,"values":{"leerling":"Zoë"}}}]}""");
        var theirs = element.Deserialize<DialogState>(BotJson.Options)!;

        var ours = DialogStateJson.Read(element)!;
        var state = ours.DialogStack[0].State;

        Assert.NotNull(DialogStateJson.TryRead(element, depth: 0));
        Assert.Equal(theirs.DialogStack[0].State.Options?.PropertyNameCaseInsensitive, state.Options?.PropertyNameCaseInsensitive);
        Assert.Equal((int?)theirs.DialogStack[0].State["StepIndex"], (int?)state["StepIndex"]);
        Assert.Equal("Zoë", (string?)state["values"]!["leerling"]);

        state["stepIndex"] = 3;
        ((JsonObject)state["values"]!)["klas"] = "2B";

        Assert.Equal(
            """{"dialogStack":[{"id":"melding","state":{"stepIndex":3,"values":{"leerling":"Zoë","klas":"2B"}}}]}""",
            BotJson.Serialize(ours));
        Assert.Equal(2, element.GetProperty("dialogStack")[0].GetProperty("state").GetProperty("stepIndex").GetInt32());
    }
}
