using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>A student goes through "anoniem melden" card by card, as in Teams.</summary>
internal static class ReportScript
{
    public const string Story = "In de pauze lachen ze me steeds uit en sturen ze gemene berichten in de klassenapp over mij.";

    public static TestFlow Report(this TestFlow flow, bool online = true, string location = "dewilgen", string story = Story) =>
        flow.Send("anoniem melden")
            .AssertCardContains("Wat is er gebeurd?")
            .ClickButton("Volgende", new { wat = story })
            .AssertCardContains("Gaat het over jou of over iemand anders?")
            .ClickButton("Over mij")
            .AssertCardContains("Waar gebeurt het?")
            .ClickButton("Volgende", new { waar = online ? "online" : "schoolplein" })
            .Then(f => online
                ? f.AssertCardContains("Tips als je online gepest wordt").AssertCardContains("Waar online gebeurt het?").ClickButton("Volgende", new { platform = "whatsapp" })
                : f)
            .AssertCardContains("Sinds wanneer gebeurt het?")
            .ClickButton("Volgende", new { sinds = "paar-weken" })
            .AssertCardContains("Hoe vaak gebeurt het?")
            .ClickButton("Volgende", new { hoevaak = "vaak" })
            .AssertCardContains("Je hoeft geen namen te noemen")
            .ClickButton("Volgende", new { wiedoethet = "", bijwie = "" })
            .AssertCardContains("Op welke locatie zit je?")
            .ClickButton("Volgende", new { locatie = location })
            .AssertCardContains("Klopt dit?")
            .ClickButton("Versturen")
            .AssertCardContains("Je melding is verstuurd");

    private static TestFlow Then(this TestFlow flow, Func<TestFlow, TestFlow> next) => next(flow);
}
