using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Features.CoordinatorsChannel;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.TeamChannels;

/// <summary>
/// The real bot as production composes it (all middleware, a SQLite file, the development directory) plus the channel
/// commands, spoken to from a Teams channel: messages carry the @mention, <c>conversationType: channel</c> and the
/// team, channel and tenant in <c>channelData</c>.
/// </summary>
internal sealed class ChannelBotHarness : IAsyncDisposable
{
    public const string TeamId = "19:team-general@thread.tacv2";
    public const string ChannelId = "19:channel-zorg@thread.tacv2";
    public const string ChannelName = "Zorg en veiligheid";
    public const string TenantId = "tenant-1";

    private readonly string _folder;

    private ChannelBotHarness(ServiceProvider services, string folder)
    {
        Services = services;
        _folder = folder;
        Bot = services.GetRequiredService<IBot>();
    }

    public ServiceProvider Services { get; }

    public IBot Bot { get; }

    public static async Task<ChannelBotHarness> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pestprotocol-channel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var provider = await DevelopmentBot.StartAsync(Path.Combine(folder, "bot.db"), new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        return new ChannelBotHarness(provider, folder);
    }

    /// <summary>The channel, as the given directory person writes in it, running the production middleware.</summary>
    public TestAdapter Channel(string aadObjectId)
    {
        var adapter = new TestAdapter();
        adapter.Conversation.User!.AadObjectId = aadObjectId;
        adapter.Conversation.User.Id = "29:" + aadObjectId;
        adapter.Conversation.Conversation!.Id = ChannelId + ";messageid=1700000000001";
        adapter.Conversation.Conversation.ConversationType = "channel";
        adapter.Conversation.Conversation.IsGroup = true;
        return adapter.WithProductionMiddleware(Services);
    }

    /// <summary>A message in the channel that @mentions the bot, as Teams sends it.</summary>
    public static Activity Mention(TestAdapter adapter, string text)
    {
        var activity = adapter.MakeMessage($"<at>PestProtocol</at> {text}");
        activity.ChannelData = JsonSerializer.SerializeToElement(new
        {
            team = new { id = TeamId, name = "Team De Wilgen" },
            channel = new { id = ChannelId, name = ChannelName },
            tenant = new { id = TenantId },
            teamsTeamId = TeamId,
            teamsChannelId = ChannelId,
        });
        activity.Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = adapter.Conversation.Bot!.Id, Name = "PestProtocol" }, Text = "<at>PestProtocol</at>" }];
        return activity;
    }

    public async Task<T> WithDbAsync<T>(Func<PestProtocolDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PestProtocolDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder later.
        }
    }
}
