using System.Text.Json.Serialization;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// What an outbox message of kind <see cref="Kind"/> carries: ids only, never names or text. The sender
/// reads the case when it builds the alert card, so the card shows the case as it is at sending time.
/// </summary>
public sealed record CaseAlertPayload(
    [property: JsonPropertyName("caseId")] Guid CaseId,
    [property: JsonPropertyName("entryId")] Guid EntryId,
    [property: JsonPropertyName("step")] ProtocolStep Step,
    [property: JsonPropertyName("recipientRole")] StaffRole RecipientRole)
{
    public const string Kind = "case-alert";
}
