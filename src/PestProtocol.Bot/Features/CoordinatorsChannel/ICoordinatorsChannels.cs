namespace PestProtocol.Bot.Features.CoordinatorsChannel;

/// <summary>The coordinators' channel per location: linked from Teams (stored) or named in configuration.</summary>
public interface ICoordinatorsChannels
{
    /// <summary>The location's channel: the linked one, else the configured one, else null.</summary>
    Task<CoordinatorsChannel?> FindAsync(string locationId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="channel"/> as the location's linked channel (replacing an earlier link).</summary>
    Task LinkAsync(CoordinatorsChannel channel, string linkedBy, CancellationToken cancellationToken);

    /// <summary>Removes the location's linked channel; false when none was linked. A configured channel stays.</summary>
    Task<bool> UnlinkAsync(string locationId, CancellationToken cancellationToken);

    /// <summary>Remembers the connector address (and tenant) of a team, to reach a configured channel in it.</summary>
    Task RememberTeamAsync(string teamId, string serviceUrl, string? tenantId, CancellationToken cancellationToken);
}
