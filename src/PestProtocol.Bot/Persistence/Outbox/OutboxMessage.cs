using System.Text.Json;

namespace PestProtocol.Bot.Persistence.Outbox;

/// <summary>Where an outbox message is in its delivery.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (again) at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Pending = 0,

    /// <summary>Leased by a dispatcher until <see cref="OutboxMessage.LeaseUntil"/>.</summary>
    Sending = 1,

    /// <summary>Delivered.</summary>
    Sent = 2,

    /// <summary>Given up on after too many attempts or a permanent error.</summary>
    Failed = 3,
}

/// <summary>
/// A notification to send, stored in the same transaction as the case change that caused it (<c>outbox_messages</c>).
/// A dispatcher leases pending rows, sends them and marks them sent or failed. <see cref="DedupKey"/> is unique:
/// storing a message whose key is already stored is a no-op, so a retried turn never notifies twice.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Message id.</summary>
    public Guid Id { get; set; }

    /// <summary>When the message was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What kind of message this is (the dispatcher routes on it), e.g. <c>case.step-taken</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Unique key of this notification, e.g. <c>{caseId}:{sequence}:{recipientId}</c>.</summary>
    public string DedupKey { get; set; } = string.Empty;

    /// <summary>The payload as JSON text.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>The recipient's Entra object id, when the message goes to one person.</summary>
    public string? RecipientId { get; set; }

    /// <summary>Delivery status.</summary>
    public OutboxStatus Status { get; set; }

    /// <summary>Delivery attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not to be sent before this moment.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher instance holding the lease, while <see cref="OutboxStatus.Sending"/>.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the lease runs out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>A short error code of the last failed attempt (never personal data or message text).</summary>
    public string? LastErrorCode { get; set; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A new pending message, due at once.</summary>
    /// <param name="kind">What kind of message this is.</param>
    /// <param name="dedupKey">Unique key of this notification.</param>
    /// <param name="payloadJson">The payload, JSON text.</param>
    /// <param name="recipientId">The recipient's Entra object id, if any.</param>
    /// <param name="now">Creation time.</param>
    public static OutboxMessage Create(string kind, string dedupKey, string payloadJson, string? recipientId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(payloadJson);
        using (JsonDocument.Parse(payloadJson))
        {
            // Only checks that the payload is JSON.
        }

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
            Kind = kind,
            DedupKey = dedupKey,
            Payload = payloadJson,
            RecipientId = recipientId,
            Status = OutboxStatus.Pending,
            Attempts = 0,
            NextAttemptAt = now,
        };
    }

    /// <summary>A new pending message whose payload is <paramref name="payload"/> serialised with web defaults (camelCase).</summary>
    public static OutboxMessage Create<TPayload>(string kind, string dedupKey, TPayload payload, string? recipientId, DateTimeOffset now) =>
        Create(kind, dedupKey, JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), recipientId, now);
}
