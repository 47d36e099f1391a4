namespace PestProtocol.Bot.Persistence;

/// <summary>
/// The case was changed by someone else after it was loaded; nothing of this save was stored.
/// Reload the case and let the user try again. The message holds no personal data.
/// </summary>
public sealed class CaseConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaseConcurrencyException(Guid caseId, Exception? innerException = null)
        : base("The case was changed by someone else since it was loaded; nothing was saved.", innerException)
    {
        CaseId = caseId;
    }

    /// <summary>The case that could not be saved.</summary>
    public Guid CaseId { get; }
}
