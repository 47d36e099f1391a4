namespace PestProtocol.Bot.SchoolDirectory;

/// <summary>
/// The directory could not answer (Graph outage, timeout, throttled beyond the retries, missing permission).
/// Callers treat the person as unknown for this turn (the safe side: a student). The message carries no personal data.
/// </summary>
public sealed class DirectoryUnavailableException : Exception
{
    public DirectoryUnavailableException()
        : base("De schoolgids is tijdelijk niet bereikbaar.")
    {
    }

    public DirectoryUnavailableException(string message)
        : base(message)
    {
    }

    public DirectoryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status Graph answered with, when it answered.</summary>
    public int? StatusCode { get; init; }
}
