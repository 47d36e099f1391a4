namespace PestProtocol.Bot.Persistence.Records;

/// <summary>One row of <c>conversation_references</c>: the latest Teams conversation reference of a user, for proactive messages.</summary>
public sealed class ConversationReferenceRecord
{
    /// <summary>The user's Entra (AAD) object id.</summary>
    public string UserAadObjectId { get; set; } = string.Empty;

    /// <summary>The conversation reference as Bot Framework JSON.</summary>
    public string Reference { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}
