using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>
/// <c>manifest/build-package.sh</c> and the Node validator it uses (<c>tests/manifest/validate.js</c>),
/// run as an operator would. All in one class so that only one of them installs the validator's
/// npm packages at a time.
/// </summary>
public sealed class AppPackageBuildTests : IDisposable
{
    private static readonly string[] PackageVariables =
        ["BOT_ID", "APP_ID", "BOT_DOMAIN", "DEVELOPER_URL", "PRIVACY_URL", "TERMS_URL", "APP_VERSION", "PACKAGE_OUT_DIR"];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pestprotocol-package-");
    private readonly CancellationTokenSource _cancellation = new(TimeSpan.FromMinutes(5));

    public void Dispose()
    {
        _cancellation.Dispose();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task Builds_a_zip_with_the_four_files_at_its_root_and_no_placeholder_left()
    {
        var run = await BuildAsync(AppPackageFolder.TestValues);

        Assert.True(run.ExitCode == 0, run.Output);
        using var zip = ZipFile.OpenRead(ZipPath);
        Assert.Equal(["color.png", "en.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());

        var manifestText = await ReadEntryAsync(zip, "manifest.json");
        var englishText = await ReadEntryAsync(zip, "en.json");
        Assert.DoesNotContain("${{", manifestText);
        Assert.DoesNotContain("${{", englishText);

        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal(AppPackageFolder.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(AppPackageFolder.AppId, (string?)manifest["id"]);
        Assert.Equal("1.4.2", (string?)manifest["version"]);
        Assert.Equal(AppPackageFolder.BotDomain, (string?)manifest["validDomains"]![0]);
        Assert.Equal("https://www.test.example/privacy", (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(AppPackageFolder.Folder, "outline.png")),
            await ReadEntryBytesAsync(zip, "outline.png"));
    }

    [Fact]
    public async Task Refuses_to_build_without_BOT_ID_and_says_so()
    {
        var values = AppPackageFolder.TestValues.Where(v => v.Key != "BOT_ID").ToDictionary();

        var run = await BuildAsync(values);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("BOT_ID", run.StandardError);
        Assert.False(File.Exists(ZipPath));
    }

    [Fact]
    public async Task Reads_the_bot_id_from_appsettings_and_uses_it_as_app_id_when_none_is_given()
    {
        var appsettings = Path.Combine(_work.FullName, "appsettings.json");
        await File.WriteAllTextAsync(appsettings, $$"""{ "MicrosoftAppId": "{{AppPackageFolder.BotId}}", "Logging": {} }""", _cancellation.Token);
        var values = AppPackageFolder.TestValues.Where(v => v.Key is not ("BOT_ID" or "APP_ID" or "APP_VERSION")).ToDictionary();

        var run = await BuildAsync(values, "--appsettings", appsettings);

        Assert.True(run.ExitCode == 0, run.Output);
        using var zip = ZipFile.OpenRead(ZipPath);
        var manifest = JsonNode.Parse(await ReadEntryAsync(zip, "manifest.json"))!;
        Assert.Equal(AppPackageFolder.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(AppPackageFolder.BotId, (string?)manifest["id"]);
        Assert.Equal("1.0.0", (string?)manifest["version"]);
    }

    [Fact]
    public async Task Refuses_to_build_when_the_filled_in_manifest_is_invalid()
    {
        var values = new Dictionary<string, string>(AppPackageFolder.TestValues)
        {
            ["BOT_DOMAIN"] = "https://pestprotocol.test.example",
            ["BOT_ID"] = "not-a-guid",
        };

        var run = await BuildAsync(values);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("validDomains[0]", run.StandardError);
        Assert.Contains("/bots/0/botId", run.StandardError);
        Assert.Contains("refusing to build", run.StandardError);
        Assert.False(File.Exists(ZipPath));
    }

    [Fact]
    public async Task Validator_reports_a_long_command_title_and_a_missing_bot_id()
    {
        var folder = await StageFilledPackageAsync();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), _cancellation.Token))!;
        manifest["bots"]![0]!["commandLists"]![0]!["commands"]![0]!["title"] = new string('m', 40);
        manifest["bots"]![0]!.AsObject().Remove("botId");
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), manifest.ToJsonString(), _cancellation.Token);

        var run = await ValidateAsync(folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bots[0].commandLists[0].commands[0].title is 40 characters, Teams allows at most 32", run.StandardError);
        Assert.Contains("must have required property 'botId'", run.StandardError);
    }

    [Fact]
    public async Task Validator_reports_a_translation_that_is_too_long_or_points_nowhere()
    {
        var folder = await StageFilledPackageAsync();
        var english = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "en.json"), _cancellation.Token))!.AsObject();
        english["bots[0].commandLists[0].commands[1].title"] = new string('a', 33);
        english["bots[0].commandLists[1].commands[5].title"] = "overview";
        await File.WriteAllTextAsync(Path.Combine(folder, "en.json"), english.ToJsonString(), _cancellation.Token);

        var run = await ValidateAsync(folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("en.json: bots[0].commandLists[0].commands[1].title is 33 characters", run.StandardError);
        Assert.Contains("key \"bots[0].commandLists[1].commands[5].title\" does not name a text in the manifest", run.StandardError);
    }

    [Fact]
    public async Task Validator_reports_an_outline_icon_that_is_coloured_and_the_wrong_size()
    {
        var folder = await StageFilledPackageAsync();
        File.Copy(Path.Combine(AppPackageFolder.Folder, "color.png"), Path.Combine(folder, "outline.png"), overwrite: true);

        var run = await ValidateAsync(folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("icons.outline must be 32x32 pixels, is 192x192", run.StandardError);
        Assert.Contains("icons.outline must be white on transparent", run.StandardError);
    }

    [Fact]
    public async Task Validator_accepts_the_filled_in_package()
    {
        var folder = await StageFilledPackageAsync();

        var run = await ValidateAsync(folder);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("valid", run.StandardOutput);
    }

    private string ZipPath => Path.Combine(_work.FullName, "out", "appPackage.zip");

    private Task<ScriptRun> BuildAsync(IReadOnlyDictionary<string, string> values, params string[] arguments)
    {
        var environment = PackageVariables.ToDictionary(name => name, name => values.GetValueOrDefault(name));
        return ScriptRun.RunAsync(
            "bash",
            [Path.Combine(AppPackageFolder.Folder, "build-package.sh"), "--out", Path.Combine(_work.FullName, "out"), .. arguments],
            environment,
            AppPackageFolder.RepositoryRoot,
            _cancellation.Token);
    }

    private async Task<ScriptRun> ValidateAsync(string folder)
    {
        await EnsureValidatorPackagesAsync();
        return await ScriptRun.RunAsync(
            "node",
            [Path.Combine(AppPackageFolder.ValidatorFolder, "validate.js"), Path.Combine(folder, "manifest.json")],
            new Dictionary<string, string?>(),
            folder,
            _cancellation.Token);
    }

    /// <summary>The validator needs its npm packages; install them from the lockfile when missing.</summary>
    private async Task EnsureValidatorPackagesAsync()
    {
        if (Directory.Exists(Path.Combine(AppPackageFolder.ValidatorFolder, "node_modules", "@microsoft", "app-manifest"))
            && Directory.Exists(Path.Combine(AppPackageFolder.ValidatorFolder, "node_modules", "fs-extra")))
        {
            return;
        }
        var install = await ScriptRun.RunAsync(
            "npm",
            ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
            new Dictionary<string, string?>(),
            AppPackageFolder.ValidatorFolder,
            _cancellation.Token);
        Assert.True(install.ExitCode == 0, install.Output);
    }

    /// <summary>A folder with the filled-in manifest, its translation and both icons.</summary>
    private async Task<string> StageFilledPackageAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work.FullName, "package")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), AppPackageFolder.Filled("manifest.json"), _cancellation.Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "en.json"), AppPackageFolder.Filled("en.json"), _cancellation.Token);
        File.Copy(Path.Combine(AppPackageFolder.Folder, "color.png"), Path.Combine(folder, "color.png"));
        File.Copy(Path.Combine(AppPackageFolder.Folder, "outline.png"), Path.Combine(folder, "outline.png"));
        return folder;
    }

    private async Task<string> ReadEntryAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync(_cancellation.Token);
    }

    private async Task<byte[]> ReadEntryBytesAsync(ZipArchive zip, string name)
    {
        await using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        await entry.CopyToAsync(copy, _cancellation.Token);
        return copy.ToArray();
    }
}
