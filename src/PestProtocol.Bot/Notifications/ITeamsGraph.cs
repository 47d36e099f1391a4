namespace PestProtocol.Bot.Notifications;

/// <summary>
/// The few Microsoft Graph calls notifications need: install the app for a user, find the bot's chat with them,
/// post to their Teams activity feed, and send a mail. Failures are <see cref="TeamsGraphException"/>.
/// </summary>
public interface ITeamsGraph
{
    /// <summary>Installs the catalog app for the user (an existing installation is fine); returns the installation id.</summary>
    Task<string> InstallAppForUserAsync(string userId, string teamsAppCatalogId, CancellationToken cancellationToken);

    /// <summary>The id of the 1:1 chat between the installed app's bot and the user.</summary>
    Task<string> GetInstalledAppChatIdAsync(string userId, string installationId, CancellationToken cancellationToken);

    /// <summary>Posts to the user's Teams activity feed (an activity type declared in the manifest).</summary>
    Task SendActivityNotificationAsync(string userId, ActivityFeedNotice notice, CancellationToken cancellationToken);

    /// <summary>Sends a plain-text mail from <paramref name="senderMailbox"/> to the user.</summary>
    Task SendMailAsync(string senderMailbox, string recipientUserId, string recipientAddress, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>
/// What goes to a user's activity feed. <see cref="TemplateParameters"/> fill the manifest's <c>templateText</c>.
/// <see cref="ChainId"/> (Graph's <c>chainId</c>): a notification sent again with the same chain id overrides the earlier
/// one instead of adding a second (Graph docs, sendActivityNotification), so a retry after a timeout that Graph had
/// in fact accepted shows one notice, not two.
/// </summary>
public sealed record ActivityFeedNotice(string ActivityType, string TopicText, string WebUrl, string PreviewText, IReadOnlyDictionary<string, string> TemplateParameters, long? ChainId = null);

/// <summary>A Graph call failed. Carries the HTTP status, Graph's error code and Retry-After; never personal data.</summary>
public sealed class TeamsGraphException(int statusCode, string? code, TimeSpan? retryAfter, Exception? inner = null)
    : Exception($"Microsoft Graph refused the call: {statusCode}{(code is null ? "" : ", " + code)}.", inner)
{
    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>True when trying again later may succeed (429, 5xx, no answer).</summary>
    public bool IsTransient => StatusCode is 0 or 408 or 412 or 429 or >= 500;
}
