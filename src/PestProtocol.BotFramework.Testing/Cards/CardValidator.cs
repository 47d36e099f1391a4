using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.BotFramework.Testing.Cards;

/// <summary>
/// Checks Adaptive Card JSON for tests with two independent validators: the official Adaptive Card
/// 1.5 JSON schema (vendored in <c>tests/schemas</c>, checked with NJsonSchema) and the parser of
/// the npm <c>adaptivecards</c> 3.0.6 SDK (<c>tests/card-validator/validate.js</c>, run with Node).
/// Both return an empty list for a valid card and one line per problem otherwise.
/// </summary>
public static class CardValidator
{
    private const string SchemaRelativePath = "tests/schemas/adaptive-card-1.5.schema.json";
    private const string NodeValidatorRelativePath = "tests/card-validator";
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan NpmCiTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);
    private static readonly Lazy<JsonSchema> LazySchema = new(LoadSchema);

    /// <summary>The folder that holds PestProtocol.sln.</summary>
    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    /// <summary>Validates a card from the model against the Adaptive Card 1.5 schema.</summary>
    public static IReadOnlyList<string> ValidateAgainstSchema(AdaptiveCard card) => ValidateAgainstSchema(card.ToJson());

    /// <summary>
    /// Validates card JSON against the official Adaptive Card 1.5 schema. Two Teams host extensions
    /// that schema does not describe are checked here and then removed before validating:
    /// <c>msteams</c> on the card and <c>choices.data</c> (Data.Query) on Input.ChoiceSet.
    /// </summary>
    public static IReadOnlyList<string> ValidateAgainstSchema(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return [$"Not JSON: {e.Message}"];
        }

        if (root is not JsonObject card)
            return ["A card must be a JSON object."];

        var problems = new List<string>();
        if (card["type"]?.GetValueKind() != JsonValueKind.String || (string?)card["type"] != "AdaptiveCard")
            problems.Add("#/type: the root \"type\" must be \"AdaptiveCard\".");

        if (card.Remove("msteams", out var msteams) && msteams is not JsonObject)
            problems.Add("#/msteams: must be an object.");
        RemoveDataQueries(card, "#", problems);

        foreach (var error in LazySchema.Value.Validate(card.ToJsonString()))
            Describe(error, problems);
        return problems;
    }

    /// <summary>Validates cards from the model with the adaptivecards JS parser.</summary>
    public static Task<IReadOnlyList<string>> ValidateWithAdaptiveCardsJsAsync(
        IEnumerable<AdaptiveCard> cards, CancellationToken cancellationToken = default) =>
        ValidateWithAdaptiveCardsJsAsync(cards.Select(c => c.ToJson()), cancellationToken);

    /// <summary>
    /// Parses and validates each card JSON with the npm <c>adaptivecards</c> 3.0.6 SDK in Node and
    /// returns its parse and validation events as "card N: [Phase] Event: message". Runs
    /// <c>npm ci</c> in tests/card-validator once when its node_modules is missing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateWithAdaptiveCardsJsAsync(
        IEnumerable<string> cardsJson, CancellationToken cancellationToken = default)
    {
        var cards = new JsonArray();
        foreach (var json in cardsJson)
            cards.Add(JsonNode.Parse(json));

        var folder = Path.Combine(RepositoryRoot, NodeValidatorRelativePath);
        await EnsureNodeModulesAsync(folder, cancellationToken);

        var run = await RunAsync("node", ["validate.js", "--json"], folder, cards.ToJsonString(), NodeTimeout, cancellationToken);
        if (run.ExitCode is not (0 or 1))
            throw new InvalidOperationException($"validate.js failed with exit code {run.ExitCode}: {run.Error}");

        var results = JsonNode.Parse(run.Output)?.AsArray()
            ?? throw new InvalidOperationException("validate.js printed no result.");
        var problems = new List<string>();
        foreach (var result in results)
        {
            foreach (var e in result!["events"]!.AsArray())
                problems.Add($"{(string?)result["name"]}: [{(string?)e!["phase"]}] {(string?)e["event"]}: {(string?)e["message"]}");
        }
        return problems;
    }

    private static void RemoveDataQueries(JsonNode? node, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)(obj["type"] as JsonValue) == "Input.ChoiceSet" && obj.Remove("choices.data", out var query))
                    CheckDataQuery(query, $"{path}/choices.data", problems);
                foreach (var (name, child) in obj.ToList())
                    RemoveDataQueries(child, $"{path}/{name}", problems);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    RemoveDataQueries(array[i], $"{path}/{i}", problems);
                break;
        }
    }

    private static void CheckDataQuery(JsonNode? query, string path, List<string> problems)
    {
        if (query is not JsonObject obj)
        {
            problems.Add($"{path}: must be a Data.Query object.");
            return;
        }

        foreach (var (name, value) in obj)
        {
            var ok = name switch
            {
                "type" => value?.GetValueKind() == JsonValueKind.String && (string?)value == "Data.Query",
                "dataset" => value?.GetValueKind() == JsonValueKind.String,
                "count" or "skip" => value?.GetValueKind() == JsonValueKind.Number,
                _ => false,
            };
            if (!ok)
                problems.Add($"{path}/{name}: not allowed here or of the wrong type.");
        }

        if (!obj.ContainsKey("type"))
            problems.Add($"{path}/type: required (\"Data.Query\").");
        if (!obj.ContainsKey("dataset"))
            problems.Add($"{path}/dataset: required.");
    }

    /// <summary>
    /// One line per error. For an anyOf over element types (where every branch but the intended one
    /// fails on "type"), the errors of the branch whose type matched are reported instead.
    /// </summary>
    private static void Describe(ValidationError error, List<string> problems)
    {
        if (error is ChildSchemaValidationError child)
        {
            var matching = child.Errors.Values.Where(errors => !errors.Any(IsTypeMismatch)).ToList();
            if (matching.Count == 1 && matching[0].Count > 0)
            {
                foreach (var inner in matching[0])
                    Describe(inner, problems);
                return;
            }

            if (IsTypeMismatch(child))
            {
                problems.Add($"{error.Path}: unknown or missing \"type\" (no definition in the schema matches).");
                return;
            }
        }

        problems.Add($"{error.Path}: {error.Kind}{(error.Property is null ? "" : $" ({error.Property})")}");
    }

    private static bool IsTypeMismatch(ValidationError error) =>
        (error.Kind == ValidationErrorKind.NotInEnumeration && error.Property == "type")
        || (error is ChildSchemaValidationError child && child.Errors.Values.All(errors => errors.Any(IsTypeMismatch)));

    private static JsonSchema LoadSchema()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, SchemaRelativePath));
        return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PestProtocol.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("PestProtocol.sln not found above the test's folder.");
    }

    private static async Task EnsureNodeModulesAsync(string folder, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(folder, "node_modules", "adaptivecards", "package.json");
        if (File.Exists(marker))
            return;

        // One npm ci at a time across test processes: an exclusive lock file in the temp folder.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"pestprotocol-card-validator-{key}.lock");
        await using var gate = await AcquireFileLockAsync(lockPath, cancellationToken);
        if (File.Exists(marker))
            return;

        var run = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, null, NpmCiTimeout, cancellationToken);
        if (run.ExitCode != 0 || !File.Exists(marker))
            throw new InvalidOperationException($"npm ci in {NodeValidatorRelativePath} failed ({run.ExitCode}): {run.Error}");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private sealed record ProcessRun(int ExitCode, string Output, string Error);

    private static async Task<ProcessRun> RunAsync(
        string fileName, string[] arguments, string workingDirectory, string? input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
            var error = process.StandardError.ReadToEndAsync(timeoutSource.Token);
            if (input is not null)
                await process.StandardInput.WriteAsync(input.AsMemory(), timeoutSource.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeoutSource.Token);
            return new ProcessRun(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
