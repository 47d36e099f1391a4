namespace PestProtocol.BotFramework.Connector;

/// <summary>
/// Supplies the bearer token the bot sends to the connector (client credentials,
/// scope https://api.botframework.com/.default). Returns null in development mode: no token.
/// </summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
