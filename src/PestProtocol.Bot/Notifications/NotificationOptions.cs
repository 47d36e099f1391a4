namespace PestProtocol.Bot.Notifications;

/// <summary>How notifications are delivered. Bound from the configuration section <see cref="Section"/>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Run the outbox dispatcher in this instance (several instances may run it on one database).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the outbox is polled when there was nothing to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages leased per poll.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a lease holds; a lease that ran out (a crashed instance) is taken over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Failed attempts after which a message is marked Failed and the coordinator is told.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// Events for one coordinator (confirmed, not confirmed, step 4, closed, overdue follow-up) within one window of this
    /// length become one card, sent when the window ends. Default 10 minutes.
    /// </summary>
    public TimeSpan CoordinatorDigestWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay after the first failed attempt; it doubles per attempt (with jitter).</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound for a computed backoff delay.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sends per second into one conversation (Teams: 7 per bot per thread).</summary>
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Connector and Graph requests per second for the whole app (Teams: 50 per app per tenant).</summary>
    public int GlobalPerSecond { get; set; } = 50;

    /// <summary>The app's id in the tenant's app catalog (<c>/appCatalogs/teamsApps/{id}</c>), for installing it for a user.</summary>
    public string? TeamsAppCatalogId { get; set; }

    /// <summary>The mailbox (UPN or object id) mail notifications are sent from.</summary>
    public string? MailSender { get; set; }

    /// <summary>The bot's channel id for create-conversation (<c>28:{appId}</c>); default from <c>MicrosoftAppId</c>.</summary>
    public string? BotId { get; set; }

    /// <summary>The bot's display name.</summary>
    public string BotName { get; set; } = "PestProtocol";

    /// <summary>The tenant id for create-conversation; default <c>MicrosoftAppTenantId</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>The connector serviceUrl used when a recipient has no stored reference.</summary>
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>A link opening the app in Teams, put in the activity-feed topic and the mail.</summary>
    public string TeamsAppLink { get; set; } = "https://teams.microsoft.com/";

    /// <summary>This instance's name in leases; default machine name plus a random suffix.</summary>
    public string? InstanceName { get; set; }
}
