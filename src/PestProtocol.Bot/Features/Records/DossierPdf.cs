using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PestProtocol.Bot.Cards;
using PestProtocol.Bot.Features.Overview.Cards;

namespace PestProtocol.Bot.Features.Records;

/// <summary>
/// The printable dossier of one case (for a meeting with parents or a transfer to another school): A4, a header with
/// the case, every dossier entry in order with who, when, what, with whom and what was agreed, and on every page who
/// made the print and when, and that it is confidential. Like the dossier card (only staff with a role in the case see
/// either), it names the other students as participants: "Pester: Lars de Jong (2b)".
/// </summary>
public static class DossierPdf
{
    private const double Margin = 56; // ~2 cm
    private const double BodySize = 10;

    /// <summary>Renders the PDF.</summary>
    /// <param name="view">The dossier with names looked up.</param>
    /// <param name="printedBy">The name of who asked for it.</param>
    /// <param name="now">When.</param>
    public static byte[] Render(DossierView view, string printedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        DossierFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Dossier pestprotocol {view.CaseCode}";
        document.Info.Creator = "PestProtocol";
        var writer = new PageWriter(document);
        var c = view.Case;

        writer.Write($"Dossier pestprotocol – melding {view.CaseCode}", writer.Title);
        writer.Write("Vertrouwelijk: gegevens over een minderjarige leerling. Alleen voor wie bij de begeleiding betrokken is; niet doorsturen of laten liggen.", writer.Small);
        writer.Space(6);
        writer.Fact("Leerling", view.StudentName);
        writer.Fact("Klas", c.ClassName);
        writer.Fact("Locatie", view.LocationName);
        writer.Fact("Geopend op", DutchDates.DateAndTime(c.OpenedAt));
        writer.Fact("Huidige stap", c.CurrentStepTitle());
        if (!c.IsClosed)
        {
            writer.Fact("Volgende stap", c.NextAction);
        }

        if (c.NextFollowUpDate is { } followUp)
        {
            writer.Fact("Vervolgafspraak", DutchDates.DateWithYear(followUp));
        }

        writer.Space(6);
        writer.Write(DossierCard.PupilsHeading, writer.Bold);
        foreach (var fact in DossierCard.PupilFacts(view))
        {
            writer.Fact(fact.Title, fact.Value);
        }

        foreach (var entry in c.Dossier.OrderBy(e => e.Sequence))
        {
            writer.Space(10);
            writer.Rule();
            writer.Write(DossierCard.EntryTitle(view, entry), writer.Heading);
            writer.Write($"{DutchDates.DateAndTime(entry.RecordedAt)} · {DossierCard.StaffName(view, entry.Actor.StaffId)} ({DutchNames.Of(entry.Actor.Role)})", writer.Small);
            if (!string.IsNullOrWhiteSpace(entry.Text))
            {
                writer.Write(entry.Text, writer.Body);
            }

            foreach (var fact in DossierCard.Facts(view, entry))
            {
                writer.Fact(fact.Title, fact.Value);
            }

            if (entry.Agreements.Count > 0)
            {
                writer.Write("Afspraken", writer.Bold);
                foreach (var agreement in entry.Agreements)
                {
                    writer.Write("• " + agreement, writer.Body, indent: 10);
                }
            }
        }

        var footer = $"Melding {view.CaseCode} · gemaakt op {DutchDates.DateAndTime(now)} door {printedBy} · vertrouwelijk";
        writer.Footers(footer);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Writes wrapped lines top to bottom and starts a new page when one is full.</summary>
    private sealed class PageWriter
    {
        private readonly PdfDocument _document;
        private PdfPage _page = null!;
        private XGraphics _graphics = null!;
        private double _y;

        public PageWriter(PdfDocument document)
        {
            _document = document;
            Title = new XFont(DossierFonts.Family, 16, XFontStyleEx.Bold);
            Heading = new XFont(DossierFonts.Family, 11.5, XFontStyleEx.Bold);
            Bold = new XFont(DossierFonts.Family, BodySize, XFontStyleEx.Bold);
            Body = new XFont(DossierFonts.Family, BodySize, XFontStyleEx.Regular);
            Small = new XFont(DossierFonts.Family, 8.5, XFontStyleEx.Regular);
            NewPage();
        }

        public XFont Title { get; }

        public XFont Heading { get; }

        public XFont Bold { get; }

        public XFont Body { get; }

        public XFont Small { get; }

        private double Width => _page.Width.Point - (2 * Margin);

        private double Bottom => _page.Height.Point - Margin - 20;

        public void Space(double points) => _y += points;

        public void Rule()
        {
            EnsureRoom(4);
            _graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
            _y += 4;
        }

        public void Fact(string title, string value) => Write($"{title}: {value}", Body, boldPrefixLength: title.Length + 1);

        public void Write(string text, XFont font, double indent = 0, int boldPrefixLength = 0)
        {
            var lineHeight = font.Size * 1.35;
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var first = true;
                foreach (var line in Wrap(paragraph, font, Width - indent))
                {
                    EnsureRoom(lineHeight);
                    var x = Margin + indent;
                    if (first && boldPrefixLength > 0 && line.Length >= boldPrefixLength)
                    {
                        var prefix = line[..boldPrefixLength];
                        _graphics.DrawString(prefix, Bold, XBrushes.Black, new XPoint(x, _y + font.Size));
                        x += _graphics.MeasureString(prefix + " ", Bold).Width;
                        _graphics.DrawString(line[boldPrefixLength..].TrimStart(), font, XBrushes.Black, new XPoint(x, _y + font.Size));
                    }
                    else
                    {
                        _graphics.DrawString(line, font, XBrushes.Black, new XPoint(x, _y + font.Size));
                    }

                    _y += lineHeight;
                    first = false;
                }
            }
        }

        /// <summary>"Pagina n van m" and the footer text on every page.</summary>
        public void Footers(string text)
        {
            _graphics.Dispose();
            var count = _document.PageCount;
            for (var i = 0; i < count; i++)
            {
                var page = _document.Pages[i];
                using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var y = page.Height.Point - Margin + 6;
                graphics.DrawString(text, Small, XBrushes.Gray, new XPoint(Margin, y));
                var number = $"pagina {i + 1} van {count}";
                var width = graphics.MeasureString(number, Small).Width;
                graphics.DrawString(number, Small, XBrushes.Gray, new XPoint(page.Width.Point - Margin - width, y + 12));
            }
        }

        private void EnsureRoom(double height)
        {
            if (_y + height > Bottom)
            {
                _graphics.Dispose();
                NewPage();
            }
        }

        private void NewPage()
        {
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private IEnumerable<string> Wrap(string paragraph, XFont font, double width)
        {
            if (paragraph.Length == 0)
            {
                yield return string.Empty;
                yield break;
            }

            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (_graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    yield return line;
                }

                // A single word longer than the line (a URL, a long name) is cut where it no longer fits.
                var rest = word;
                while (_graphics.MeasureString(rest, font).Width > width && rest.Length > 1)
                {
                    var cut = rest.Length - 1;
                    while (cut > 1 && _graphics.MeasureString(rest[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    yield return rest[..cut];
                    rest = rest[cut..];
                }

                line = rest;
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
