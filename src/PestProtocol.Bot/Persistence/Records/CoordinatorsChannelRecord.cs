namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One row of <c>coordinators_channels</c>: the Teams channel a coordinator linked (<c>koppel kanaal</c>) for a location,
/// where every alert for that location's coordinators is also posted. One row per location; Teams ids only.
/// </summary>
public sealed class CoordinatorsChannelRecord
{
    /// <summary>The location (vestiging) id.</summary>
    public string LocationId { get; set; } = string.Empty;

    /// <summary>The team's thread id (<c>19:…@thread.tacv2</c>).</summary>
    public string TeamId { get; set; } = string.Empty;

    /// <summary>The channel's thread id (<c>19:…@thread.tacv2</c>).</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The channel's name as Teams sent it, for the delivery log (e.g. "Zorg en veiligheid").</summary>
    public string? ChannelName { get; set; }

    /// <summary>The connector address of the team's region, from the linking activity.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    public string? TenantId { get; set; }

    /// <summary>The coordinator who linked it (Entra object id).</summary>
    public string LinkedBy { get; set; } = string.Empty;

    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>
/// One row of <c>team_addresses</c>: the connector address (serviceUrl) and tenant last seen on an activity from a team,
/// so a channel named in configuration can be reached.
/// </summary>
public sealed class TeamAddressRecord
{
    /// <summary>The team's thread id (<c>19:…@thread.tacv2</c>).</summary>
    public string TeamId { get; set; } = string.Empty;

    public string ServiceUrl { get; set; } = string.Empty;

    public string? TenantId { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}
