using System.Diagnostics;
using Activity = PestProtocol.BotFramework.Schema.Activity;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PestProtocol.Bot.Features.AnonymousReports;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;
using PestProtocol.BotFramework.Testing.Connector;

namespace PestProtocol.Bot.Tests.Anonymous;

/// <summary>
/// Issue 16, the crash case: the real bot process (dotnet PestProtocol.Bot.dll on a SQLite file) is killed with
/// SIGKILL while a student's anonymous draft is open. Neither the running files nor the files the kill leaves behind
/// hold the draft or the student's chat; after a restart the student's next click gets the kind "begin opnieuw".
/// </summary>
public sealed class DraftKillTests : IAsyncLifetime
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..10];
    private static readonly string Story = $"Achter de gymzaal duwen ze me, vooral Bartholomeus{Run} Knipperlicht.";
    private static readonly string ConversationId = $"a:KK{Run}-killed-conversation";
    private static readonly string FromId = $"29:KK{Run}-killed-sender";

    private readonly string _folder = Directory.CreateTempSubdirectory("pp-kill-").FullName;
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_kill_minus_9_during_a_draft_leaves_no_trace_in_the_files_and_the_student_is_told_kindly_after_the_restart()
    {
        string[] identifying = [Story, "Bartholomeus" + Run, "Knipperlicht", ConversationId, FromId, "KK" + Run];
        ReceivedCard secondCard;
        using (var bot = await BotProcess.StartAsync(_folder))
        {
            await bot.PostAsync(Message("anoniem melden"));
            var first = await NextCardAsync(0);
            await bot.PostAsync(Click(first, "Volgende", new JsonObject { ["wat"] = Story }));
            secondCard = await NextCardAsync(1);
            Assert.True(secondCard.ContainsText("Gaat het over jou"), secondCard.ToString());

            AssertNoTrace(identifying, "while the bot runs");
            bot.Kill();
        }

        AssertNoTrace(identifying, "after kill -9");

        using (var restarted = await BotProcess.StartAsync(_folder))
        {
            var before = _connector.Calls.Count;
            await restarted.PostAsync(Click(secondCard, "Over mij", []));
            var calls = await _connector.WaitForCallsAsync(before + 1, TimeSpan.FromSeconds(30));
            Assert.Equal(AbandonedDraftNotice.Text, calls[before].Activity!.Text);
            restarted.Kill();
        }

        AssertNoTrace(identifying, "after the restart");
    }

    private async Task<ReceivedCard> NextCardAsync(int index)
    {
        var calls = await _connector.WaitForCallsAsync(index + 1, TimeSpan.FromSeconds(60));
        return ReceivedCard.From(calls[index].Activity!) ?? throw new InvalidOperationException("The bot answered without a card.");
    }

    private Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        ChannelId = Channels.MsTeams,
        ServiceUrl = _connector.ServiceUrl.ToString(),
        From = new ChannelAccount { Id = FromId, Name = "Kim Gekild", AadObjectId = "unknown-kk" },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "PestProtocol" },
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", TenantId = "e2e0a000-0000-4000-a000-00000000a001" },
        Locale = "nl-NL",
    };

    /// <summary>The button as Teams sends it: Action.Submit → a message with the merged data; Action.Execute → an invoke.</summary>
    private Activity Click(ReceivedCard card, string title, JsonObject inputs)
    {
        var action = card.FindAction(title) ?? throw new InvalidOperationException($"No button {title}: {string.Join(", ", card.ActionTitles)}");
        var data = action["data"] is JsonObject d ? (JsonObject)d.DeepClone() : [];
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }

        var activity = Message("");
        activity.Text = null;
        if (action["type"]?.GetValue<string>() == "Action.Execute")
        {
            activity.Type = ActivityTypes.Invoke;
            activity.Name = InvokeNames.AdaptiveCardAction;
            activity.Value = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = action["verb"]?.DeepClone(), ["id"] = action["id"]?.DeepClone(), ["data"] = data },
                ["trigger"] = "manual",
            });
        }
        else
        {
            activity.Value = JsonSerializer.SerializeToElement(data);
        }

        return activity;
    }

    private void AssertNoTrace(IEnumerable<string> values, string when)
    {
        var files = Directory.GetFiles(_folder);
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            foreach (var value in values)
            {
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0, $"'{value}' found in {Path.GetFileName(path)} {when}");
                Assert.False(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0, $"'{value}' (UTF-16) found in {Path.GetFileName(path)} {when}");
            }
        }
    }

    /// <summary>The published bot as its own process, in development mode, on a free loopback port.</summary>
    private sealed class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;

        private BotProcess(Process process, Uri baseAddress)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        }

        public static async Task<BotProcess> StartAsync(string folder)
        {
            var port = FreePort();
            var botDirectory = AppContext.BaseDirectory;
            var start = new ProcessStartInfo("dotnet", [Path.Combine(botDirectory, "PestProtocol.Bot.dll")])
            {
                WorkingDirectory = botDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["MicrosoftAppId"] = "";
            start.Environment["Storage__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__PestProtocol"] = $"Data Source={Path.Combine(folder, "pestprotocol.db")}";
            start.Environment["Notifications__DispatcherEnabled"] = "false";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}"));
            await bot.WaitUntilReadyAsync();
            return bot;
        }

        public async Task PostAsync(Activity activity)
        {
            using var content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync("/api/messages", content);
            Assert.True(response.IsSuccessStatusCode, $"POST answered {(int)response.StatusCode}");
        }

        /// <summary>SIGKILL: no shutdown, no checkpoint, no disposal.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
                _process.WaitForExit(30_000);
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
            _http.Dispose();
        }

        private async Task WaitUntilReadyAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The bot exited with {_process.ExitCode} before it was ready.");
                }

                try
                {
                    using var response = await _http.GetAsync("/readyz");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(200);
            }

            throw new TimeoutException("The bot did not become ready in two minutes.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
