namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One row of <c>alert_cards</c>: where an alert card about a case or an anonymous report was posted to one recipient,
/// so the card can later be updated in place. One row per (subject, recipient).
/// </summary>
public sealed class AlertCardRecord
{
    public Guid Id { get; set; }

    /// <summary>The case id or anonymous-report id the card is about.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The recipient's Entra object id.</summary>
    public string RecipientId { get; set; } = string.Empty;

    public string ConversationId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public DateTimeOffset PostedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
