using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PestProtocol.BotFramework.Testing.Authentication;

namespace PestProtocol.Bot.Tests.Hosting;

/// <summary>Tokens as the Bot Framework channel signs them, for tests that post to an authenticated bot over HTTP.</summary>
internal static class ChannelTokens
{
    /// <summary>
    /// A channel token for <paramref name="appId"/>, signed with <paramref name="key"/> (the authority's key, or an
    /// impostor's), naming the connector it came from; valid for the hour up to <paramref name="expires"/> (55 minutes from now by default).
    /// </summary>
    public static string Mint(TestSigningKey key, string appId, string serviceUrl, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var validTo = expires ?? DateTimeOffset.UtcNow.AddMinutes(55);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = appId,
            IssuedAt = validTo.AddHours(-1).UtcDateTime,
            NotBefore = validTo.AddHours(-1).UtcDateTime,
            Expires = validTo.UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        });
    }
}
