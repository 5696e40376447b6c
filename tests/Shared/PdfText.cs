using System.Text;
using UglyToad.PdfPig;

namespace Ktu.TestSupport;

/// <summary>
/// Reads a PDF's text back the way a reader copies it out, for tests that check what a document says.
/// One copy, linked into the unit, integration and browser tests.
/// </summary>
internal static class PdfText
{
    /// <summary>All text of all pages, each printed line on its own line.</summary>
    public static string Lines(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            foreach (var line in page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key))
            {
                var letters = line.OrderBy(l => l.StartBaseLine.X).ToList();
                for (var i = 0; i < letters.Count; i++)
                {
                    // The writer draws spaces as letters; a gap between text runs (table columns) becomes one space.
                    if (i > 0 && letters[i].StartBaseLine.X - letters[i - 1].EndBaseLine.X > 1 && letters[i - 1].Value != " ")
                    {
                        text.Append(' ');
                    }
                    text.Append(letters[i].Value);
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The text with every run of spaces and line breaks as one space, so a sentence wrapped over two lines is found whole.</summary>
    public static string Flat(byte[] bytes) =>
        string.Join(' ', Lines(bytes).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
