using System.Text.Json.Nodes;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>
/// The repository's <c>manifest/</c> folder, and the manifest templates filled in with test values
/// the way <c>build-package.sh</c> fills them.
/// </summary>
internal static class AppPackageFolder
{
    public const string BotId = "6f1c2a4e-8b3d-4c5e-9a7f-0123456789ab";
    public const string AppId = "0d9e8f7a-6b5c-4d3e-8f2a-1b2c3d4e5f60";
    public const string BotDomain = "pestprotocol.test.example";

    /// <summary>The placeholder values used by the tests (what an operator would set).</summary>
    public static IReadOnlyDictionary<string, string> TestValues { get; } = new Dictionary<string, string>
    {
        ["BOT_ID"] = BotId,
        ["APP_ID"] = AppId,
        ["BOT_DOMAIN"] = BotDomain,
        ["DEVELOPER_URL"] = "https://www.test.example/pestprotocol",
        ["PRIVACY_URL"] = "https://www.test.example/privacy",
        ["TERMS_URL"] = "https://www.test.example/voorwaarden",
        ["APP_VERSION"] = "1.4.2",
    };

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "manifest");

    public static string ValidatorFolder => Path.Combine(RepositoryRoot, "tests", "manifest");

    public static string ManifestSchemaFile => Path.Combine(Folder, "schemas", "teams-manifest-1.29.schema.json");

    public static string LocalizationSchemaFile => Path.Combine(Folder, "schemas", "teams-manifest-localization.schema.json");

    public static string Template(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    /// <summary>The template's text with every <c>${{NAME}}</c> replaced by its test value.</summary>
    public static string Filled(string fileName)
    {
        var text = Template(fileName);
        foreach (var (name, value) in TestValues)
        {
            text = text.Replace("${{" + name + "}}", value, StringComparison.Ordinal);
        }
        return text;
    }

    public static JsonObject FilledJson(string fileName) => JsonNode.Parse(Filled(fileName))!.AsObject();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PestProtocol.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("PestProtocol.sln was not found above the test output folder.");
    }
}
