namespace PestProtocol.Domain.Localization;

/// <summary>One text in Dutch (the protocol's own words) with its English translation beside it.</summary>
/// <param name="Nl">Dutch text, faithful to the school's protocol.</param>
/// <param name="En">English translation.</param>
public sealed record LocalizedText(string Nl, string En)
{
    /// <summary>The text in the given locale.</summary>
    public string In(Locale locale) => locale == Locale.En ? En : Nl;

    /// <inheritdoc />
    public override string ToString() => Nl;
}
