using PestProtocol.BotFramework.Schema;

namespace PestProtocol.Bot.Persistence;

/// <summary>The latest Teams conversation reference per user, kept so the bot can message them proactively (alerts).</summary>
public interface IConversationReferenceStore
{
    /// <summary>Stores (or replaces) the user's conversation reference.</summary>
    Task SaveAsync(string userAadObjectId, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>The user's stored conversation reference, or null.</summary>
    Task<ConversationReference?> FindAsync(string userAadObjectId, CancellationToken cancellationToken);
}
