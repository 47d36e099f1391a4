using PestProtocol.Bot.Persistence.Outbox;

namespace PestProtocol.Bot.Notifications.Delivery;

/// <summary>
/// What a recipient reads of an alert outside its card: the chat summary, the activity-feed notice and the mail. On
/// purpose without names or details: a feed preview and a mail can be read by others over a shoulder.
/// </summary>
public static class DeliveryTexts
{
    /// <summary>The notification preview of a posted card.</summary>
    public const string Summary = "Nieuwe melding in PestProtocol";

    /// <summary>The preview of the thermometer's cards: a student's invitation is no "melding" (thermo2 branch).</summary>
    public const string ThermometerSummary = "De thermometer: een vragenlijst in PestProtocol";

    /// <summary>The preview of the reply notice to every student of a location (replynotice branch): no "melding voor je".</summary>
    public const string ReplyNoticeSummary = "Er is een antwoord op een anonieme melding op jouw school";

    /// <summary>
    /// The preview of the coordinator's grouped card: it tells of changes in cases already known (confirmed, step 4,
    /// closed, follow-up overdue), not of a new one, so "Nieuwe melding" would send a coordinator looking for one.
    /// </summary>
    public const string CoordinatorDigestSummary = "Er is iets veranderd in een pestmelding op jouw school";

    /// <summary>The notification preview of a posted card of this outbox kind.</summary>
    public static string SummaryFor(string kind) =>
        kind == Features.AnonymousReports.ReplyNoticePayload.Kind ? ReplyNoticeSummary
        : kind == Features.Alerts.CoordinatorDigestPayload.Kind ? CoordinatorDigestSummary
        : kind is not null && kind.StartsWith("thermometer-", StringComparison.Ordinal) ? ThermometerSummary : Summary;

    public const string MailSubject = "Nieuwe melding in PestProtocol";

    /// <summary>The mail subject for a message of this outbox kind: the thermometer's say "vragenlijst", not "melding".</summary>
    public static string MailSubjectFor(string kind) => kind == Features.AnonymousReports.ReplyNoticePayload.Kind ? ReplyNoticeSummary
        : kind == Features.Alerts.CoordinatorDigestPayload.Kind ? CoordinatorDigestSummary : ThermometerKindOf(kind) switch
    {
        ThermometerMail.Results => "De uitslag van een vragenlijst in PestProtocol",
        ThermometerMail.Survey => "Een vragenlijst voor je in PestProtocol",
        _ => MailSubject,
    };

    /// <summary>The mail body for a message of this outbox kind; like the others without names, class or answers.</summary>
    public static string MailBodyFor(string kind, string teamsAppLink) => kind == Features.AnonymousReports.ReplyNoticePayload.Kind
        ? Features.AnonymousReports.ReplyNoticeCards.MailBody(teamsAppLink)
        : ThermometerKindOf(kind) switch
    {
        ThermometerMail.Results =>
            "De uitslag van een thermometer (de vragenlijst over pesten in de klas) staat voor je klaar in PestProtocol.\n\nOpen Microsoft Teams en ga naar de app PestProtocol om de uitslag te bekijken: "
            + teamsAppLink
            + "\n\nDit bericht bevat bewust geen namen of details.",
        ThermometerMail.Survey =>
            "Er staat een vragenlijst voor je klaar in PestProtocol: de thermometer van je klas. Het duurt een paar minuten.\n\nOpen Microsoft Teams en ga naar de app PestProtocol om hem in te vullen: "
            + teamsAppLink
            + "\n\nNiemand op school kan zien wat jij hebt ingevuld. Dit bericht bevat bewust geen namen of details.",
        _ => MailBody(teamsAppLink),
    };

    /// <summary>The activity-feed notice; an anonymous report's says nothing of a sender.</summary>
    public static ActivityFeedNotice FeedNotice(OutboxMessage message, string teamsAppLink)
    {
        ArgumentNullException.ThrowIfNull(message);
        var anonymous = message.Kind.Contains("anon", StringComparison.OrdinalIgnoreCase);
        var parameters = new Dictionary<string, string>();
        if (!anonymous)
        {
            parameters["melder"] = "PestProtocol";
        }

        return new ActivityFeedNotice(
            anonymous ? "anoniemeMelding" : "nieuweMelding",
            "PestProtocol",
            teamsAppLink,
            message.Kind == Features.AnonymousReports.ReplyNoticePayload.Kind ? ReplyNoticeSummary + "."
            : message.Kind == Features.Alerts.CoordinatorDigestPayload.Kind ? CoordinatorDigestSummary + "."
            : ThermometerKindOf(message.Kind) switch
            {
                ThermometerMail.Results => "De uitslag van een vragenlijst staat voor je klaar in PestProtocol.",
                ThermometerMail.Survey => "Er staat een vragenlijst voor je klaar in PestProtocol.",
                _ => "Er is een nieuwe melding voor je in PestProtocol.",
            },
            parameters,
            FeedChainId(message.Id));
    }

    /// <summary>
    /// The feed notice's chain id: the same for every attempt at one outbox message (so a retry overrides a notice Graph
    /// already accepted), different between messages. The first 8 bytes of the message's random id, made positive.
    /// </summary>
    public static long FeedChainId(Guid outboxMessageId)
    {
        Span<byte> bytes = stackalloc byte[16];
        outboxMessageId.TryWriteBytes(bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes) & long.MaxValue;
    }

    public static string MailBody(string teamsAppLink) =>
        "Er is een nieuwe melding voor je in PestProtocol.\n\nOpen Microsoft Teams en ga naar de app PestProtocol om de melding te bekijken: "
        + teamsAppLink
        + "\n\nDit bericht bevat bewust geen namen of details.";

    private enum ThermometerMail
    {
        None,
        Survey,
        Results,
    }

    private static ThermometerMail ThermometerKindOf(string? kind) =>
        kind is null || !kind.StartsWith("thermometer-", StringComparison.Ordinal) ? ThermometerMail.None
        : kind.EndsWith("-results", StringComparison.Ordinal) ? ThermometerMail.Results
        : ThermometerMail.Survey;
}
