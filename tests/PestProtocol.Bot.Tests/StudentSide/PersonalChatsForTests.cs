using PestProtocol.Bot.Features.PersonalChat;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Tests.StudentSide;

/// <summary>
/// The person's own chat for in-process tests: "a:chat-&lt;aadObjectId&gt;" (the id the conversation harnesses use for
/// a personal chat), without a connector. People in <see cref="Unreachable"/> cannot be reached.
/// </summary>
internal sealed class PersonalChatsForTests : IPersonalChats
{
    public HashSet<string> Unreachable { get; } = new(StringComparer.Ordinal);

    public List<Activity> Asked { get; } = [];

    public Task<ConversationReference?> FindOrOpenAsync(Activity sharedActivity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sharedActivity);
        Asked.Add(sharedActivity);
        var from = sharedActivity.From;
        if (from?.AadObjectId is not { Length: > 0 } aadObjectId || Unreachable.Contains(aadObjectId))
        {
            return Task.FromResult<ConversationReference?>(null);
        }

        return Task.FromResult<ConversationReference?>(new ConversationReference
        {
            ChannelId = sharedActivity.ChannelId,
            ServiceUrl = sharedActivity.ServiceUrl,
            Bot = sharedActivity.Recipient,
            User = new ChannelAccount { Id = from.Id, Name = from.Name, AadObjectId = aadObjectId },
            Conversation = new ConversationAccount { Id = "a:chat-" + aadObjectId, ConversationType = "personal", TenantId = "test-tenant" },
        });
    }
}
