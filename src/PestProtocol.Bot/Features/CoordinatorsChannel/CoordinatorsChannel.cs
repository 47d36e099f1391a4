namespace PestProtocol.Bot.Features.CoordinatorsChannel;

/// <summary>Where a location's coordinators' channel comes from.</summary>
public enum CoordinatorsChannelSource
{
    /// <summary>Named under <c>Directory:Locations[]:CoordinatorsChannel</c> (or the Graph directory's locations).</summary>
    Configuration,

    /// <summary>Linked from Teams with <c>koppel kanaal</c>; wins over configuration.</summary>
    Linked,
}

/// <summary>A location's coordinators' Teams channel and how to reach it (Teams ids only, no personal data).</summary>
/// <param name="LocationId">The location (vestiging).</param>
/// <param name="TeamId">The team's thread id.</param>
/// <param name="ChannelId">The channel's thread id; a new thread is started there for every alert.</param>
/// <param name="ChannelName">The channel's name, if known.</param>
/// <param name="ServiceUrl">The connector address of the team's region.</param>
/// <param name="TenantId">The tenant, if known.</param>
/// <param name="Source">Linked from Teams or named in configuration.</param>
public sealed record CoordinatorsChannel(
    string LocationId,
    string TeamId,
    string ChannelId,
    string? ChannelName,
    string ServiceUrl,
    string? TenantId,
    CoordinatorsChannelSource Source)
{
    /// <summary>"Kanaal Zorg en veiligheid", or "Kanaal van de coördinatoren" when the name is not known.</summary>
    public string DisplayName => ChannelRecipient.Describe(ChannelName);
}

/// <summary>
/// The outbox recipient id that stands for a location's coordinators' channel (<c>channel:{locationId}</c>). Outbox
/// messages, deliveries and posted card copies for the channel use it where a person's Entra object id would stand.
/// </summary>
public static class ChannelRecipient
{
    public const string Prefix = "channel:";

    public static string For(string locationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        return Prefix + locationId;
    }

    public static bool TryGetLocation(string? recipientId, out string locationId)
    {
        locationId = string.Empty;
        if (recipientId is null || !recipientId.StartsWith(Prefix, StringComparison.Ordinal) || recipientId.Length == Prefix.Length)
        {
            return false;
        }

        locationId = recipientId[Prefix.Length..];
        return true;
    }

    /// <summary>The channel as the delivery log names it.</summary>
    public static string Describe(string? channelName) =>
        string.IsNullOrWhiteSpace(channelName) ? "Kanaal van de coördinatoren" : "Kanaal " + channelName.Trim();
}
