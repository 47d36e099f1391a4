using System.Globalization;
using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>All appendices (Bijlage 1–8) of the protocol; Dutch by default, English beside it.</summary>
public static class AppendixCatalog
{
    /// <summary>All eight appendices in order.</summary>
    public static readonly IReadOnlyList<Appendix> All =
    [
        Bijlage1Signalen.Appendix,
        Bijlage2Thermometer.Appendix,
        Bijlage3OrienterendGesprek.Appendix,
        Bijlage4Gesprekstips.Appendix,
        Bijlage5DigitalePesterijen.Appendix,
        Bijlage6Bemiddelingsgesprek.Appendix,
        Bijlage7ConfronterendGesprek.Appendix,
        Bijlage8Herstelgesprek.Appendix,
    ];

    /// <summary>One appendix in both languages.</summary>
    public static Appendix Definition(AppendixId id) =>
        All.FirstOrDefault(a => a.Id == id) ?? throw new ArgumentOutOfRangeException(nameof(id));

    /// <summary>One appendix in a locale (Dutch by default).</summary>
    public static LocalizedAppendix Get(AppendixId id, Locale locale = Locale.Nl) => Definition(id).In(locale);

    /// <summary>One appendix in the locale matching a culture (English for "en-*", Dutch otherwise).</summary>
    public static LocalizedAppendix Get(AppendixId id, CultureInfo? culture) => Get(id, culture.ToLocale());
}
