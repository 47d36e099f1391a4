namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One thermometer survey of one class (<c>thermometer_surveys</c>). Holds who started it (a staff member, to send the
/// results to) and how many students were invited, never which students. <see cref="RespondentKey"/> is the secret of
/// <see cref="Domain.Thermometer.RespondentKey"/> while the survey is open, and null (overwritten: secure_delete) from
/// closing on.
/// </summary>
public sealed class ThermometerSurveyRecord
{
    public Guid Id { get; set; }

    public string ClassId { get; set; } = string.Empty;

    public string ClassName { get; set; } = string.Empty;

    public string LocationId { get; set; } = string.Empty;

    /// <summary>The mentor or coordinator who started it.</summary>
    public string StartedByStaffId { get; set; } = string.Empty;

    public DateOnly OpenedOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    public int InvitedCount { get; set; }

    /// <summary><c>Open</c> or <c>Closed</c>.</summary>
    public string State { get; set; } = "Open";

    public DateOnly? ClosedOn { get; set; }

    /// <summary>32 bytes while open; null once closed.</summary>
    public byte[]? RespondentKey { get; set; }

    /// <summary>Respondent count of the last interim result shown (k-anonymity across releases).</summary>
    public int? LastReleasedCount { get; set; }
}

/// <summary>
/// "This student has answered" as an HMAC token (<c>thermometer_respondents</c>), kept apart from the answers and
/// deleted when the survey closes.
/// </summary>
public sealed class ThermometerRespondentRecord
{
    public Guid SurveyId { get; set; }

    /// <summary>Base64 HMAC-SHA256 of survey id and student id under the survey's respondent key.</summary>
    public string Token { get; set; } = string.Empty;
}

/// <summary>
/// One finished, anonymous response (<c>thermometer_answers</c>): no student, no token, no time — a random id, the
/// survey, the two details of Bijlage 2 and the 42 scores as JSON.
/// </summary>
public sealed class ThermometerAnswerRecord
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public int Gender { get; set; }

    public int Afdeling { get; set; }

    /// <summary>{"b1.zijn-wie-ik-ben": 4, …}.</summary>
    public string ScoresJson { get; set; } = "{}";
}
