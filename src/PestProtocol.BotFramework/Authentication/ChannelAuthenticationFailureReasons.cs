namespace PestProtocol.BotFramework.Authentication;

/// <summary>
/// The values of <see cref="ChannelAuthenticationResult.FailureReason"/> for rejected tokens: short, fixed texts
/// for logs that never contain token contents or user ids.
/// </summary>
public static class ChannelAuthenticationFailureReasons
{
    public const string MalformedToken = "malformed token";
    public const string AlgorithmNotAllowed = "algorithm not allowed";
    public const string IssuerNotTrusted = "issuer not trusted";
    public const string MissingKeyId = "token has no key id";
    public const string SigningKeysUnavailable = "signing keys unavailable";
    public const string UnknownSigningKey = "signing key unknown";
    public const string InvalidSignature = "signature invalid";
    public const string AudienceMismatch = "audience mismatch";
    public const string Expired = "token expired";
    public const string NotYetValid = "token not yet valid";
    public const string NoExpiration = "token has no expiry";
    public const string InvalidToken = "token invalid";
    public const string MissingChannelId = "activity has no channel id";
    public const string ChannelNotEndorsed = "channel not endorsed by signing key";
    public const string MissingServiceUrlClaim = "serviceurl claim missing";
    public const string ServiceUrlMismatch = "serviceurl mismatch";
    public const string CallerNotTrusted = "authorised party not trusted";
    public const string ServiceUrlNotAllowed = "service url not on the allow-list";
}
