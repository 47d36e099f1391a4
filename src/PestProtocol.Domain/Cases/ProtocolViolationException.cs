namespace PestProtocol.Domain.Cases;

/// <summary>
/// A move that the protocol does not allow. <see cref="Exception.Message"/> is Dutch and may be shown to the user;
/// <see cref="Code"/> is for programs. Messages never contain personal data.
/// </summary>
public sealed class ProtocolViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtocolViolationException(ViolationCode code, string messageNl, string messageEn)
        : base(messageNl)
    {
        Code = code;
        MessageEn = messageEn;
    }

    /// <summary>Machine-readable reason.</summary>
    public ViolationCode Code { get; }

    /// <summary>The same message in English.</summary>
    public string MessageEn { get; }

    /// <summary>The code as a stable kebab-free string, e.g. "ParentsNotInformed".</summary>
    public string CodeName => Code.ToString();
}
