using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ktu.Web.Documents;

/// <summary>
/// A top-to-bottom layout on A4 pages: headings, label/value fields, wrapped paragraphs and simple
/// tables, with a page break wherever the next line does not fit and "Side n av N" in every footer.
/// Everything is drawn as text, so whatever an applicant typed (HTML, script) prints literally.
/// PDF/A-2B (ISO 19005-2, level B) because the copy is archived: fonts embedded, sRGB output
/// intent and XMP metadata, which PdfPig writes when <see cref="PdfDocumentBuilder.ArchiveStandard"/> is set.
/// Reusable for grant letters; it knows nothing about applications.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Margin = 56.7; // 20 mm
    private const double FooterHeight = 28;
    private const double BodySize = 10;
    private const double LineHeight = 14;
    private const double LabelWidth = 165;

    private readonly PdfDocumentBuilder _builder;
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private readonly List<PdfPageBuilder> _pages = [];
    private PdfPageBuilder _page = null!;
    private double _y;

    public PdfFlow(PdfMetadata metadata)
    {
        _builder = new PdfDocumentBuilder
        {
            ArchiveStandard = PdfAStandard.A2B,
            IncludeDocumentInformation = true,
            // PDF/A-2 (ISO 19005-2, 6.6.2.3) wants dc:title and dc:description as language
            // alternatives and dc:creator as a sequence; PdfPig writes whatever the information
            // dictionary holds as plain text, so title, author, subject and date go to XMP only.
            XmpMetadata = PdfXmp.Describe(metadata),
        };
        _builder.DocumentInformation.Creator = "KTU – Kompetanse- og tjenesteutviklingstilskudd";
        _regular = _builder.AddTrueTypeFont(PdfFont.Regular.Bytes);
        _bold = _builder.AddTrueTypeFont(PdfFont.Bold.Bytes);
        NewPage();
    }

    public static double TextWidth => PageWidth - 2 * Margin;

    private static double Bottom => Margin + FooterHeight;

    public void Title(string text)
    {
        Lines(text, PdfFont.Bold, _bold, 14, 19, Margin, TextWidth);
        _y -= 6;
    }

    public void Heading(string text)
    {
        _y -= 10;
        EnsureRoom(LineHeight * 4); // a heading never stands alone at the foot of a page
        Lines(text, PdfFont.Bold, _bold, 13, 18, Margin, TextWidth);
        _page.DrawLine(new PdfPoint(Margin, _y + 4), new PdfPoint(PageWidth - Margin, _y + 4), 0.5);
        _y -= 4;
    }

    public void SubHeading(string text)
    {
        _y -= 6;
        EnsureRoom(LineHeight * 3);
        Lines(text, PdfFont.Bold, _bold, 11, 16, Margin, TextWidth);
    }

    /// <summary>A short value beside its label; long values wrap in the value column.</summary>
    public void Field(string label, string? value)
    {
        Table([new PdfColumn(LabelWidth), new PdfColumn(TextWidth - LabelWidth)], [label, Value(value)], boldFirst: true);
    }

    /// <summary>A long text under its label, across the full width and over as many pages as it needs.</summary>
    public void Text(string label, string? value)
    {
        EnsureRoom(LineHeight * 2);
        Lines(label, PdfFont.Bold, _bold, BodySize, LineHeight, Margin, TextWidth);
        Lines(Value(value), PdfFont.Regular, _regular, BodySize, LineHeight, Margin, TextWidth);
        _y -= 4;
    }

    public void Paragraph(string text, bool bold = false)
    {
        Lines(text, bold ? PdfFont.Bold : PdfFont.Regular, bold ? _bold : _regular, BodySize, LineHeight, Margin, TextWidth);
    }

    /// <summary>One table row; each cell wraps in its column and the row breaks across pages line by line.</summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IReadOnlyList<string> cells, bool bold = false, bool boldFirst = false)
    {
        var wrapped = new List<IReadOnlyList<string>>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var font = bold || (boldFirst && i == 0) ? PdfFont.Bold : PdfFont.Regular;
            wrapped.Add(Wrap(font.Clean(i < cells.Count ? cells[i] : ""), font, BodySize, columns[i].Width - 6));
        }
        var rows = wrapped.Max(w => w.Count);
        for (var line = 0; line < rows; line++)
        {
            EnsureRoom(LineHeight);
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                if (line < wrapped[i].Count && wrapped[i][line].Length > 0)
                {
                    var isBold = bold || (boldFirst && i == 0);
                    var text = wrapped[i][line];
                    var left = columns[i].Align == CellAlign.Right
                        ? x + columns[i].Width - 6 - (isBold ? PdfFont.Bold : PdfFont.Regular).Width(text, BodySize)
                        : x;
                    _page.AddText(text, BodySize, new PdfPoint(left, _y - BodySize), isBold ? _bold : _regular);
                }
                x += columns[i].Width;
            }
            _y -= LineHeight;
        }
        _y -= 2;
    }

    public void Space(double points = LineHeight / 2) => _y -= points;

    /// <summary>Writes the page number ("Side {0} av {1}") and the given text in every footer and returns the finished file.</summary>
    public byte[] Finish(string footer, string pageNumberFormat)
    {
        var cleanFooter = PdfFont.Regular.Clean(footer);
        for (var i = 0; i < _pages.Count; i++)
        {
            var p = _pages[i];
            var number = string.Format(CultureInfo.InvariantCulture, pageNumberFormat, i + 1, _pages.Count);
            p.SetTextAndFillColor(90, 90, 90);
            p.AddText(cleanFooter, 8, new PdfPoint(Margin, Margin - 8), _regular);
            p.AddText(number, 8, new PdfPoint(PageWidth - Margin - PdfFont.Regular.Width(number, 8), Margin - 8), _regular);
            p.ResetColor();
        }
        return _builder.Build();
    }

    public void Dispose() => _builder.Dispose();

    private static string Value(string? value) => string.IsNullOrWhiteSpace(value) ? "–" : value;

    private void Lines(string text, PdfFont font, PdfDocumentBuilder.AddedFont added, double size, double lineHeight, double x, double width)
    {
        foreach (var line in Wrap(font.Clean(text), font, size, width))
        {
            EnsureRoom(lineHeight);
            if (line.Length > 0)
            {
                _page.AddText(line, size, new PdfPoint(x, _y - size), added);
            }
            _y -= lineHeight;
        }
    }

    private void EnsureRoom(double height)
    {
        if (_y - height < Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _page = _builder.AddPage(PageSize.A4);
        _pages.Add(_page);
        _y = PageHeight - Margin;
    }

    /// <summary>
    /// Greedy word wrap by measured width. Line breaks the writer typed are kept; a word wider than
    /// the column (a long URL, a hash) is cut where it no longer fits.
    /// </summary>
    internal static List<string> Wrap(string text, PdfFont font, double size, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.Width(candidate, size) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    result.Add(line);
                }
                // Cut a word wider than the column where it no longer fits, walking it once.
                var start = 0;
                while (start < word.Length)
                {
                    var end = Fit(word, start, font, size, width);
                    if (end == word.Length)
                    {
                        break;
                    }
                    result.Add(word[start..end]);
                    start = end;
                }
                line = word[start..];
            }
            result.Add(line);
        }
        return result;
    }

    /// <summary>The end of the longest run from <paramref name="start"/> that fits the width (at least one letter).</summary>
    private static int Fit(string word, int start, PdfFont font, double size, double width)
    {
        var used = 0.0;
        for (var i = start; i < word.Length; i++)
        {
            used += font.Width(word[i], size);
            if (used > width)
            {
                return Math.Max(start + 1, i);
            }
        }
        return word.Length;
    }

}
