using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PestProtocol.BotFramework.Testing.Authentication;

/// <summary>An RSA key generated for one test, published in a JWKS with optional Bot Framework endorsements.</summary>
public sealed class TestSigningKey
{
    private TestSigningKey(string keyId, RSAParameters parameters)
    {
        KeyId = keyId;
        Parameters = parameters;
        SecurityKey = new RsaSecurityKey(parameters) { KeyId = keyId };
    }

    public string KeyId { get; }

    public RSAParameters Parameters { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials => new(SecurityKey, SecurityAlgorithms.RsaSha256);

    public static TestSigningKey Create(string keyId)
    {
        using var rsa = RSA.Create(2048);
        return new TestSigningKey(keyId, rsa.ExportParameters(includePrivateParameters: true));
    }

    /// <summary>The public JWK as the channel publishes it; <paramref name="endorsements"/> null leaves the property out.</summary>
    public Dictionary<string, object> ToJwk(IReadOnlyList<string>? endorsements)
    {
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(Parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(Parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }
}
