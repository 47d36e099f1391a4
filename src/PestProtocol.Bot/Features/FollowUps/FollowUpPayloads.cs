using System.Text.Json.Serialization;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>Outbox payload of kind <see cref="Kind"/>: the owner's card "Hoe gaat het met …?" (ids only).</summary>
public sealed record FollowUpReminderPayload(
    [property: JsonPropertyName("caseId")] Guid CaseId,
    [property: JsonPropertyName("entryId")] Guid EntryId)
{
    public const string Kind = "follow-up-reminder";
}

/// <summary>
/// Outbox payload of kind <see cref="Kind"/>: tells a coordinator that a follow-up was not answered (ids only). No longer
/// planned (an overdue follow-up now goes into the coordinator's grouped card); still rendered for messages queued before.
/// </summary>
public sealed record FollowUpOverduePayload(
    [property: JsonPropertyName("caseId")] Guid CaseId,
    [property: JsonPropertyName("entryId")] Guid EntryId)
{
    public const string Kind = "follow-up-overdue";
}

/// <summary>
/// Outbox payload of kind <see cref="Kind"/>: routes D and E, the owner's own card for one bully followed ("Hoe gaat het
/// met Lars?"), apart from the victim's (ids only; the bully by his opaque reference).
/// </summary>
public sealed record FollowUpBullyReminderPayload(
    [property: JsonPropertyName("caseId")] Guid CaseId,
    [property: JsonPropertyName("entryId")] Guid EntryId,
    [property: JsonPropertyName("bully")] string BullyRef)
{
    public const string Kind = "follow-up-reminder-bully";
}
