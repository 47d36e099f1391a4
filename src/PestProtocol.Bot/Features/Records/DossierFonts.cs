using PdfSharp.Fonts;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// PDFsharp on Linux has no fonts of its own: this resolver serves DejaVu Sans (Debian package fonts-dejavu-core) or,
/// when that is missing, Liberation Sans (fonts-liberation), regular and bold. Both cover every Dutch character (ë, ï, é, –).
/// </summary>
public sealed class DossierFonts : IFontResolver
{
    public const string Family = "PestProtocol Sans";

    private static readonly string[][] Candidates =
    [
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
        ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
        ["/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"],
        ["C:\\Windows\\Fonts\\arial.ttf", "C:\\Windows\\Fonts\\arialbd.ttf"],
    ];

    private static readonly Lock InstallLock = new();
    private static bool s_installed;

    private readonly string _regular;
    private readonly string _bold;

    private DossierFonts(string regular, string bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>True when a usable font pair is on this machine.</summary>
    public static bool Available => Find() is not null;

    /// <summary>Installs the resolver for the process (PDFsharp keeps it globally; once is enough).</summary>
    /// <exception cref="InvalidOperationException">No font is installed (install fonts-dejavu-core).</exception>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (s_installed)
            {
                return;
            }

            var pair = Find() ?? throw new InvalidOperationException("No font for the PDF: install the Debian package fonts-dejavu-core (or fonts-liberation).");
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DossierFonts(pair[0], pair[1]);
            }

            s_installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "bold" : "regular");

    public byte[]? GetFont(string faceName) =>
        File.ReadAllBytes(faceName == "bold" ? _bold : _regular);

    private static string[]? Find() => Candidates.FirstOrDefault(pair => pair.All(File.Exists));
}
