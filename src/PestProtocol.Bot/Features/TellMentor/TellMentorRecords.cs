using System.Text.Json.Serialization;
using PestProtocol.Domain.Cases;

namespace PestProtocol.Bot.Features.TellMentor;

/// <summary>
/// Outbox payload of kind <see cref="Kind"/>: a student told their mentor, by name, that something is wrong. Ids and the
/// student's own words only; names are read from the directory when the card is rendered.
/// </summary>
public sealed record StudentToldMentorPayload(
    [property: JsonPropertyName("studentId")] string StudentId,
    [property: JsonPropertyName("mentorId")] string MentorId,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("toldAt")] DateTimeOffset ToldAt)
{
    public const string Kind = "student-told-mentor";
}

/// <summary>
/// Put in the turn state when a staff member starts /melding from "Start stap 1" on a student's message: the intake card
/// then has this answer to "Hoe kwam het vermoeden?" already chosen (the mentor can still change it).
/// </summary>
public sealed record SuggestedIntake(SuspicionTrigger Trigger);
