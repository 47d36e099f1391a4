using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.SchoolDirectory.Graph;

/// <summary>
/// Configuration section "Directory:Graph": where Microsoft Graph is, how the app signs in, and which
/// Entra groups say who is staff, who is a student, and who holds which role at which location.
/// </summary>
public sealed class GraphDirectoryOptions
{
    /// <summary>Graph endpoint with version. Tests point it at a local fake on 127.0.0.1.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Entra tenant; defaults to the bot's "MicrosoftAppTenantId".</summary>
    public string? TenantId { get; set; }

    /// <summary>App registration used for Graph; defaults to the bot's "MicrosoftAppId".</summary>
    public string? ClientId { get; set; }

    /// <summary>Its client secret; defaults to the bot's "MicrosoftAppPassword".</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Retries after 429/503/504 by the Graph SDK's retry handler, which waits as long as Retry-After says.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Upper bound for one look-up, retries included (a Teams turn must be answered within seconds).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long people, roles and classes are reused without asking Graph again.</summary>
    public int CacheMinutes { get; set; } = 5;

    /// <summary>How long student search results are reused.</summary>
    public int SearchCacheSeconds { get; set; } = 30;

    /// <summary>
    /// When Graph fails, a cached answer younger than this (counted from when it was fetched) is
    /// served instead of an error. 0 turns stale answers off.
    /// </summary>
    public int ServeStaleMinutes { get; set; } = 60;

    /// <summary>Groups of all staff (transitive membership). Staff are also everyone in a location's staff or role group.</summary>
    public List<string> StaffGroupIds { get; set; } = [];

    /// <summary>Groups of all students. Students are also everyone in a location's student group.</summary>
    public List<string> StudentGroupIds { get; set; } = [];

    /// <summary>How a student's class and mentor are found.</summary>
    public MentorSource MentorSource { get; set; } = MentorSource.ClassGroupOwners;

    /// <summary>
    /// Regular expression that picks the student's class among their groups (ClassGroupOwners) or
    /// education classes (EducationClasses), matched against displayName and mailNickname. A named
    /// group "class" gives the class name shown (e.g. <c>^Klas (?&lt;class&gt;\w+)$</c>); without it the
    /// displayName is the class name. Empty: any education class matches (ClassGroupOwners needs a pattern).
    /// </summary>
    public string? ClassGroupPattern { get; set; }

    /// <summary>The locations (vestigingen) and their groups.</summary>
    public List<LocationGroups> Locations { get; set; } = [];

    /// <summary>One location and the Entra groups that belong to it.</summary>
    public sealed class LocationGroups
    {
        /// <summary>Our location id (the one cases are stored with).</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>Name shown to staff.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Students of this location: membership gives a student their location.</summary>
        public List<string> StudentGroupIds { get; set; } = [];

        /// <summary>Staff of this location (optional): gives a staff member their location.</summary>
        public List<string> StaffGroupIds { get; set; } = [];

        /// <summary>
        /// Role → groups whose (transitive) members hold that role here, e.g. "AntiPestCoordinator",
        /// "Teamleider", "InternBegeleider", "Deelschoolleider" (any <see cref="StaffRole"/> name).
        /// </summary>
        public Dictionary<StaffRole, List<string>> RoleGroups { get; set; } = [];

        /// <summary>
        /// This location's own class pattern (optional; same form as <see cref="GraphDirectoryOptions.ClassGroupPattern"/>,
        /// e.g. <c>^DW Klas (?&lt;class&gt;\w+)$</c>). A class belongs to every location whose pattern (own, else the global one)
        /// matches it; a class that several locations claim, or a name that fits several classes, is refused as ambiguous.
        /// With more than one location, give each its own pattern.
        /// </summary>
        public string? ClassGroupPattern { get; set; }

        /// <summary>The coordinators' Teams channel of this location (optional): alerts for its coordinators are also posted there.</summary>
        public CoordinatorsChannelEntry? CoordinatorsChannel { get; set; }
    }
}

/// <summary>Where a student's class and its mentor come from.</summary>
public enum MentorSource
{
    /// <summary>The owners of the student's class group (a Microsoft 365 group matching <see cref="GraphDirectoryOptions.ClassGroupPattern"/>).</summary>
    ClassGroupOwners,

    /// <summary>Graph education: the student's education class and its teachers (School Data Sync).</summary>
    EducationClasses,
}
