using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;

namespace Ktu.Web.Documents;

/// <summary>
/// DejaVu Sans, regular and bold, read from the assembly's resources (Documents/Fonts, Bitstream Vera
/// licence beside them). PDF/A requires every font to be embedded, and the standard 14 fonts cannot
/// print æøå reliably; the product never reads fonts from the server's file system.
/// The files are a subset (Latin with Sámi letters, Greek, Cyrillic, punctuation, currency; Documents/Fonts/README.md):
/// PdfPig parses the whole font and reads every glyph once per document, so 1 300 glyphs instead of
/// 6 250 make a grant letter about twice as cheap to render. A letter the subset lacks prints as "?".
/// </summary>
internal sealed class PdfFont
{
    /// <summary>Advance width in em of every letter the font has, read once so rendering only reads (safe across requests).</summary>
    private readonly FrozenDictionary<char, double> _widths;

    private PdfFont(byte[] bytes)
    {
        Bytes = bytes;
        var font = TrueTypeFontParser.Parse(new TrueTypeDataBytes(bytes));
        var unitsPerEm = (double)font.GetUnitsPerEm();
        var widths = new Dictionary<char, double>();
        if (font.WindowsUnicodeCMap is { } cmap)
        {
            for (var c = 1; c <= char.MaxValue; c++)
            {
                if (c is >= 0xD800 and <= 0xDFFF || cmap.CharacterCodeToGlyphIndex(c) <= 0)
                {
                    continue;
                }
                widths[(char)c] = font.TryGetAdvanceWidth(c, out var w) ? w / unitsPerEm : 0;
            }
        }
        _widths = widths.ToFrozenDictionary();
    }

    public byte[] Bytes { get; }

    public static PdfFont Regular { get; } = Load("Fonts.DejaVuSans-KtuSubset.ttf");
    public static PdfFont Bold { get; } = Load("Fonts.DejaVuSans-Bold-KtuSubset.ttf");

    /// <summary>Width of the text in points at the given size, as the writer will place it (no kerning).</summary>
    public double Width(string text, double size)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += _widths.GetValueOrDefault(c);
        }
        return em * size;
    }

    /// <summary>True when the font has a glyph for the letter (glyph 0 is the empty "missing" box).</summary>
    public double Width(char c, double size) => _widths.GetValueOrDefault(c) * size;

    public bool Has(char c) => _widths.ContainsKey(c);

    /// <summary>
    /// Text as the font can draw it: composed (NFC) so "ø" typed as o + stroke prints as one letter,
    /// tabs as spaces, other control characters removed, and letters the font lacks (emoji and the
    /// like) as "?". Line breaks are kept for the caller to split on.
    /// </summary>
    public string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var s = text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var b = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                b.Append('\n');
            }
            else if (rune.Value == '\t' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator)
            {
                b.Append(' ');
            }
            else if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format)
            {
                // Zero-width and direction marks have no glyph; dropping them keeps the words intact.
            }
            else if (rune.IsBmp && Has((char)rune.Value))
            {
                b.Append((char)rune.Value);
            }
            else
            {
                b.Append('?');
            }
        }
        return b.ToString();
    }

    private static PdfFont Load(string resource)
    {
        using var stream = typeof(PdfFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Font resource {resource} is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return new PdfFont(memory.ToArray());
    }
}
