using System.Globalization;

namespace PestProtocol.Domain.Localization;

/// <summary>The languages the protocol texts exist in. Dutch is the school's own text and the default.</summary>
public enum Locale
{
    /// <summary>Nederlands (nl-NL), the source language and default.</summary>
    Nl = 0,

    /// <summary>English translation.</summary>
    En = 1,
}

/// <summary>Maps a .NET culture to a protocol <see cref="Locale"/>.</summary>
public static class LocaleExtensions
{
    /// <summary>English for any "en" culture, Dutch for everything else (including null).</summary>
    public static Locale ToLocale(this CultureInfo? culture) =>
        culture is not null && culture.TwoLetterISOLanguageName.Equals("en", StringComparison.OrdinalIgnoreCase)
            ? Locale.En
            : Locale.Nl;

    /// <summary>The culture name ("nl-NL" or "en-GB") used to format dates for a locale.</summary>
    public static CultureInfo ToCulture(this Locale locale) =>
        CultureInfo.GetCultureInfo(locale == Locale.En ? "en-GB" : "nl-NL");
}
