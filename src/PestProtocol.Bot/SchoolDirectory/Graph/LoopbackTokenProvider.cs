using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace PestProtocol.Bot.SchoolDirectory.Graph;

/// <summary>
/// Authenticates requests to a local stand-in for Graph (a loopback base URL) with a fixed bearer token,
/// so no real credential is ever sent to, or needed for, a fake.
/// </summary>
public sealed class LoopbackTokenProvider(string token = "local-graph-fake") : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.URI.IsLoopback)
        {
            request.Headers.TryAdd("Authorization", $"Bearer {token}");
        }

        return Task.CompletedTask;
    }
}
