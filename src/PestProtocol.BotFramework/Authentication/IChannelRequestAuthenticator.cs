using System.Security.Claims;
using PestProtocol.BotFramework.Schema;

namespace PestProtocol.BotFramework.Authentication;

/// <summary>
/// Checks that an incoming request really comes from the channel (Bot Connector / Teams):
/// the bearer JWT of the Authorization header, validated per the Bot Framework channel spec.
/// </summary>
public interface IChannelRequestAuthenticator
{
    /// <summary>False only in development mode (no MicrosoftAppId): then every request is let through.</summary>
    bool IsEnabled { get; }

    Task<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

public enum ChannelAuthenticationStatus
{
    /// <summary>A valid channel token.</summary>
    Authenticated,
    /// <summary>Authentication is off (development mode): allowed, no identity.</summary>
    Anonymous,
    /// <summary>No bearer token at all: answer 401.</summary>
    MissingToken,
    /// <summary>A token that fails any check: answer 403.</summary>
    Rejected,
}

/// <summary>The outcome; <see cref="FailureReason"/> is for logs only, never for the HTTP body.</summary>
public sealed record ChannelAuthenticationResult(ChannelAuthenticationStatus Status, ClaimsIdentity? Identity = null, string? FailureReason = null)
{
    public bool IsAllowed => Status is ChannelAuthenticationStatus.Authenticated or ChannelAuthenticationStatus.Anonymous;

    public static ChannelAuthenticationResult Anonymous { get; } = new(ChannelAuthenticationStatus.Anonymous);
    public static ChannelAuthenticationResult Missing { get; } = new(ChannelAuthenticationStatus.MissingToken, FailureReason: "no bearer token");
    public static ChannelAuthenticationResult Reject(string reason) => new(ChannelAuthenticationStatus.Rejected, FailureReason: reason);
    public static ChannelAuthenticationResult Accept(ClaimsIdentity identity) => new(ChannelAuthenticationStatus.Authenticated, identity);
}
