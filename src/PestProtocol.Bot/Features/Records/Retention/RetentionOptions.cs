namespace PestProtocol.Bot.Features.Records.Retention;

/// <summary>
/// How long each kind of record is kept (section <c>Retention</c>), and how often the purge runs. The defaults follow
/// Dutch guidance for pupil records: the AVG sets no term itself (storage limitation, art. 5(1)(e)); schools commonly
/// keep the leerlingdossier at most two years after the pupil left, the term of the former Vrijstellingsbesluit Wbp.
/// The bot does not know when a pupil leaves school, and its dossier is the working copy next to Magister (where the
/// notes are kept, see "Kopieer voor Magister"), so a closed case is kept two years after it was closed. Align the
/// terms with the school group's privacy statement and its FG/DPO.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>A closed case (with its dossier, members, alerts and deliveries about it), after the day it was closed. Default 2 years.</summary>
    public TimeSpan ClosedCases { get; set; } = TimeSpan.FromDays(730);

    /// <summary>An anonymous report with its messages, after its last message. Default 1 school year (365 days).</summary>
    public TimeSpan AnonymousReports { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Delivery logs: attempts to deliver an alert and sent or failed outbox messages. Default 90 days (enough to answer "did the alert arrive?").</summary>
    public TimeSpan DeliveryLogs { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Conversation state not written for this long (an abandoned dialog with half-typed answers). Default 30 days.</summary>
    public TimeSpan ConversationState { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Lines of the access log. Default 3 years: longer than the closed cases they account for, so a parent's question about who read a dossier can still be answered.</summary>
    public TimeSpan AccessLogs { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>How often the purge runs (once per interval across all instances). Default 6 hours.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The shortest and longest term the start-up check accepts for a kind of record.</summary>
    public static readonly TimeSpan MinimumTerm = TimeSpan.FromDays(1);

    /// <summary>Ten years: beyond any guidance for pupil records.</summary>
    public static readonly TimeSpan MaximumTerm = TimeSpan.FromDays(3653);

    /// <summary>Every term, by its configuration key.</summary>
    public IReadOnlyList<(string Key, TimeSpan Value)> Terms() =>
    [
        (nameof(ClosedCases), ClosedCases),
        (nameof(AnonymousReports), AnonymousReports),
        (nameof(DeliveryLogs), DeliveryLogs),
        (nameof(ConversationState), ConversationState),
        (nameof(AccessLogs), AccessLogs),
    ];
}
