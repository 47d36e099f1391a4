using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PestProtocol.Bot.Notifications;
using PestProtocol.Bot.Persistence;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Bot.SchoolDirectory;

namespace PestProtocol.Bot.Features.CoordinatorsChannel;

/// <summary>
/// <see cref="ICoordinatorsChannels"/> on <c>coordinators_channels</c> and <c>team_addresses</c>, with the channels named
/// in configuration. Rule: a channel linked from Teams wins over the configured one; without a link the configured
/// channel is used, reached through the team's last seen connector address, else <c>Notifications:DefaultServiceUrl</c>.
/// </summary>
public sealed class CoordinatorsChannels(
    PestProtocolDbContext db,
    IOptionsMonitor<DirectoryOptions> directory,
    IOptions<NotificationOptions> notifications,
    TimeProvider time) : ICoordinatorsChannels
{
    private const string LinkedExists = "SELECT 1 FROM coordinators_channels WHERE location_id = @location LIMIT 1";

    public async Task<CoordinatorsChannel?> FindAsync(string locationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        var linked = await db.CoordinatorsChannels.AsNoTracking().SingleOrDefaultAsync(c => c.LocationId == locationId, cancellationToken).ConfigureAwait(false);
        if (linked is not null)
        {
            return new CoordinatorsChannel(linked.LocationId, linked.TeamId, linked.ChannelId, linked.ChannelName, linked.ServiceUrl,
                linked.TenantId ?? notifications.Value.TenantId, CoordinatorsChannelSource.Linked);
        }

        var configured = Configured(directory.CurrentValue, locationId);
        if (configured is null)
        {
            return null;
        }

        var team = await db.TeamAddresses.AsNoTracking().SingleOrDefaultAsync(t => t.TeamId == configured.TeamId, cancellationToken).ConfigureAwait(false);
        return new CoordinatorsChannel(
            locationId,
            configured.TeamId,
            configured.ChannelId,
            configured.Name,
            team?.ServiceUrl ?? notifications.Value.DefaultServiceUrl,
            team?.TenantId ?? notifications.Value.TenantId,
            CoordinatorsChannelSource.Configuration);
    }

    public async Task LinkAsync(CoordinatorsChannel channel, string linkedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(linkedBy);
        var now = time.GetUtcNow();
        var row = await db.CoordinatorsChannels.SingleOrDefaultAsync(c => c.LocationId == channel.LocationId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new CoordinatorsChannelRecord { LocationId = channel.LocationId };
            db.CoordinatorsChannels.Add(row);
        }

        row.TeamId = channel.TeamId;
        row.ChannelId = channel.ChannelId;
        row.ChannelName = channel.ChannelName;
        row.ServiceUrl = channel.ServiceUrl;
        row.TenantId = channel.TenantId;
        row.LinkedBy = linkedBy;
        row.LinkedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnlinkAsync(string locationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        var removed = await db.CoordinatorsChannels.Where(c => c.LocationId == locationId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return removed > 0;
    }

    public async Task RememberTeamAsync(string teamId, string serviceUrl, string? tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        var row = await db.TeamAddresses.SingleOrDefaultAsync(t => t.TeamId == teamId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            db.TeamAddresses.Add(new TeamAddressRecord { TeamId = teamId, ServiceUrl = serviceUrl, TenantId = tenantId, SeenAt = time.GetUtcNow() });
        }
        else
        {
            row.ServiceUrl = serviceUrl;
            row.TenantId = tenantId ?? row.TenantId;
            row.SeenAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the location has a channel (linked or configured), without resolving its address.</summary>
    /// <remarks>
    /// The linked-channel check runs whenever a case opens (the channel copy is planned with the alerts): a plain command on
    /// the context's connection, in its transaction (the turn's), not an EF Core query. It reads the table every time, so a
    /// channel linked or unlinked from Teams (on any instance) counts from the next case on.
    /// </remarks>
    internal static async Task<bool> ExistsAsync(PestProtocolDbContext db, DirectoryOptions? directory, string locationId, CancellationToken cancellationToken)
    {
        if (directory is not null && Configured(directory, locationId) is not null)
        {
            return true;
        }

        var session = await SqlSession.OpenAsync(db, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var command = session.Command(LinkedExists);
            await using (command.ConfigureAwait(false))
            {
                CaseStoreSql.AddText(command, "@location", locationId);
                return await SqlSession.ScalarAsync(command, cancellationToken).ConfigureAwait(false) is not (null or DBNull);
            }
        }
    }

    private static CoordinatorsChannelEntry? Configured(DirectoryOptions options, string locationId) =>
        options.ConfiguredChannels()
            .Where(l => string.Equals(l.LocationId, locationId, StringComparison.Ordinal) && l.Channel is { ChannelId.Length: > 0 })
            .Select(l => l.Channel)
            .FirstOrDefault();
}
