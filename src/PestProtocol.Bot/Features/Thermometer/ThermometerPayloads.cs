using System.Text.Json.Serialization;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>
/// Outbox payload of the thermometer's messages: the survey id only. It names no case and no report, so the delivery log
/// links a student to nothing but the invitation to a survey (never to an answer).
/// </summary>
public sealed record ThermometerPayload([property: JsonPropertyName("surveyId")] Guid SurveyId)
{
    /// <summary>The invitation to a student of the class.</summary>
    public const string InvitationKind = "thermometer-invitation";

    /// <summary>The one reminder before closing; planned for every student, sent only to who has not answered.</summary>
    public const string ReminderKind = "thermometer-reminder";

    /// <summary>The results card for the mentor and the location's coordinators when the survey closed.</summary>
    public const string ResultsKind = "thermometer-results";

    /// <summary>The dedup key of one message: one per survey, kind and recipient.</summary>
    public static string DedupKey(string kind, Guid surveyId, string recipientId) => $"{kind}:{surveyId:N}:{recipientId}";

    /// <summary>The prefix of every dedup key of one kind in one survey.</summary>
    public static string DedupPrefix(string kind, Guid surveyId) => $"{kind}:{surveyId:N}:";
}
