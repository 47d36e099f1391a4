using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.Features.PersonalChat;
using PestProtocol.Bot.Tests.Anonymous;
using PestProtocol.BotFramework.Builder;
using PestProtocol.BotFramework.Schema;
using PestProtocol.BotFramework.Testing;

namespace PestProtocol.Bot.Tests.StudentSide;

/// <summary>
/// The anonymity scan, for a report begun in a group chat: the student types "anoniem" where classmates read along, the
/// report goes on in the student's own chat, and afterwards nothing of the sender — ids, name, tenant, the group chat or
/// the personal chat — is in the bot's state, the outbox, the reports, the database files or the logs; the group chat
/// got one line without details.
/// </summary>
public sealed class GroupChatAnonymityTests : IDisposable
{
    private const string Aad = "f00dfeed-7e57-4e57-a000-groupdistinct";
    private const string From = "29:YY-distinctive-sender";
    private const string Name = "Yolanda Onvindbaar";
    private const string Personal = "a:YY-distinctive-personal";
    private const string Group = "19:YY-distinctive-group@thread.v2";
    private const string Tenant = "tenant-YY-distinctive-4411";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pestprotocol-groupanon-" + Guid.NewGuid().ToString("N"));
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 9, 37, 12, TimeSpan.Zero));

    public GroupChatAnonymityTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "bot.db");

    public void Dispose()
    {
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

    [Fact]
    public async Task A_report_begun_in_a_group_chat_leaves_nothing_of_the_sender_anywhere()
    {
        string[] identifying = [Aad, From, Name, Personal, Group, Tenant, "YY-distinctive", "Onvindbaar", "groupdistinct"];
        var logs = new CapturedLogs();
        await using (var bot = await BotHarness.StartAsync(DatabasePath, _clock, logs, before: s => s.AddSingleton<IPersonalChats>(new OwnChat())))
        {
            var group = new TestAdapter(_clock);
            group.Conversation.User = new ChannelAccount { Id = From, Name = Name, AadObjectId = Aad };
            group.Conversation.Conversation = new ConversationAccount { Id = Group, ConversationType = "groupChat", IsGroup = true, TenantId = Tenant };
            foreach (var middleware in bot.Services.GetServices<IMiddleware>())
            {
                group.Use(middleware);
            }

            var mention = group.MakeMessage("<at>PestProtocol</at> anoniem");
            mention.Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = group.Conversation.Bot!.Id, Name = "PestProtocol" }, Text = "<at>PestProtocol</at>" }];
            await group.ProcessActivityAsync(mention, bot.Bot.OnTurnAsync);

            var inGroup = group.SentActivities.Where(a => a.Conversation?.Id == Group).ToList();
            Assert.Equal([Bots.PestProtocolBot.ContinuedInPersonalChat], inGroup.Select(a => a.Text));
            Assert.Contains(group.SentActivities, a => a.Conversation?.Id == Personal && a.Attachments is { Count: > 0 });

            // In the student's own chat: the report, from the start.
            var student = bot.Chat(Aad, From, Name, Personal, Tenant);
            await bot.Flow(student).Send("stop").AssertReplyContains("Er is niets verstuurd").StartTestAsync();
            await bot.Flow(student).Report().StartTestAsync();

            var documents = await bot.QueryAsync("SELECT key || document FROM bot_state");
            documents.AddRange(await bot.QueryAsync("SELECT payload || coalesce(recipient_id,'') || dedup_key FROM outbox_messages"));
            documents.AddRange(await bot.QueryAsync("SELECT * FROM anonymous_reports"));
            Assert.NotEmpty(await bot.QueryAsync("SELECT id FROM anonymous_reports"));
            foreach (var value in identifying)
            {
                Assert.DoesNotContain(documents, d => d.Contains(value, StringComparison.OrdinalIgnoreCase));
            }
        }

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var files = Directory.GetFiles(_folder).Select(File.ReadAllBytes).ToList();
        foreach (var value in identifying)
        {
            Assert.DoesNotContain(files, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0);
            Assert.DoesNotContain(logs.Lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The student's own chat, as create-conversation would open it (kept in memory only).</summary>
    private sealed class OwnChat : IPersonalChats
    {
        public Task<ConversationReference?> FindOrOpenAsync(Activity sharedActivity, CancellationToken cancellationToken) =>
            Task.FromResult<ConversationReference?>(new ConversationReference
            {
                ChannelId = sharedActivity.ChannelId,
                ServiceUrl = sharedActivity.ServiceUrl,
                Bot = sharedActivity.Recipient,
                User = sharedActivity.From,
                Conversation = new ConversationAccount { Id = Personal, ConversationType = "personal", TenantId = Tenant },
            });
    }
}
