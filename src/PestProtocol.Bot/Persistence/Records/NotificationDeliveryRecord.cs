namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One row of <c>notification_deliveries</c>: one attempt to deliver an outbox message, through one channel, with its
/// outcome. A row with <see cref="Outcome"/> <c>sent</c> is written in the same transaction that marks the message sent,
/// and a dispatcher checks for it before sending again. Holds ids and short codes only, never message text.
/// </summary>
public sealed class NotificationDeliveryRecord
{
    public Guid Id { get; set; }

    /// <summary>The outbox message this attempt was for.</summary>
    public Guid OutboxMessageId { get; set; }

    /// <summary>The case (or report) the message is about, when known, so a case card can list who was reached.</summary>
    public Guid? SubjectId { get; set; }

    /// <summary>The recipient's Entra object id.</summary>
    public string RecipientId { get; set; } = string.Empty;

    /// <summary>The role the recipient was informed in (e.g. <c>Mentor</c>), when known.</summary>
    public string? RecipientRole { get; set; }

    /// <summary><c>chat</c>, <c>installed-chat</c>, <c>activity-feed</c>, <c>mail</c> or <c>update</c>.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary><c>sent</c>, <c>retry</c>, <c>failed</c> or <c>fallback</c>.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>A short error code of a failed attempt (e.g. <c>Throttled</c>, <c>MessageWritesBlocked</c>).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The conversation the message went to (chat channels).</summary>
    public string? ConversationId { get; set; }

    /// <summary>The activity id Teams gave the sent message (chat channels).</summary>
    public string? ActivityId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }
}
