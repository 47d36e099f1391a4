using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>
/// The filled-in manifest and its English translation against the vendored Teams schemas
/// (manifest v1.29 and localization), with NJsonSchema.
/// </summary>
public sealed class ManifestSchemaTests
{
    [Fact]
    public async Task Filled_in_manifest_is_valid_against_the_v1_29_schema()
    {
        var schema = await LoadAsync(AppPackageFolder.ManifestSchemaFile);

        var errors = schema.Validate(AppPackageFolder.Filled("manifest.json"));

        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Fact]
    public async Task Manifest_declares_schema_version_1_29()
    {
        var manifest = AppPackageFolder.FilledJson("manifest.json");

        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal("1.29", (string?)manifest["manifestVersion"]);
        var schema = await LoadAsync(AppPackageFolder.ManifestSchemaFile);
        Assert.Contains("1.29", schema.Properties["manifestVersion"].ToJson());
    }

    [Fact]
    public async Task English_translation_is_valid_against_the_localization_schema()
    {
        var schema = await LoadAsync(AppPackageFolder.LocalizationSchemaFile);

        var errors = schema.Validate(AppPackageFolder.Filled("en.json"));

        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Fact]
    public async Task Manifest_without_a_bot_id_is_reported_invalid()
    {
        var schema = await LoadAsync(AppPackageFolder.ManifestSchemaFile);
        var manifest = AppPackageFolder.FilledJson("manifest.json");
        manifest["bots"]![0]!.AsObject().Remove("botId");

        var errors = schema.Validate(manifest.ToJsonString());

        Assert.Contains(Flatten(errors), e => e.Kind == ValidationErrorKind.PropertyRequired && e.Property == "botId");
    }

    [Theory]
    [InlineData("short description over 80 characters", "#/description.short")]
    [InlineData("accent colour that is not a hex colour", "#/accentColor")]
    [InlineData("manifest version other than 1.29", "#/manifestVersion")]
    [InlineData("unknown bot scope", "#/bots[0].scopes[0]")]
    [InlineData("developer privacy URL that is not http(s)", "#/developer.privacyUrl")]
    public async Task Broken_manifest_is_reported_invalid(string breakage, string expectedPath)
    {
        var schema = await LoadAsync(AppPackageFolder.ManifestSchemaFile);
        var manifest = AppPackageFolder.FilledJson("manifest.json");
        switch (breakage)
        {
            case "short description over 80 characters":
                manifest["description"]!["short"] = new string('a', 81);
                break;
            case "accent colour that is not a hex colour":
                manifest["accentColor"] = "teal";
                break;
            case "manifest version other than 1.29":
                manifest["manifestVersion"] = "1.28";
                break;
            case "unknown bot scope":
                manifest["bots"]![0]!["scopes"]![0] = "everyone";
                break;
            case "developer privacy URL that is not http(s)":
                manifest["developer"]!["privacyUrl"] = "privacy.html";
                break;
        }

        var errors = Flatten(schema.Validate(manifest.ToJsonString())).ToList();

        Assert.Contains(errors, e => e.Path == expectedPath);
    }

    [Fact]
    public async Task Template_with_its_placeholders_left_is_reported_invalid()
    {
        var schema = await LoadAsync(AppPackageFolder.ManifestSchemaFile);

        var errors = Flatten(schema.Validate(AppPackageFolder.Template("manifest.json"))).ToList();

        Assert.Contains(errors, e => e.Path == "#/id");
        Assert.Contains(errors, e => e.Path == "#/bots[0].botId");
    }

    [Fact]
    public async Task Translation_of_a_command_that_cannot_exist_is_reported_invalid()
    {
        var schema = await LoadAsync(AppPackageFolder.LocalizationSchemaFile);
        var english = AppPackageFolder.FilledJson("en.json");
        english["bots[0].commandLists[0].commands[12].title"] = "extra";

        var errors = schema.Validate(english.ToJsonString());

        Assert.Contains(Flatten(errors), e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed);
    }

    [Fact]
    public async Task Translation_without_a_short_name_is_reported_invalid()
    {
        var schema = await LoadAsync(AppPackageFolder.LocalizationSchemaFile);
        var english = AppPackageFolder.FilledJson("en.json");
        english.Remove("name.short");

        var errors = schema.Validate(english.ToJsonString());

        Assert.Contains(Flatten(errors), e => e.Kind == ValidationErrorKind.PropertyRequired && e.Property == "name.short");
    }

    /// <summary>
    /// Loads a Teams schema for NJsonSchema. The schemas say draft-04 but use draft-06's
    /// <c>const</c> (for <c>manifestVersion</c>), which NJsonSchema ignores; each
    /// <c>"const": x</c> is rewritten to the equivalent <c>"enum": [x]</c> so it is enforced.
    /// (The one draft-07 <c>if</c>/<c>then</c>, under <c>agentConnectors</c>, stays unenforced;
    /// PestProtocol declares no agent connectors.)
    /// </summary>
    private static async Task<JsonSchema> LoadAsync(string file)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        RewriteConstToEnum(document);
        return await JsonSchema.FromJsonAsync(document.ToJsonString(), file);
    }

    private static void RewriteConstToEnum(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } constant && obj["enum"] is null)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant);
                }
                foreach (var (_, child) in obj.ToList())
                {
                    RewriteConstToEnum(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteConstToEnum(child);
                }
                break;
        }
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return error;
            if (error is ChildSchemaValidationError child)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(Environment.NewLine, Flatten(errors).Select(e => $"{e.Path}: {e.Kind}"));
}
