using System.Text.Json;
using System.Text.Json.Serialization;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Notifications;

/// <summary>
/// Outbox payload of kind <see cref="Kind"/>: update the recipient's posted copy of a case alert in place (ids only). With
/// <see cref="CopyId"/> (the delivery that posted it) exactly that card is updated; without it, the recipient's latest copy.
/// </summary>
public sealed record AlertUpdatePayload(
    [property: JsonPropertyName("caseId")] Guid CaseId,
    [property: JsonPropertyName("entryId")] Guid EntryId,
    [property: JsonPropertyName("recipientRole")] StaffRole RecipientRole,
    [property: JsonPropertyName("copyId")] Guid? CopyId = null)
{
    public const string Kind = "alert-update";
}

/// <summary>
/// Outbox payload of kind <see cref="Kind"/>: tells a coordinator that a notification could not be delivered
/// to <see cref="RecipientId"/> (ids and codes only).
/// </summary>
public sealed record DeliveryFailedPayload(
    [property: JsonPropertyName("caseId")] Guid? CaseId,
    [property: JsonPropertyName("failedRecipientId")] string RecipientId,
    [property: JsonPropertyName("failedRecipientRole")] StaffRole? RecipientRole,
    [property: JsonPropertyName("failedMessageId")] Guid FailedMessageId,
    [property: JsonPropertyName("attempts")] int Attempts)
{
    public const string Kind = "delivery-failed";
}

/// <summary>Reads the common fields of any outbox payload: the case and the recipient's role, when present.</summary>
internal static class PayloadFields
{
    public static (Guid? CaseId, string? Role) Read(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            // The subject of the alert: a case, or an anonymous report.
            Guid? caseId = ReadGuid(root, "caseId") ?? ReadGuid(root, "reportId");
            string? role = root.TryGetProperty("recipientRole", out var r) ? r.ValueKind switch
            {
                JsonValueKind.String => r.GetString(),
                JsonValueKind.Number => ((StaffRole)r.GetInt32()).ToString(),
                _ => null,
            } : null;
            return (caseId, role);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static Guid? ReadGuid(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;

    public static T Deserialize<T>(string payloadJson) =>
        JsonSerializer.Deserialize<T>(payloadJson, JsonSerializerOptions.Web) ?? throw new JsonException("Empty payload.");
}

/// <summary>
/// Which outbox kinds post an alert card whose copies are remembered (<c>alert_cards</c>), and which kinds replace
/// those copies in place. The anonymous-report module uses the same kind names for its own alerts.
/// </summary>
public static class AlertKinds
{
    public static bool PostsCard(string kind) => kind is CaseAlertPayload.Kind or "anonymous-report-alert";

    public static bool UpdatesInPlace(string kind) => kind is AlertUpdatePayload.Kind or "anonymous-report-update";
}
