using System.Runtime.CompilerServices;
using PestProtocol.BotFramework.Authentication;

namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// The outbound token provider for a configuration: none in development mode (no MicrosoftAppId: the connector sends no
/// Authorization header), else <see cref="MsalBotTokenProvider"/>. In development mode the MSAL assembly is never loaded.
/// </summary>
public static class BotTokenProviders
{
    public static IBotTokenProvider For(BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsDevelopmentMode ? NoBotToken.Instance : Msal(options);
    }

    /// <summary>A method of its own: compiling <see cref="For"/> must not resolve MSAL's types.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IBotTokenProvider Msal(BotAuthenticationOptions options) => new MsalBotTokenProvider(options, httpClientFactory: null);

    private sealed class NoBotToken : IBotTokenProvider
    {
        public static readonly NoBotToken Instance = new();

        private static readonly Task<string?> None = Task.FromResult<string?>(null);

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => None;
    }
}
