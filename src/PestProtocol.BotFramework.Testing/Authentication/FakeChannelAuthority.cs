using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PestProtocol.BotFramework.Testing.Authentication;

/// <summary>
/// A local stand-in for login.botframework.com and login.microsoftonline.com on 127.0.0.1: OpenID metadata
/// documents and key sets whose keys a test can publish and withdraw while it runs.
/// </summary>
public sealed class FakeChannelAuthority : IAsyncDisposable
{
    public static readonly string[] TeamsEndorsements = ["msteams", "skype", "webchat"];

    private readonly Lock _gate = new();
    private readonly List<(TestSigningKey Key, IReadOnlyList<string>? Endorsements)> _botFrameworkKeys = [];
    private readonly List<TestSigningKey> _entraKeys = [];
    private WebApplication? _app;
    private int _botFrameworkMetadataRequests;
    private int _entraMetadataRequests;

    private FakeChannelAuthority(string entraTenant) => EntraTenant = entraTenant;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The only tenant whose Entra metadata exists here.</summary>
    public string EntraTenant { get; }

    public string BotFrameworkMetadataUrl => $"{BaseUrl}/botframework/v1/.well-known/openidconfiguration";

    public string EntraMetadataUrlTemplate => $"{BaseUrl}/entra/{{tenant}}/v2.0/.well-known/openid-configuration";

    public int BotFrameworkMetadataRequests => Volatile.Read(ref _botFrameworkMetadataRequests);

    public int EntraMetadataRequests => Volatile.Read(ref _entraMetadataRequests);

    public static async Task<FakeChannelAuthority> StartAsync(string entraTenant)
    {
        var authority = new FakeChannelAuthority(entraTenant);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        app.MapGet("/botframework/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref authority._botFrameworkMetadataRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = $"{authority.BaseUrl}/botframework/v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            });
        });
        app.MapGet("/botframework/v1/.well-known/keys", () =>
        {
            lock (authority._gate)
            {
                return Results.Json(new { keys = authority._botFrameworkKeys.Select(entry => entry.Key.ToJwk(entry.Endorsements)).ToArray() });
            }
        });
        app.MapGet("/entra/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            if (tenant != authority.EntraTenant)
            {
                return Results.NotFound();
            }

            Interlocked.Increment(ref authority._entraMetadataRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
                ["jwks_uri"] = $"{authority.BaseUrl}/entra/{tenant}/discovery/v2.0/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/entra/{tenant}/discovery/v2.0/keys", (string tenant) =>
        {
            if (tenant != authority.EntraTenant)
            {
                return Results.NotFound();
            }

            lock (authority._gate)
            {
                return Results.Json(new { keys = authority._entraKeys.Select(key => key.ToJwk(endorsements: null)).ToArray() });
            }
        });

        await app.StartAsync();
        authority._app = app;
        authority.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return authority;
    }

    /// <summary>Publishes a key in the Bot Framework key set; endorsements null leaves the property out.</summary>
    public void PublishBotFrameworkKey(TestSigningKey key, IReadOnlyList<string>? endorsements)
    {
        lock (_gate)
        {
            _botFrameworkKeys.Add((key, endorsements));
        }
    }

    public void WithdrawBotFrameworkKey(TestSigningKey key)
    {
        lock (_gate)
        {
            _botFrameworkKeys.RemoveAll(entry => entry.Key.KeyId == key.KeyId);
        }
    }

    public void PublishEntraKey(TestSigningKey key)
    {
        lock (_gate)
        {
            _entraKeys.Add(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
