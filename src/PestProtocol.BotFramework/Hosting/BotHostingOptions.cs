namespace PestProtocol.BotFramework.Hosting;

/// <summary>Limits of the messaging endpoint.</summary>
public sealed class BotHostingOptions
{
    /// <summary>Largest accepted request body; larger → 413. Teams messages stay well under 100 KB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
