using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Data.Sqlite;
using PestProtocol.Bot.Tests.Hosting;
using PestProtocol.BotFramework.Testing.Connector;
using Xunit.Abstractions;

namespace PestProtocol.Bot.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the messaging endpoint (issue 16): at least 10 000 generated activities and card submits per
/// run, posted over HTTP to the whole bot (in-process host, SQLite file, fake connector). For every one: no 5xx, no invoke
/// answered with <c>statusCode</c> ≥ 500, and over the whole run no error-level log line, no case, dossier or anonymous
/// report changed, and every conversation's state still loads (the bot answers "help" in each).
/// A failure prints CsCheck's seed; run again with <c>PESTPROTOCOL_FUZZ_SEED=&lt;seed&gt;</c> to reproduce it.
/// <c>PESTPROTOCOL_FUZZ_ITERATIONS</c> raises the count (default 10 000).
/// </summary>
public sealed class EndpointFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SeedVariable = "PESTPROTOCOL_FUZZ_SEED";
    private const string IterationsVariable = "PESTPROTOCOL_FUZZ_ITERATIONS";
    private const string LoneSurrogateMarker = "LONESURROGATEHERE";

    private static readonly string[] Conversations = ["a:fuzz-1", "a:fuzz-2", "a:fuzz-3", "a:fuzz-4", "a:fuzz-5", "a:fuzz-6", "a:fuzz-7", "a:fuzz-8"];
    private static readonly string[] Texts =
    [
        "help", "hulp", "melding", "anoniem melden", "anoniem", "status", "status ABC-DEF", "status 123-456-789", "overzicht", "stop",
        "mijn meldingen", "ja", "nee", "", " ", "/help", "HELP", "🙂", "<at>PestProtocol</at> help", "stoppen", "volgende",
    ];

    private static readonly string[] Verbs =
    [
        "anon.reply", "anon.unlock", "case.refresh", "case.take", "channel.kind", "dossier.choice", "dossier.steps", "melding.card",
        "melding.flow", "melding.intake", "melding.routeA", "melding.routeE", "melding.vervolg", "report.case", "report.close",
        "report.refresh", "report.reply", "report.take", "volgende", "", "unknown.verb",
    ];

    private static readonly string[] DataKeys =
    [
        "wat", "waar", "platform", "sinds", "hoevaak", "wiedoethet", "bijwie", "locatie", "choice", "code", "wachtwoord", "antwoord",
        "reportId", "caseId", "entryId", "promptCardId", "flow", "verb", "session", "leerling", "toelichting", "student", "msteams",
    ];

    private static readonly string[] Strings =
    [
        "anonymous", "anoniem", "versturen", "aanpassen", "stoppen", "over-mij", "schoolplein", "online", "whatsapp", "dewilgen",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "ABC-DEF", "AAAA-BBBB-CCCC", LoneSurrogateMarker, "x" + LoneSurrogateMarker + "y",
        "e2e0c000-0000-4000-a000-000000000006", "29:someone", "<script>", "' OR 1=1 --", "\u0000", "\u202e", new string('w', 3000),
    ];

    private static readonly Gen<char> Letter = Gen.OneOf("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -_:./@ëé€ß\"\\{}[]<>\n\t".ToCharArray());
    private static readonly Gen<string> RandomString = Letter.Array[0, 24].Select(chars => new string(chars));

    private FakeConnector _connector = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _app = new BotApp(_connector, onlyCapturedLogs: true);
        ConnectorUrl = _connector.ServiceUrl.ToString();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_generated_activities_get_no_5xx_no_error_log_no_changed_case_and_state_still_loads()
    {
        var iterations = long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var configured) && configured > 0 ? configured : 10_000;
        var seed = Environment.GetEnvironmentVariable(SeedVariable);
        using var client = _app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);

        // Warm up (migrations, first turn), then take the "before" picture.
        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(_app.Message("help", conversationId: Conversations[0]))).StatusCode);
        var before = await RecordsAsync();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var posted = 0L;
        var watch = Stopwatch.StartNew();

        await ActivityBody.SampleAsync(
            async body =>
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("/api/messages", content);
                Interlocked.Increment(ref posted);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
                }

                var answer = await response.Content.ReadAsStringAsync();
                if (answer.Length > 0 && answer[0] == '{')
                {
                    using var json = JsonDocument.Parse(answer);
                    if (json.RootElement.TryGetProperty("statusCode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() >= 500)
                    {
                        throw new InvalidOperationException($"invoke answered statusCode {code.GetInt32()}: {answer}");
                    }
                }

                var errors = ErrorLines();
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException("error-level log: " + errors[0]);
                }
            },
            writeLine: output.WriteLine,
            seed: seed,
            iter: iterations,
            threads: 4,
            print: body => body.Length > 2000 ? body[..2000] + "…" : body);

        watch.Stop();
        output.WriteLine($"Posted {posted} generated activities in {watch.Elapsed.TotalSeconds:F1} s; statuses: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        Assert.True(posted >= iterations, $"only {posted} of {iterations} activities were posted");
        Assert.Empty(ErrorLines());

        // Nothing about cases, dossiers or anonymous reports changed.
        Assert.Equal(before, await RecordsAsync());

        // Every conversation's state still loads: the bot answers "help" in each, and every stored document is JSON.
        foreach (var conversation in Conversations)
        {
            var calls = _connector.Calls.Count;
            var help = await _app.PostAsync(_app.Message("help", aadObjectId: "e2e0c000-0000-4000-a000-000000000006", conversationId: conversation));
            Assert.Equal(HttpStatusCode.OK, help.StatusCode);
            var replies = await _connector.WaitForCallsAsync(calls + 1, TimeSpan.FromSeconds(30));
            Assert.NotNull(replies[calls].Activity);
        }

        foreach (var document in await QueryAsync("SELECT document FROM bot_state"))
        {
            using var _ = JsonDocument.Parse(document);
        }

        Assert.Empty(ErrorLines());
    }

    /// <summary>A whole POST body: mostly an activity (valid, nearly valid or broken), sometimes not JSON at all.</summary>
    private static Gen<string> ActivityBody =>
        Gen.Frequency<string>(
            (40, Activity.Select(Serialize)),
            (1, RandomString),
            (1, Activity.Select(a => Serialize(a)).Select(json => json.Length > 10 ? json[..(json.Length / 2)] : json)),
            (1, Gen.OneOf<string>("null", "[]", "{}", "\"message\"", "42", "{\"type\":\"message\"}", "{\"type\":null,\"from\":{}}")));

    private static Gen<JsonObject> Activity =>
        from type in Gen.Frequency<string>((8, Gen.Const("message")), (5, Gen.Const("invoke")), (2, Gen.Const("conversationUpdate")), (1, Gen.OneOf("installationUpdate", "messageReaction", "typing", "event", "endOfConversation", "Message", "")))
        from conversation in Gen.OneOf(Conversations)
        from user in Gen.OneOf("29:fuzz-student", "29:fuzz-other", "29:fuzz-mentor")
        from aad in Gen.Frequency<string?>((6, Gen.Const<string?>((string?)"e2e0c000-0000-4000-a000-000000000006")), (3, Gen.Const((string?)null)), (2, Gen.Const<string?>((string?)"f0220000-0000-4000-a000-00000000beef")), (1, Gen.Const<string?>((string?)"e2e0c000-0000-4000-a000-000000000001")))
        from text in Gen.Frequency<string>((6, Gen.OneOf(Texts)), (2, RandomString), (1, Gen.OneOf(Strings)))
        from name in Gen.Frequency<string>((8, Gen.Const("adaptiveCard/action")), (2, Gen.Const("application/search")), (1, Gen.OneOf("composeExtension/query", "task/fetch", "signin/verifyState", "", "config/fetch")))
        from value in CardValue(type)
        from breakage in Breakage
        select Build(type, conversation, user, aad, text, name, value, breakage);

    /// <summary>What to break in an otherwise well-formed activity (0 = nothing).</summary>
    private static Gen<(int Field, JsonNode? Junk)> Breakage =>
        Gen.Frequency<(int Field, JsonNode? Junk)>(
            (6, Gen.Const(((int, JsonNode?))(0, null))),
            (4, from slot in Gen.Int[1, 14] from junk in Scalar select (slot, junk)));

    private static Gen<JsonNode?> CardValue(string type) =>
        Gen.Frequency<JsonNode?>(
            (4, from verb in Gen.OneOf(Verbs) from data in DataObject select type == "invoke"
                ? (JsonNode?)new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" }
                : Merge(data, new JsonObject { ["verb"] = verb })),
            (2, DataObject.Select(d => (JsonNode?)d)),
            (1, from kind in Gen.OneOf("search", "searchAnswer") from query in Scalar from dataset in Gen.OneOf("students", "x")
                select (JsonNode?)new JsonObject { ["kind"] = kind, ["queryText"] = query, ["dataset"] = dataset, ["queryOptions"] = new JsonObject { ["skip"] = 0, ["top"] = 15 } }),
            (2, Json(2)),
            (2, Gen.Const((JsonNode?)null)));

    private static Gen<JsonObject> DataObject =>
        from keys in Gen.OneOf(DataKeys).Array[0, 5]
        from values in Scalar.Array[5]
        select Object(keys, values);

    private static Gen<JsonNode?> Scalar =>
        Gen.Frequency<JsonNode?>(
            (4, Gen.OneOf(Strings).Select(s => (JsonNode?)JsonValue.Create(s))),
            (3, RandomString.Select(s => (JsonNode?)JsonValue.Create(s))),
            (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
            (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5))),
            (1, Gen.Const((JsonNode?)null)));

    private static Gen<JsonNode?> Json(int depth) =>
        depth <= 0
            ? Scalar
            : Gen.Frequency<JsonNode?>(
                (4, Scalar),
                (1, Json(depth - 1).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
                (2, from keys in Gen.OneOf(DataKeys).Array[0, 3] from values in Json(depth - 1).Array[3] select (JsonNode?)Object(keys, values)));

    private static JsonObject Object(string[] keys, JsonNode?[] values)
    {
        var result = new JsonObject();
        for (var i = 0; i < keys.Length; i++)
        {
            result[keys[i]] = values[i % Math.Max(values.Length, 1)]?.DeepClone();
        }

        return result;
    }

    private static JsonObject Merge(JsonObject data, JsonObject extra)
    {
        foreach (var (key, value) in extra)
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    private static JsonObject Build(string type, string conversation, string user, string? aad, string text, string name, JsonNode? value, (int Field, JsonNode? Junk) breakage)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "http://127.0.0.1:1/_placeholder",
            ["from"] = new JsonObject { ["id"] = user, ["name"] = "Fuzz Tester", ["aadObjectId"] = aad },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "PestProtocol" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = "e2e0a000-0000-4000-a000-00000000a001" },
            ["locale"] = "nl-NL",
        };
        if (type == "message")
        {
            activity["text"] = value is null ? text : null;
            activity["value"] = value?.DeepClone();
        }
        else if (type == "invoke")
        {
            activity["name"] = name;
            activity["value"] = value?.DeepClone();
        }
        else if (type == "conversationUpdate")
        {
            activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot" }, new JsonObject { ["id"] = user });
        }

        switch (breakage.Field)
        {
            case 1: activity.Remove("from"); break;
            case 2: activity["from"]!["id"] = breakage.Junk?.DeepClone(); break;
            case 3: activity["membersAdded"] = new JsonArray(null, breakage.Junk?.DeepClone()); break;
            case 4: activity["text"] = breakage.Junk?.DeepClone(); break;
            case 5: activity["value"] = breakage.Junk?.DeepClone(); break;
            case 6: activity["name"] = breakage.Junk?.DeepClone(); break;
            case 7: activity["conversation"] = breakage.Junk?.DeepClone(); break;
            case 8: activity["serviceUrl"] = breakage.Junk?.DeepClone(); break;
            case 9: activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = breakage.Junk?.DeepClone() }, ["eventType"] = breakage.Junk?.DeepClone() }; break;
            case 10: activity["type"] = breakage.Junk?.DeepClone(); break;
            case 11: activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = breakage.Junk?.DeepClone(), ["content"] = breakage.Junk?.DeepClone() }); break;
            case 12: activity["entities"] = new JsonArray(breakage.Junk?.DeepClone()); break;
            case 13: activity["from"]!["aadObjectId"] = breakage.Junk?.DeepClone(); break;
            case 14: activity["channelId"] = breakage.Junk?.DeepClone(); break;
        }

        return activity;
    }

    /// <summary>The JSON text, with the fake connector's address and lone UTF-16 surrogates (which JsonNode cannot hold) put in.</summary>
    private static string Serialize(JsonObject activity) =>
        activity.ToJsonString()
            .Replace("http://127.0.0.1:1/_placeholder", ConnectorUrl, StringComparison.Ordinal)
            .Replace(LoneSurrogateMarker, "\\ud83d", StringComparison.Ordinal);

    private static string ConnectorUrl { get; set; } = "";

    private List<string> ErrorLines()
    {
        lock (_app.LogLines)
        {
            return [.. _app.LogLines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal))];
        }
    }

    /// <summary>Every row of every table about cases, dossiers and anonymous reports, as text.</summary>
    private async Task<List<string>> RecordsAsync()
    {
        // anonymous_unlock_throttles is left out: a generated "anon.unlock" with a wrong code or passphrase is counted
        // toward the lock there (issue 16: a wrong passphrase counts), which is the lock working, not a changed record.
        var tables = await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE '%case%' OR name LIKE '%dossier%' OR name LIKE 'anonymous%') AND name <> 'anonymous_unlock_throttles' ORDER BY name");
        Assert.NotEmpty(tables);
        var rows = new List<string>();
        foreach (var table in tables)
        {
            rows.Add("table " + table);
            rows.AddRange(await QueryAsync($"SELECT * FROM \"{table}\""));
        }

        return rows;
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "pestprotocol.db")};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
