using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Ktu.Web.Documents;

/// <summary>
/// Letters for the archive as one zip: "metadata.xml" first, then "dokumenter/" with one PDF per letter.
/// The metadata follows Noark 5 in spirit (one registration per document) with plain field names:
/// <c>arkivuttrekk/dokument</c> with <c>saksnummer</c>, <c>dokumentdato</c> (yyyy-MM-dd), <c>tittel</c>,
/// <c>mottaker</c>, <c>orgnr</c>, <c>versjon</c>, <c>filnavn</c> (path in the zip), <c>format</c>
/// ("PDF/A-2b"), <c>filstorrelse</c> (bytes), <c>sjekksum</c> (SHA-256, lower-case hex, attribute
/// <c>algoritme</c>) and, when known, <c>malsjekksum</c> (the template's SHA-256).
/// File names are built from the case reference and the recipient in ASCII letters, digits and hyphens
/// only, so no name can climb out of the folder. Order and timestamps come from the documents alone,
/// so the same letters always give the same zip.
/// </summary>
internal static class ArchiveExport
{
    public const string MetadataFile = "metadata.xml";
    public const string Folder = "dokumenter/";
    private const int MaxNamePart = 60;

    public static void Write(Stream zip, IEnumerable<ArchiveDocument> documents)
    {
        var ordered = documents
            .OrderBy(d => d.CaseReference, StringComparer.Ordinal)
            .ThenBy(d => d.Version)
            .ThenBy(d => d.DocumentDate)
            .ThenBy(d => Sha256(d.Pdf), StringComparer.Ordinal)
            .ToList();
        var names = FileNames(ordered);

        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        var newest = ordered.Count == 0 ? new DateOnly(1980, 1, 1) : ordered.Max(d => d.DocumentDate);
        WriteEntry(archive, MetadataFile, Metadata(ordered, names), newest);
        for (var i = 0; i < ordered.Count; i++)
        {
            WriteEntry(archive, names[i], ordered[i].Pdf, ordered[i].DocumentDate);
        }
    }

    public static byte[] Write(IEnumerable<ArchiveDocument> documents)
    {
        using var stream = new MemoryStream();
        Write(stream, documents);
        return stream.ToArray();
    }

    /// <summary>"KTU-2025-TRO-0001_v1_Trondheim-kommune.pdf": case, version and recipient, made safe, unique within the zip.</summary>
    internal static IReadOnlyList<string> FileNames(IReadOnlyList<ArchiveDocument> ordered)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(ordered.Count);
        foreach (var d in ordered)
        {
            var stem = $"{SafeName(d.CaseReference, "sak")}_v{d.Version.ToString(CultureInfo.InvariantCulture)}_{SafeName(d.Recipient, "mottaker")}";
            var name = stem + ".pdf";
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{stem}_{n.ToString(CultureInfo.InvariantCulture)}.pdf";
            }
            names.Add(Folder + name);
        }
        return names;
    }

    /// <summary>
    /// ASCII letters, digits and single hyphens only: æ ø å become ae oe aa, ŋ đ ŧ become n d t, other accents are dropped,
    /// everything else (slashes, dots, control characters) becomes a hyphen or disappears.
    /// </summary>
    internal static string SafeName(string? text, string fallback)
    {
        var s = (text ?? "")
            .Replace("æ", "ae", StringComparison.Ordinal).Replace("Æ", "Ae", StringComparison.Ordinal)
            .Replace("ø", "oe", StringComparison.Ordinal).Replace("Ø", "Oe", StringComparison.Ordinal)
            .Replace("å", "aa", StringComparison.Ordinal).Replace("Å", "Aa", StringComparison.Ordinal)
            // Sami letters without a decomposition (Porsáŋgu).
            .Replace('ŋ', 'n').Replace('Ŋ', 'N').Replace('đ', 'd').Replace('Đ', 'D').Replace('ŧ', 't').Replace('Ŧ', 'T')
            .Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                b.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && b.Length > 0 && b[^1] != '-')
            {
                b.Append('-');
            }
            if (b.Length >= MaxNamePart)
            {
                break;
            }
        }
        var result = b.ToString().Trim('-');
        return result.Length == 0 ? fallback : result;
    }

    private static byte[] Metadata(List<ArchiveDocument> ordered, IReadOnlyList<string> names)
    {
        var root = new XElement("arkivuttrekk",
            new XAttribute("antallDokumenter", ordered.Count),
            ordered.Select((d, i) => new XElement("dokument",
                new XElement("saksnummer", Xml(d.CaseReference)),
                new XElement("dokumentdato", d.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new XElement("tittel", Xml(d.Title)),
                new XElement("mottaker", Xml(d.Recipient)),
                new XElement("orgnr", Xml(d.RecipientOrgNumber)),
                new XElement("versjon", d.Version),
                new XElement("filnavn", names[i]),
                new XElement("format", "PDF/A-2b"),
                new XElement("filstorrelse", d.Pdf.Length),
                new XElement("sjekksum", new XAttribute("algoritme", "SHA-256"), Sha256(d.Pdf)),
                d.TemplateSha256 is { } template ? new XElement("malsjekksum", new XAttribute("algoritme", "SHA-256"), template) : null)));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }
        return stream.ToArray();
    }

    private static void WriteEntry(ZipArchive archive, string name, byte[] content, DateOnly date)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        // Zip stores local time without a zone; noon on the document date keeps the date right everywhere.
        entry.LastWriteTime = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }

    /// <summary>Characters XML cannot hold (most control characters) are dropped rather than failing the export.</summary>
    private static string Xml(string? text) => new((text ?? "").Where(XmlConvert.IsXmlChar).ToArray());

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
