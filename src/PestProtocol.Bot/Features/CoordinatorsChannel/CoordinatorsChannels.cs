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
    internal static async Task<bool> ExistsAsync(PestProtocolDbContext db, DirectoryOptions? directory, string locationId, CancellationToken cancellationToken) =>
        (directory is not null && Configured(directory, locationId) is not null)
        || await LinkedQuery.For(db).Exists(db, locationId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The linked-channel check runs whenever a case opens (the channel copy is planned with the alerts): compiled once per
    /// EF model (SQLite and PostgreSQL contexts live side by side in the tests) instead of per call.
    /// </summary>
    private sealed class LinkedQuery
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, LinkedQuery> PerModel = [];

        public static LinkedQuery For(PestProtocolDbContext db) => PerModel.GetValue(db.Model, static _ => new LinkedQuery());

        public Func<PestProtocolDbContext, string, CancellationToken, Task<bool>> Exists { get; } =
            EF.CompileAsyncQuery((PestProtocolDbContext db, string locationId, CancellationToken _) =>
                db.CoordinatorsChannels.Any(c => c.LocationId == locationId));
    }

    private static CoordinatorsChannelEntry? Configured(DirectoryOptions options, string locationId) =>
        options.ConfiguredChannels()
            .Where(l => string.Equals(l.LocationId, locationId, StringComparison.Ordinal) && l.Channel is { ChannelId.Length: > 0 })
            .Select(l => l.Channel)
            .FirstOrDefault();
}
