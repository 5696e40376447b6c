using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// Whether uploaded bytes are a plain PDF: judged by the bytes, never the file name. It must start with the PDF header, open as
/// a PDF with at least one page, and carry no active content (JavaScript, launch actions, actions run on opening, embedded
/// files): an auditor's statement is a document to read, and the embete's staff open it.
/// </summary>
internal static class PdfCheck
{
    private static readonly string[] ActiveContent = ["/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/OpenAction", "/AA", "/RichMedia", "/XFA"];

    public enum Verdict
    {
        Pdf,
        NotPdf,
        ActiveContent,
    }

    public static Verdict Judge(byte[] bytes)
    {
        if (bytes.Length < 8 || !bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            return Verdict.NotPdf;
        }
        // Names in the raw bytes first: cheap, and catches what a parser might skip (PDF names end at a delimiter).
        var text = Encoding.Latin1.GetString(bytes);
        if (ActiveContent.Any(name => ContainsName(text, name)))
        {
            return Verdict.ActiveContent;
        }
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.NumberOfPages < 1)
            {
                return Verdict.NotPdf;
            }
            // Names hidden in compressed object streams show up in the parsed catalog.
            var catalog = document.Structure.Catalog.CatalogDictionary;
            if (catalog.ContainsKey(NameToken.OpenAction) || catalog.ContainsKey(NameToken.Aa)
                || (catalog.TryGet(NameToken.Names, out DictionaryToken names) && (names.ContainsKey(NameToken.JavaScript) || names.ContainsKey(NameToken.EmbeddedFiles))))
            {
                return Verdict.ActiveContent;
            }
            return Verdict.Pdf;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Verdict.NotPdf;
        }
    }

    private static bool ContainsName(string text, string name)
    {
        for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + 1, StringComparison.Ordinal))
        {
            var end = i + name.Length;
            if (end >= text.Length || IsDelimiter(text[end]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is '/' or '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '%';
}
