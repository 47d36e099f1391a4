using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Tests.Melding;

/// <summary>
/// What the user sees stays what it was: every reply of a walk through routes A, B, C (with a refused submit that brings
/// the card back filled in), D and E, written as the connector writes it, is compared with the rendering kept in
/// <c>Golden/</c> (made from main before the card path was made cheaper). Texts, ids, submit data and the order of
/// every property must match byte for byte; only what differs per run is named instead (each prompt's card id by
/// its order, dates as DATE (what a date is set to is per case; the school's day and the test's differ around midnight), the year in a case code).
/// Set <c>PESTPROTOCOL_WRITE_GOLDEN=1</c> to write the files anew (then review the diff).
/// </summary>
public sealed partial class StepCardRenderingTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAndDeleteDatabaseAsync();

    [Fact]
    public async Task Route_b_and_its_follow_up_render_as_before()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.RouteB(MeldingPathTests.UpToRouteChoice(talk))
            .Click("Vervolgafspraak plannen", new Dictionary<string, object?> { ["afsprakenNagekomen"] = "true", ["pestenHoudtAan"] = "false", ["vervolgdatum"] = MeldingConversation.InDays(14), ["tekst"] = "Afspraken worden nagekomen." })
            .Expect("Typ later 'melding 20")
            .Say($"melding {CaseCodes.First}").Expect("Wat wil je nu doen?")
            .Click("Herstelgesprek").Expect("Bijlage 8")
            .RunAsync();

        AssertAsBefore("route-b", talk);
    }

    [Fact]
    public async Task Route_a_renders_as_before()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk)
            .Click("Route A", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap A.1")
            .Click("Vastleggen", Fill.Text("Les over pesten en de gevolgen, met een pesttest.", new() { ["tipsGegeven"] = "true" })).Expect("Stap A.2")
            .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap A.3")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later 'melding 20")
            .RunAsync();

        AssertAsBefore("route-a", talk);
    }

    [Fact]
    public async Task Route_c_with_a_refused_submit_renders_as_before()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.UpToRouteChoice(talk, digital: true)
            .Click("Route C", new Dictionary<string, object?> { ["samenMetLeerling"] = "true" }).Expect("Stap C.1")
            .Click("Gesprek vastleggen", Fill.Text("Ze weet niet wie de berichten stuurt.")).Expect("Vink 'De tips van bijlage 5 zijn gegeven' aan.")
            .Click("Gesprek vastleggen", Fill.Text("Ze weet niet wie de berichten stuurt.", new() { ["tipsGegeven"] = "true" })).Expect("Stap C.2")
            .Say("help").Expect("Stap C.2")
            .Click("Ouders zijn geïnformeerd", Fill.Parents()).Expect("Stap C.3")
            .Click("Notitie vastleggen", Fill.Text("Screenshots bewaard.")).Expect("Stap C.4")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later 'melding 20")
            .RunAsync();

        AssertAsBefore("route-c", talk);
    }

    [Fact]
    public async Task Route_d_renders_as_before()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.RouteB(MeldingPathTests.UpToRouteChoice(talk))
            .Click("Vervolgafspraak plannen", new Dictionary<string, object?> { ["afsprakenNagekomen"] = "false", ["pestenHoudtAan"] = "true", ["tekst"] = "Lars gaat gewoon door." })
            .Expect("Stap 4 – Keuze uit route D / E")
            .Click("Route D").Expect("Stap D.1")
            .Click("Vastleggen", Fill.Text("Teamleider en IB ingeschakeld.")).Expect("Stap D.2")
            .Click("Gesprek vastleggen", Fill.Text("Confronterend gesprek met Lars en zijn ouders.", new() { ["afspraken"] = "Excuses aan Sanne" })).Expect("Stap D.3")
            .Click("Ouders zijn ingelicht", Fill.Parents()).Expect("Stap D.4")
            .Click("Notitie vastleggen", Fill.Text("Alles vastgelegd.")).Expect("Stap D.5")
            .Click("Vervolgmoment vastleggen", Fill.FollowUp()).Expect("Typ later 'melding 20")
            .RunAsync();

        AssertAsBefore("route-d", talk);
    }

    [Fact]
    public async Task Route_e_and_the_not_confirmed_step_1_render_as_before()
    {
        var talk = new MeldingConversation(_bot, BotHarness.Anouk);
        await MeldingPathTests.RouteAThenE(MeldingPathTests.UpToRouteChoice(talk))
            .Say("melding").Expect("Over welke leerling gaat het?")
            .Click("Verder", new Dictionary<string, object?> { ["leerlingNaam"] = "Lars" }).Expect("Wat heb je gezien of gehoord?")
            .Click("Melding vastleggen", Fill.Intake()).Expect("Klopt het vermoeden?")
            .Click("Nee, het klopt niet").Expect("Vul 'Notitie' in.")
            .Click("Dat weet ik nog niet").Expect("Dan wacht de melding")
            .RunAsync();

        AssertAsBefore("route-e", talk);
    }

    private static void AssertAsBefore(string name, MeldingConversation talk)
    {
        var rendered = Render(talk.Adapter.SentActivities, talk.Adapter.UpdatedActivities);
        var file = Path.Combine(GoldenFolder(), name + ".txt");
        if (Environment.GetEnvironmentVariable("PESTPROTOCOL_WRITE_GOLDEN") == "1")
        {
            File.WriteAllText(file, rendered);
            return;
        }

        var expected = File.ReadAllText(file).ReplaceLineEndings("\n");
        var expectedLines = expected.Split('\n');
        var renderedLines = rendered.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, renderedLines.Length); i++)
        {
            var before = i < expectedLines.Length ? expectedLines[i] : "(nothing)";
            var now = i < renderedLines.Length ? renderedLines[i] : "(nothing)";
            Assert.True(before == now, $"{name}, reply {i + 1} differs from Golden/{name}.txt.\nbefore: {before}\nnow:    {now}");
        }
    }

    /// <summary>One line per reply (sent, then updated), as the connector writes it, with what differs per run named.</summary>
    private static string Render(IReadOnlyList<Activity> sent, IReadOnlyList<Activity> updated)
    {
        var cardIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var (kind, activity) in sent.Select(a => ("sent", a)).Concat(updated.Select(a => ("updated", a))))
        {
            var json = JsonNode.Parse(BotJson.Serialize(activity))!.AsObject();
            foreach (var volatileProperty in new[] { "id", "timestamp", "localTimestamp", "replyToId", "conversation", "from", "recipient", "serviceUrl", "channelId", "locale" })
            {
                json.Remove(volatileProperty);
            }

            var line = json.ToJsonString(BotJson.Options);
            line = CardId().Replace(line, m =>
            {
                if (!cardIds.TryGetValue(m.Groups[1].Value, out var named))
                {
                    cardIds[m.Groups[1].Value] = named = "card-" + (cardIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                }

                return $"\"{Dialogs.CardIdKey}\":\"{named}\"";
            });
            line = Date().Replace(line, "DATE");
            line = CaseCode().Replace(line, "YYYY-$1");
            text.Append(kind).Append(' ').Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string GoldenFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    private static class Dialogs
    {
        public const string CardIdKey = BotFramework.Dialogs.Prompts.PromptCard.CardIdKey;
    }

    [GeneratedRegex("\"promptCardId\":\"([0-9a-f]{32})\"")]
    private static partial Regex CardId();

    /// <summary>A date as the cards write it: 2026-12-20 (inputs), 20-12-2026 (texts), 20 december 2026.</summary>
    [GeneratedRegex(@"\b(\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}|\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4})\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\b20\d\d-(\d{4})\b")]
    private static partial Regex CaseCode();
}
