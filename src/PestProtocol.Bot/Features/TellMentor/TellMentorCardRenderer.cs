using System.Globalization;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.BotFramework.Cards;

namespace PestProtocol.Bot.Features.TellMentor;

/// <summary>Renders a <see cref="StudentToldMentorPayload"/> as the mentor's card; nothing when the student is no longer known.</summary>
public sealed class TellMentorCardRenderer(IDirectory directory) : IAlertCardRenderer
{
    public string Kind => StudentToldMentorPayload.Kind;

    public async Task<AdaptiveCard?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = System.Text.Json.JsonSerializer.Deserialize<StudentToldMentorPayload>(message.Payload, System.Text.Json.JsonSerializerOptions.Web);
        if (payload is null)
        {
            return null;
        }

        var student = await directory.FindPersonAsync(payload.StudentId, cancellationToken).ConfigureAwait(false);
        return student is { Kind: PersonKind.Student } ? TellMentorCards.ForMentor(student, payload, Show(payload.ToldAt)) : null;
    }

    /// <summary>"06-12-2026 14:05" in Dutch local time.</summary>
    internal static string Show(DateTimeOffset value)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            zone = TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.ConvertTime(value, zone).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);
    }
}
