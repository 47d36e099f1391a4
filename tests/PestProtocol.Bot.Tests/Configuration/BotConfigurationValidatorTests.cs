using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Hosting;

namespace PestProtocol.Bot.Tests.Configuration;

/// <summary>An administrator's mistakes are named, all at once, before the bot starts.</summary>
public sealed class BotConfigurationValidatorTests
{
    private const string AppId = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    private const string Tenant = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public void The_development_defaults_are_valid() =>
        Assert.Empty(BotConfigurationValidator.Validate(Config(new())));

    [Fact]
    public void A_complete_production_configuration_is_valid() =>
        Assert.Empty(BotConfigurationValidator.Validate(Config(new()
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = Tenant,
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:PestProtocol"] = "Host=db;Database=pestprotocol",
        })));

    [Fact]
    public void Accepting_entra_issued_tokens_without_a_trusted_caller_is_named()
    {
        var problems = BotConfigurationValidator.Validate(Config(new() { ["AcceptEntraIssuedTokens"] = "true" }));
        Assert.Contains(problems, p => p.StartsWith("TrustedEntraCallerAppIds:", StringComparison.Ordinal));

        Assert.Empty(BotConfigurationValidator.Validate(Config(new()
        {
            ["AcceptEntraIssuedTokens"] = "true",
            ["TrustedEntraCallerAppIds:0"] = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        })));
    }

    [Fact]
    public void A_coordinators_channel_with_teams_ids_is_valid() =>
        Assert.Empty(BotConfigurationValidator.Validate(Config(new()
        {
            ["Directory:Locations:0:Id"] = "dewilgen",
            ["Directory:Locations:0:CoordinatorsChannel:TeamId"] = "19:e2e-team-general@thread.tacv2",
            ["Directory:Locations:0:CoordinatorsChannel:ChannelId"] = "19:e2e-channel-zorg@thread.tacv2",
            ["Directory:Graph:Locations:0:CoordinatorsChannel:TeamId"] = "19:abc@thread.skype",
            ["Directory:Graph:Locations:0:CoordinatorsChannel:ChannelId"] = "19:def@thread.tacv2",
        })));

    [Fact]
    public void A_coordinators_channel_of_the_wrong_shape_is_named_by_its_keys()
    {
        var problems = BotConfigurationValidator.Validate(Config(new()
        {
            ["Directory:Locations:1:Id"] = "hetbaken",
            ["Directory:Locations:1:CoordinatorsChannel:TeamId"] = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
            ["Directory:Graph:Locations:0:CoordinatorsChannel:Name"] = "Zorg",
        }));

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Directory:Locations:1:CoordinatorsChannel:TeamId: not a Teams id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Directory:Locations:1:CoordinatorsChannel:ChannelId: required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Directory:Graph:Locations:0:CoordinatorsChannel:ChannelId: required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Directory:Graph:Locations:0:CoordinatorsChannel:TeamId: required", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains("19:…@thread.tacv2", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AnonymousReports:DraftRetention", "04:00:00", true)]
    [InlineData("AnonymousReports:DraftRetention", "00:05:00", false)]
    [InlineData("AnonymousReports:DraftRetention", "30.00:00:00", false)]
    [InlineData("AnonymousReports:DraftRetention", "vier uur", false)]
    [InlineData("AnonymousReports:DraftSweepInterval", "00:15:00", true)]
    [InlineData("AnonymousReports:DraftSweepInterval", "00:00:00", false)]
    public void Draft_retention_must_be_a_sensible_duration(string key, string value, bool valid)
    {
        var problems = BotConfigurationValidator.Validate(Config(new() { [key] = value }));

        if (valid)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(key + ": must be a duration (hh:mm:ss) between ", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("AnonymousReports:ReplyNotice:Hour", "15", true)]
    [InlineData("AnonymousReports:ReplyNotice:Hour", "0", true)]
    [InlineData("AnonymousReports:ReplyNotice:Hour", "24", false)]
    [InlineData("AnonymousReports:ReplyNotice:Hour", "-1", false)]
    [InlineData("AnonymousReports:ReplyNotice:Hour", "15:30", false)]
    [InlineData("AnonymousReports:ReplyNotice:Enabled", "false", true)]
    [InlineData("AnonymousReports:ReplyNotice:Enabled", "nee", false)]
    [InlineData("AnonymousReports:ReplyNotice:PollInterval", "00:00:02", true)]
    [InlineData("AnonymousReports:ReplyNotice:PollInterval", "00:00:00", false)]
    public void The_reply_notice_settings_are_checked_with_a_clear_message(string key, string value, bool valid)
    {
        var problems = BotConfigurationValidator.Validate(Config(new() { [key] = value }));

        if (valid)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(key + ": must be ", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var problems = BotConfigurationValidator.Validate(Config(new()
        {
            ["MicrosoftAppType"] = "Anything",
            ["MicrosoftAppId"] = "not-a-guid",
            ["OpenIdMetadataUrl"] = "http://login.example.com/metadata",
            ["Storage:Provider"] = "Oracle",
            ["Bot:MaxRequestBodyBytes"] = "huge",
        }));

        Assert.Contains(problems, p => p.StartsWith("MicrosoftAppType:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MicrosoftAppId:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MicrosoftAppPassword:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MicrosoftAppTenantId:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OpenIdMetadataUrl:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Storage:Provider:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Bot:MaxRequestBodyBytes:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_without_an_app_id_is_refused() =>
        Assert.Contains(BotConfigurationValidator.Validate(Config(new() { ["MicrosoftAppPassword"] = "secret" })), p => p.StartsWith("MicrosoftAppId:", StringComparison.Ordinal));

    [Fact]
    public void PostgreSql_needs_a_connection_string() =>
        Assert.Contains(
            BotConfigurationValidator.Validate(Config(new() { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:PestProtocol"] = "" })),
            p => p.StartsWith("ConnectionStrings:PestProtocol:", StringComparison.Ordinal));

    [Theory]
    [InlineData(null, "http://127.0.0.1:3978")]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000")]
    [InlineData("http://*:8080;http://localhost:9000", "http://127.0.0.1:8080;http://localhost:9000")]
    [InlineData("http://+:80", "http://127.0.0.1:80")]
    [InlineData("http://[::1]:3978", "http://[::1]:3978")]
    public void Without_authentication_every_url_is_moved_to_loopback(string? configured, string expected) =>
        Assert.Equal(expected, string.Join(';', LoopbackBinding.ToLoopback(configured)));

    [Fact]
    public async Task The_bot_refuses_to_start_and_names_each_bad_key()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PestProtocol.Bot.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("pp-config-").FullName,
        };
        start.Environment["MicrosoftAppId"] = "not-a-guid";
        start.Environment["Storage__Provider"] = "Oracle";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var message = await stderr;
        Assert.Contains("MicrosoftAppId", message, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppPassword", message, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
