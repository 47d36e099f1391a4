using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>What staff, students and coordinators see of the app in Teams: commands, texts, scopes.</summary>
public sealed class ManifestContentTests
{
    private static readonly string[] PersonalCommands = ["melding", "anoniem", "status", "overzicht", "dossier", "thermometer", "vervolg", "preventie", "overdragen", "help"];

    private readonly JsonObject _manifest = AppPackageFolder.FilledJson("manifest.json");
    private readonly JsonObject _english = AppPackageFolder.FilledJson("en.json");

    [Fact]
    public void Personal_chat_offers_every_product_command()
    {
        Assert.Equal(PersonalCommands, Titles(CommandList("personal")));
    }

    [Fact]
    public void Coordinators_channel_offers_help_and_linking_but_nothing_that_shows_students()
    {
        var titles = Titles(CommandList("team"));

        Assert.Equal(["help", "koppel kanaal", "ontkoppel kanaal"], titles);
    }

    [Fact]
    public void Bot_is_conversational_in_personal_chat_and_team_without_files()
    {
        var bot = _manifest["bots"]![0]!;

        Assert.Equal(AppPackageFolder.BotId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.False((bool)bot["supportsFiles"]!);
        Assert.False((bool)bot["isNotificationOnly"]!);
    }

    [Fact]
    public void Every_command_title_and_description_fits_what_Teams_shows()
    {
        Assert.Empty(TeamsLimits.ProblemsInManifest(_manifest));
        Assert.Empty(TeamsLimits.ProblemsInLocalization(_english));
        Assert.All(TeamsLimits.CommandTexts(_manifest), c => Assert.False(string.IsNullOrWhiteSpace(c.Text), c.Path));
    }

    [Fact]
    public void Command_title_of_40_characters_is_reported()
    {
        _manifest["bots"]![0]!["commandLists"]![0]!["commands"]![1]!["title"] = new string('x', 40);

        var problem = Assert.Single(TeamsLimits.ProblemsInManifest(_manifest));
        Assert.Contains("bots[0].commandLists[0].commands[1].title is 40 characters", problem);
    }

    [Fact]
    public void Translated_command_description_over_128_characters_is_reported()
    {
        _english["bots[0].commandLists[0].commands[2].description"] = new string('x', 129);

        var problem = Assert.Single(TeamsLimits.ProblemsInLocalization(_english));
        Assert.Contains("commands[2].description is 129 characters", problem);
    }

    [Fact]
    public void Every_command_and_activity_text_has_an_English_translation()
    {
        var expected = TeamsLimits.CommandTexts(_manifest).Select(c => c.Path).ToList();
        var activityTypes = _manifest["activities"]!["activityTypes"]!.AsArray();
        for (var i = 0; i < activityTypes.Count; i++)
        {
            expected.Add($"activities.activityTypes[{i}].description");
            expected.Add($"activities.activityTypes[{i}].templateText");
        }

        Assert.All(expected, key => Assert.True(_english.ContainsKey(key), $"en.json misses {key}"));
    }

    [Fact]
    public void Every_English_key_names_a_text_in_the_manifest()
    {
        var keys = _english.Select(p => p.Key).Where(k => k != "$schema" && !k.StartsWith("name.", StringComparison.Ordinal) && !k.StartsWith("description.", StringComparison.Ordinal));

        Assert.All(keys, key => Assert.True(Resolve(_manifest, key) is JsonValue, $"{key} names nothing in manifest.json"));
    }

    [Fact]
    public void Commands_are_typed_the_same_in_English_as_in_Dutch()
    {
        foreach (var (path, text) in TeamsLimits.CommandTexts(_manifest).Where(c => c.Path.EndsWith(".title", StringComparison.Ordinal)))
        {
            Assert.Equal(text, (string?)_english[path]);
        }
    }

    [Fact]
    public void Full_description_tells_users_about_the_commands_they_type()
    {
        var dutch = (string)_manifest["description"]!["full"]!;
        var english = (string)_english["description.full"]!;

        Assert.All(PersonalCommands, command => Assert.Contains($"'{command}'", dutch));
        Assert.All(PersonalCommands, command => Assert.Contains($"'{command}'", english));
        Assert.Contains("anoniem", dutch);
        Assert.Contains("code", dutch);
    }

    [Fact]
    public void Anonymous_report_notification_carries_nothing_about_the_sender()
    {
        var anonymous = _manifest["activities"]!["activityTypes"]!.AsArray().Single(a => (string?)a!["type"] == "anoniemeMelding")!;

        Assert.DoesNotContain("{", (string)anonymous["templateText"]!);
        Assert.DoesNotContain("{", (string)_english[$"activities.activityTypes[{anonymous.GetElementIndex()}].templateText"]!);
    }

    [Fact]
    public void Activity_feed_has_the_three_notification_types_and_may_send_to_users()
    {
        var types = _manifest["activities"]!["activityTypes"]!.AsArray().Select(a => (string)a!["type"]!);
        var permission = Assert.Single(_manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray())!;

        Assert.Equal(["nieuweMelding", "anoniemeMelding", "meldingOpgepakt"], types);
        Assert.All(types, t => Assert.True(t.Length <= 32, t));
        Assert.Equal("TeamsActivity.Send.User", (string?)permission["name"]);
        Assert.Equal("Application", (string?)permission["type"]);
    }

    [Fact]
    public void Placeholders_land_where_Teams_reads_the_bot_and_its_domain()
    {
        Assert.Equal(AppPackageFolder.AppId, (string?)_manifest["id"]);
        Assert.Equal("1.4.2", (string?)_manifest["version"]);
        Assert.Equal([AppPackageFolder.BotDomain], _manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(AppPackageFolder.BotId, (string?)_manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{AppPackageFolder.BotDomain}/botid-{AppPackageFolder.BotId}", (string?)_manifest["webApplicationInfo"]!["resource"]);
        Assert.DoesNotContain("${{", AppPackageFolder.Filled("manifest.json"));
        Assert.DoesNotContain("${{", AppPackageFolder.Filled("en.json"));
    }

    [Fact]
    public void Dutch_is_the_default_language_with_English_beside_it()
    {
        var localization = _manifest["localizationInfo"]!;
        var english = Assert.Single(localization["additionalLanguages"]!.AsArray())!;

        Assert.Equal("nl-nl", (string?)localization["defaultLanguageTag"]);
        Assert.Equal("en-us", (string?)english["languageTag"]);
        Assert.Equal("en.json", (string?)english["file"]);
    }

    private JsonArray CommandList(string scope) =>
        _manifest["bots"]![0]!["commandLists"]!.AsArray()
            .Single(l => l!["scopes"]!.AsArray().Select(s => (string?)s).SequenceEqual([scope]))!["commands"]!.AsArray();

    private static string[] Titles(JsonArray commands) => commands.Select(c => (string)c!["title"]!).ToArray();

    /// <summary>Follows a localization key such as <c>bots[0].commandLists[1].commands[0].title</c>.</summary>
    private static JsonNode? Resolve(JsonNode root, string key)
    {
        JsonNode? node = root;
        foreach (var part in key.Split('.'))
        {
            var match = Regex.Match(part, @"^(\w+)((?:\[\d+\])*)$");
            if (!match.Success || node is not JsonObject obj)
            {
                return null;
            }
            node = obj[match.Groups[1].Value];
            foreach (Match index in Regex.Matches(match.Groups[2].Value, @"\[(\d+)\]"))
            {
                var i = int.Parse(index.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                node = node is JsonArray array && i < array.Count ? array[i] : null;
            }
        }
        return node;
    }
}
